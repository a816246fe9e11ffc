package org.stml.model.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The keys that matter on which two flattened configurations (key → value, for example HOCON paths to rendered
 * values) differ. A key matters if it equals one of the given keys or lies under one ({@code train} covers
 * {@code train.lr}); other keys are ignored.
 */
public final class ConfigDifference {

    private final List<Change> changes;

    private ConfigDifference(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    /**
     * Compares two configurations on the keys that matter.
     *
     * @param previous the configuration of the checkpoint
     * @param current the configuration of this run
     * @param keysThatMatter keys or key prefixes whose values must be equal
     * @return the differences, sorted by key
     */
    public static ConfigDifference between(Map<String, String> previous, Map<String, String> current,
            Set<String> keysThatMatter) {
        Set<String> keys = new TreeSet<>(previous.keySet());
        keys.addAll(current.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            if (matters(key, keysThatMatter) && !Objects.equals(previous.get(key), current.get(key))) {
                changes.add(new Change(key, previous.get(key), current.get(key)));
            }
        }
        return new ConfigDifference(changes);
    }

    private static boolean matters(String key, Set<String> keysThatMatter) {
        for (String prefix : keysThatMatter) {
            if (key.equals(prefix) || key.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether the configurations agree on every key that matters.
     *
     * @return {@code true} if there is no change
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * Returns the changes, sorted by key.
     *
     * @return the changes
     */
    public List<Change> changes() {
        return changes;
    }

    /**
     * Formats the changes one per line, {@code key: old -> new}, with {@code <absent>} for a missing key.
     *
     * @return the lines, joined by newlines; empty if there is no change
     */
    public String format() {
        return changes.stream().map(Change::toString).collect(Collectors.joining("\n"));
    }

    /**
     * Returns {@link #format()}.
     *
     * @return the changes, one per line
     */
    @Override
    public String toString() {
        return format();
    }

    /**
     * One key whose value differs.
     *
     * @param key the flattened key
     * @param previous the checkpoint's value, or {@code null} if absent there
     * @param current this run's value, or {@code null} if absent here
     */
    public record Change(String key, String previous, String current) {

        /**
         * Returns {@code key: old -> new}.
         *
         * @return the change on one line
         */
        @Override
        public String toString() {
            return key + ": " + shown(previous) + " -> " + shown(current);
        }

        private static String shown(String value) {
            return value == null ? "<absent>" : value;
        }
    }
}
