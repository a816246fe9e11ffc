package org.stml.model.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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
 * @param provenance where the run came from: versions, dataset fingerprint, configuration
 * @param files the SHA-256 of every other file of the checkpoint, by file name
 */
public record Manifest(int formatVersion, long step, long skippedSteps, int epoch, int stepInEpoch,
        int scheduleEpoch, long seed, String configSha256, Instant createdAt, Map<String, Double> metrics,
        Provenance provenance, Map<String, String> files) {

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
        Objects.requireNonNull(provenance, "provenance");
        files = Map.copyOf(files);
    }

    /**
     * Returns the manifest as JSON.
     *
     * @return the text of {@code manifest.json}
     */
    public String toJson() {
        ObjectNode object = ManifestJson.object()
                .put("format-version", formatVersion)
                .put("step", step)
                .put("skipped-steps", skippedSteps)
                .put("epoch", epoch)
                .put("step-in-epoch", stepInEpoch)
                .put("schedule-epoch", scheduleEpoch)
                .put("seed", seed)
                .put("config-sha256", configSha256)
                .put("created-at", createdAt.toString());
        ObjectNode metricsObject = object.putObject("metrics");
        new TreeMap<>(metrics).forEach(metricsObject::put);
        object.set("provenance", provenance.toObject());
        object.set("files", ManifestJson.strings(files));
        return ManifestJson.write(object);
    }

    /**
     * Parses a manifest; the format version is parsed but not checked.
     *
     * @param json the text of {@code manifest.json}
     * @return the manifest
     * @throws IllegalArgumentException if the text is not JSON of the expected shape
     */
    public static Manifest parse(String json) {
        ObjectNode object = ManifestJson.parse(json);
        return new Manifest(
                ManifestJson.intField(object, "format-version"),
                ManifestJson.longField(object, "step"),
                ManifestJson.longField(object, "skipped-steps"),
                ManifestJson.intField(object, "epoch"),
                ManifestJson.intField(object, "step-in-epoch"),
                ManifestJson.intField(object, "schedule-epoch"),
                ManifestJson.longField(object, "seed"),
                ManifestJson.text(object, "config-sha256"),
                Instant.parse(ManifestJson.text(object, "created-at")),
                ManifestJson.numbers(ManifestJson.object(object, "metrics")),
                Provenance.fromJson(ManifestJson.object(object, "provenance")),
                ManifestJson.strings(ManifestJson.object(object, "files")));
    }
}
