package org.stml.model.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of a checkpoint's {@code manifest.json}.
 *
 * @param formatVersion the checkpoint format version, {@value #FORMAT_VERSION} for this build
 * @param step the trainer's step counter: steps run, skipped ones included
 * @param skippedSteps the trainer's count of steps skipped for a non-finite loss
 * @param epoch the epoch to resume in
 * @param stepInEpoch the next step of that epoch to run (0: the epoch has not started)
 * @param scheduleEpoch the epoch the learning-rate schedules were at
 * @param seed the run's seed
 * @param configSha256 the SHA-256 of the configuration text, lower-case hex
 * @param createdAt when the checkpoint was written
 * @param metrics the caller's metrics, for example {@code recall_at_1}
 * @param provenance the caller's provenance, for example versions
 * @param files the SHA-256 of every other file of the checkpoint, by file name
 */
public record Manifest(int formatVersion, long step, long skippedSteps, int epoch, int stepInEpoch,
        int scheduleEpoch, long seed, String configSha256, Instant createdAt, Map<String, Double> metrics,
        Map<String, String> provenance, Map<String, String> files) {

    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The manifest's file name within a checkpoint. */
    public static final String FILE_NAME = "manifest.json";

    /**
     * Copies the maps.
     *
     * @param formatVersion the format version
     * @param step the step counter
     * @param skippedSteps the skipped-step counter
     * @param epoch the epoch
     * @param stepInEpoch the step in the epoch
     * @param scheduleEpoch the schedule epoch
     * @param seed the seed
     * @param configSha256 the configuration's SHA-256
     * @param createdAt the creation time
     * @param metrics the metrics
     * @param provenance the provenance
     * @param files the files' SHA-256
     */
    public Manifest {
        metrics = Map.copyOf(metrics);
        provenance = Map.copyOf(provenance);
        files = Map.copyOf(files);
    }

    /**
     * Returns the manifest as JSON.
     *
     * @return the text of {@code manifest.json}
     */
    public String toJson() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("format-version", formatVersion);
        object.put("step", step);
        object.put("skipped-steps", skippedSteps);
        object.put("epoch", epoch);
        object.put("step-in-epoch", stepInEpoch);
        object.put("schedule-epoch", scheduleEpoch);
        object.put("seed", seed);
        object.put("config-sha256", configSha256);
        object.put("created-at", createdAt.toString());
        object.put("metrics", new TreeMap<>(metrics));
        object.put("provenance", new TreeMap<>(provenance));
        object.put("files", new TreeMap<>(files));
        return Json.write(object);
    }

    /**
     * Parses a manifest; the format version is parsed but not checked.
     *
     * @param json the text of {@code manifest.json}
     * @return the manifest
     * @throws IllegalArgumentException if the text is not JSON of the expected shape
     */
    public static Manifest parse(String json) {
        Map<String, Object> object = Json.parse(json);
        return new Manifest(
                number(object, "format-version").intValueExact(),
                number(object, "step").longValueExact(),
                number(object, "skipped-steps").longValueExact(),
                number(object, "epoch").intValueExact(),
                number(object, "step-in-epoch").intValueExact(),
                number(object, "schedule-epoch").intValueExact(),
                number(object, "seed").longValueExact(),
                string(object, "config-sha256"),
                Instant.parse(string(object, "created-at")),
                metrics(object(object, "metrics")),
                strings(object(object, "provenance")),
                strings(object(object, "files")));
    }

    private static Map<String, Double> metrics(Map<?, ?> object) {
        Map<String, Double> metrics = new TreeMap<>();
        object.forEach((key, value) -> metrics.put((String) key, as(BigDecimal.class, value, key).doubleValue()));
        return metrics;
    }

    private static Map<String, String> strings(Map<?, ?> object) {
        Map<String, String> strings = new TreeMap<>();
        object.forEach((key, value) -> strings.put((String) key, as(String.class, value, key)));
        return strings;
    }

    private static BigDecimal number(Map<String, Object> object, String key) {
        return as(BigDecimal.class, object.get(key), key);
    }

    private static String string(Map<String, Object> object, String key) {
        return as(String.class, object.get(key), key);
    }

    private static Map<?, ?> object(Map<String, Object> object, String key) {
        return as(Map.class, object.get(key), key);
    }

    private static <T> T as(Class<T> type, Object value, Object key) {
        if (!type.isInstance(value)) {
            String kind = type == BigDecimal.class ? "number" : type == String.class ? "string" : "object";
            throw new IllegalArgumentException("\"" + key + "\" should be a " + kind
                    + (value == null ? " but is missing" : ""));
        }
        return type.cast(value);
    }
}
