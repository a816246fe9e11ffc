package org.stml.actors.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

/**
 * Reads typed values under one section of {@code stml}, collecting a one-line error per bad key instead of throwing,
 * and recording the canonical value of every key it read (for rendering and flattening). Readers made with
 * {@link #section(String)} share the errors and values of their parent.
 */
final class SettingsReader {

    private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

    private final Config config;
    private final String prefix;
    private final Findings findings;

    private SettingsReader(Config config, String prefix, Findings findings) {
        this.config = config;
        this.prefix = prefix;
        this.findings = findings;
    }

    /**
     * Creates a reader of the {@code stml} section of a whole configuration.
     *
     * @param config the whole configuration, resolved
     * @return a reader with no findings yet
     */
    static SettingsReader create(Config config) {
        return new SettingsReader(config, StmlSettings.ROOT, new Findings());
    }

    /**
     * Returns a reader of a sub-section, sharing this reader's findings.
     *
     * @param name the section name, relative to this reader
     * @return the reader
     */
    SettingsReader section(String name) {
        return new SettingsReader(config, path(name), findings);
    }

    /**
     * Returns the full path of a key of this section.
     *
     * @param key the key, relative to this reader
     * @return the full path, e.g. {@code stml.loss.margin}
     */
    String path(String key) {
        return prefix + "." + key;
    }

    /**
     * Records an error about a key (one line) and marks the key as failed.
     *
     * @param path the full path of the key; it and everything under it count as failed
     * @param message the message after {@code path: }
     */
    void fail(String path, String message) {
        if (!failed(path)) {
            findings.errors.add(path + ": " + message);
            findings.failed.add(path);
        }
    }

    /**
     * Records an error that is not about the value of one key, e.g. an unknown key.
     *
     * @param line the whole line
     */
    void error(String line) {
        findings.errors.add(line);
    }

    /**
     * Returns whether reading any of these keys, or a section above them, failed.
     *
     * @param paths full paths
     * @return true if one failed; cross-field rules are skipped then
     */
    boolean failed(String... paths) {
        for (String path : paths) {
            for (String failedPath : findings.failed) {
                if (path.equals(failedPath) || path.startsWith(failedPath + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Checks a cross-field rule unless one of its keys already failed.
     *
     * @param holds whether the rule holds
     * @param path the key the error is reported on
     * @param message the message if the rule does not hold
     * @param involved the full paths of every key the rule reads
     */
    void require(boolean holds, String path, String message, String... involved) {
        if (!holds && !failed(involved) && !failed(path)) {
            fail(path, message);
        }
    }

    /**
     * Returns the errors found so far.
     *
     * @return the one-line errors, in order
     */
    List<String> errors() {
        return List.copyOf(findings.errors);
    }

    /**
     * Returns the canonical value of every key read, by full path, in reading order.
     *
     * @return Integer, Long, Double, Boolean, String or List&lt;Integer&gt; values
     */
    Map<String, Object> values() {
        return findings.values;
    }

    /**
     * Reads an integer in {@code [min, max]}.
     *
     * @param key the key
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the value, or {@code min} after an error
     */
    int integer(String key, int min, int max) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return min;
        }
        Long parsed = integral(value);
        if (parsed == null) {
            fail(path, "expected an integer, got " + value.render(CONCISE));
            return min;
        }
        if (parsed < min || parsed > max) {
            fail(path, rangeText(min, max) + ", got " + parsed);
            return min;
        }
        findings.values.put(path, parsed.intValue());
        return parsed.intValue();
    }

    /**
     * Reads an integer that is at least {@code min}.
     *
     * @param key the key
     * @param min the smallest value allowed
     * @return the value, or {@code min} after an error
     */
    int integer(String key, int min) {
        return integer(key, min, Integer.MAX_VALUE);
    }

    /**
     * Reads a long integer that is at least {@code min}.
     *
     * @param key the key
     * @param min the smallest value allowed
     * @return the value, or {@code min} after an error
     */
    long longInteger(String key, long min) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return min;
        }
        Long parsed = integral(value);
        if (parsed == null) {
            fail(path, "expected an integer, got " + value.render(CONCISE));
            return min;
        }
        if (parsed < min) {
            fail(path, "must be at least " + min + ", got " + parsed);
            return min;
        }
        findings.values.put(path, parsed);
        return parsed;
    }

    /**
     * Reads a finite number.
     *
     * @param key the key
     * @param allowed the range check
     * @param range the range in words, e.g. {@code in [0, 1]}, used as {@code must be <range>}
     * @return the value, or 0 after an error
     */
    double number(String key, DoublePredicate allowed, String range) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return 0;
        }
        Double parsed = switch (value.valueType()) {
            case NUMBER -> ((Number) value.unwrapped()).doubleValue();
            case STRING -> parseDouble((String) value.unwrapped());
            default -> null;
        };
        if (parsed == null || !Double.isFinite(parsed)) {
            fail(path, "expected a number, got " + value.render(CONCISE));
            return 0;
        }
        if (!allowed.test(parsed)) {
            fail(path, "must be " + range + ", got " + parsed);
            return 0;
        }
        findings.values.put(path, parsed);
        return parsed;
    }

    /**
     * Reads a boolean: {@code true}/{@code false}, or the HOCON spellings {@code on}/{@code off},
     * {@code yes}/{@code no}.
     *
     * @param key the key
     * @return the value, or false after an error
     */
    boolean bool(String key) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return false;
        }
        Boolean parsed = switch (value.valueType()) {
            case BOOLEAN -> (Boolean) value.unwrapped();
            case STRING -> switch (((String) value.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
                case "true", "on", "yes" -> Boolean.TRUE;
                case "false", "off", "no" -> Boolean.FALSE;
                default -> null;
            };
            default -> null;
        };
        if (parsed == null) {
            fail(path, "expected a boolean (true or false), got " + value.render(CONCISE));
            return false;
        }
        findings.values.put(path, parsed);
        return parsed;
    }

    /**
     * Reads a string; numbers and booleans are taken as their text.
     *
     * @param key the key
     * @return the value, or the empty string after an error
     */
    String text(String key) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return "";
        }
        if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT) {
            fail(path, "expected a string, got " + value.render(CONCISE));
            return "";
        }
        String parsed = String.valueOf(value.unwrapped());
        findings.values.put(path, parsed);
        return parsed;
    }

    /**
     * Reads one of a fixed set of names, case-insensitively.
     *
     * @param key the key
     * @param allowed the allowed names, lower case
     * @return the name, lower case, or the empty string after an error
     */
    String choice(String key, Collection<String> allowed) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return "";
        }
        String name = value.valueType() == ConfigValueType.STRING
                ? ((String) value.unwrapped()).trim().toLowerCase(Locale.ROOT) : null;
        if (name == null || !allowed.contains(name)) {
            fail(path, "unknown value " + value.render(CONCISE) + "; allowed: " + String.join(", ", allowed));
            return "";
        }
        findings.values.put(path, name);
        return name;
    }

    /**
     * Reads an enum constant by its kebab-case name ({@code COPY_OF_STUDENT} is {@code copy-of-student}).
     *
     * @param key the key
     * @param type the enum type
     * @param <E> the enum type
     * @return the constant, or the first constant after an error
     */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        List<String> names = Arrays.stream(constants).map(SettingsReader::kebab).collect(Collectors.toList());
        String name = choice(key, names);
        int index = names.indexOf(name);
        return constants[Math.max(index, 0)];
    }

    /**
     * Reads a non-empty, strictly increasing list of integers, each at least {@code min}.
     *
     * @param key the key
     * @param min the smallest element allowed
     * @return the list, unmodifiable, or an empty list after an error
     */
    List<Integer> increasingIntegers(String key, int min) {
        String path = path(key);
        ConfigValue value = value(path);
        if (value == null) {
            return List.of();
        }
        List<Integer> parsed = new ArrayList<>();
        if (value.valueType() == ConfigValueType.LIST) {
            for (ConfigValue element : (ConfigList) value) {
                Long number = integral(element);
                if (number == null || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                    parsed = null;
                    break;
                }
                parsed.add(number.intValue());
            }
        } else {
            parsed = null;
        }
        if (parsed == null) {
            fail(path, "expected a list of integers, got " + value.render(CONCISE));
            return List.of();
        }
        boolean increasing = !parsed.isEmpty() && parsed.get(0) >= min;
        for (int i = 1; i < parsed.size() && increasing; i++) {
            increasing = parsed.get(i) > parsed.get(i - 1);
        }
        if (!increasing) {
            fail(path, "must be a non-empty, strictly increasing list of integers >= " + min + ", got "
                    + value.render(CONCISE));
            return List.of();
        }
        List<Integer> result = List.copyOf(parsed);
        findings.values.put(path, result);
        return result;
    }

    /**
     * Returns the kebab-case configuration name of an enum constant.
     *
     * @param constant the constant
     * @return e.g. {@code copy-of-student}
     */
    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private ConfigValue value(String path) {
        if (failed(path)) {
            return null;
        }
        try {
            if (!config.hasPathOrNull(path)) {
                fail(path, "missing");
                return null;
            }
            if (config.getIsNull(path)) {
                fail(path, "expected a value, got null");
                return null;
            }
            return config.getValue(path);
        } catch (ConfigException e) {
            fail(path, "cannot be read: " + e.getMessage().replace('\n', ' '));
            return null;
        }
    }

    private static Long integral(ConfigValue value) {
        switch (value.valueType()) {
            case NUMBER: {
                Number number = (Number) value.unwrapped();
                if (number instanceof Integer || number instanceof Long) {
                    return number.longValue();
                }
                double d = number.doubleValue();
                boolean whole = d == Math.rint(d) && Math.abs(d) < 0x1p53;
                return whole ? (long) d : null;
            }
            case STRING:
                try {
                    return Long.parseLong(((String) value.unwrapped()).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            default:
                return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String rangeText(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return "must be at least " + min;
        }
        return "must be in [" + min + ", " + max + "]";
    }

    /** What the readers of one load found: errors, failed keys and canonical values. */
    private static final class Findings {
        private final List<String> errors = new ArrayList<>();
        private final Set<String> failed = new HashSet<>();
        private final Map<String, Object> values = new LinkedHashMap<>();
    }
}
