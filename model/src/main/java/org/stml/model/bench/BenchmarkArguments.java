package org.stml.model.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --key value} command-line arguments against a set of known keys with defaults. */
public final class BenchmarkArguments {

    private final Map<String, String> values;

    private BenchmarkArguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses the arguments; an unknown key or a key without a value is refused with a one-line message.
     *
     * @param args the command line
     * @param defaults every known key and its default value
     * @return the parsed arguments
     */
    public static BenchmarkArguments parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new HashMap<>(defaults);
        Set<String> known = defaults.keySet();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (!known.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + " (known: --" + String.join(", --", known) + ")");
            }
            values.put(key, args[i + 1]);
        }
        return new BenchmarkArguments(values);
    }

    /**
     * Returns an option's value.
     *
     * @param key the option, without its dashes
     * @return its value
     */
    public String text(String key) {
        return values.get(key);
    }

    /**
     * Returns an option's value as an integer.
     *
     * @param key the option, without its dashes
     * @return its value
     * @throws IllegalArgumentException if it is not an integer
     */
    public int integer(String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs an integer, got '" + values.get(key) + "'", e);
        }
    }
}
