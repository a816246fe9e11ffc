package org.stml.actors.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the keys of a configuration's {@code stml} section with those of the reference: a key the reference does
 * not have is refused, with the closest known key at the same depth suggested when one is close enough; a section
 * given as a plain value is a type error.
 */
final class UnknownKeys {

    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private UnknownKeys() {}

    /**
     * Reports every unknown key and every section replaced by a value.
     *
     * @param actual the {@code stml} object of the configuration checked
     * @param known the {@code stml} object of the reference
     * @param reader where the errors go
     */
    static void check(ConfigObject actual, ConfigObject known, SettingsReader reader) {
        List<String> knownPaths = new ArrayList<>();
        collect(known, StmlSettings.ROOT, knownPaths);
        walk(actual, known, StmlSettings.ROOT, knownPaths, reader);
    }

    private static void walk(ConfigObject actual, ConfigObject known, String prefix, List<String> knownPaths,
            SettingsReader reader) {
        for (Map.Entry<String, ConfigValue> entry : actual.entrySet()) {
            String path = prefix + "." + entry.getKey();
            ConfigValue knownValue = known.get(entry.getKey());
            if (knownValue == null) {
                String suggestion = closest(path, knownPaths);
                reader.error("unknown key " + path + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
            } else if (knownValue.valueType() == ConfigValueType.OBJECT) {
                if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
                    walk((ConfigObject) entry.getValue(), (ConfigObject) knownValue, path, knownPaths, reader);
                } else {
                    reader.fail(path, "expected a section of settings, got "
                            + entry.getValue().render(ConfigRenderOptions.concise()));
                }
            }
        }
    }

    private static void collect(ConfigObject object, String prefix, List<String> paths) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String path = prefix + "." + entry.getKey();
            paths.add(path);
            if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
                collect((ConfigObject) entry.getValue(), path, paths);
            }
        }
    }

    /**
     * Returns the known path at the same depth nearest to {@code path} by edit distance, if it is near enough.
     *
     * @param path the unknown path
     * @param knownPaths the known paths, sections included
     * @return the suggestion, or null
     */
    static String closest(String path, List<String> knownPaths) {
        int depth = depth(path);
        String lastSegment = path.substring(path.lastIndexOf('.') + 1);
        int limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, lastSegment.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : knownPaths) {
            if (depth(candidate) != depth) {
                continue;
            }
            int distance = editDistance(path, candidate);
            if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /**
     * Returns the Levenshtein distance: the fewest single-character insertions, deletions and substitutions that turn
     * one string into the other.
     *
     * @param a one string
     * @param b the other
     * @return the distance
     */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '.').count();
    }
}
