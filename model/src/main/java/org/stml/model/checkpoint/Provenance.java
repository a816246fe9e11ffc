package org.stml.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.stml.model.data.DatasetFingerprint;

/**
 * Where a run's checkpoints come from: when the run (or its resumption) started, the versions of the software and
 * the machine it ran on, the fingerprint of its dataset and its resolved configuration (flattened, key → value).
 * {@link CheckpointStore} writes it into every manifest; the command line also writes it as the run directory's
 * {@code provenance.json}. In JSON:
 *
 * <pre>{@code
 * {"started": "2025-01-31T12:00:00Z",
 *  "versions": {"djl": "0.36.0", "libtorch": "2.7.1", ...},
 *  "dataset": {"kind": "files", "count": 50000, "sha256": "..."},
 *  "config": {"stml.data.layout": "cifar10", ...}}
 * }</pre>
 *
 * Every field may be absent, as in a checkpoint written before provenance was recorded.
 */
public final class Provenance {

    private static final Provenance NONE = builder().build();

    private final Instant started;
    private final SortedMap<String, String> versions;
    private final DatasetFingerprint dataset;
    private final SortedMap<String, String> config;

    private Provenance(Builder builder) {
        this.started = builder.started;
        this.versions = new TreeMap<>(builder.versions);
        this.dataset = builder.dataset;
        this.config = new TreeMap<>(builder.config);
    }

    /**
     * Returns a builder; every field is optional.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the provenance that records nothing.
     *
     * @return the empty provenance
     */
    public static Provenance none() {
        return NONE;
    }

    /**
     * Parses the JSON of {@link #toJson()}.
     *
     * @param json the text, for example of {@code provenance.json}
     * @return the provenance
     * @throws IllegalArgumentException naming the field if the text is not JSON of that shape
     */
    public static Provenance parse(String json) {
        return fromJson(ManifestJson.parse(json));
    }

    /**
     * Returns when the run that wrote it started.
     *
     * @return the start time, if recorded
     */
    public Optional<Instant> started() {
        return Optional.ofNullable(started);
    }

    /**
     * Returns the versions, by name ({@code project}, {@code djl}, {@code libtorch}, {@code jvm}, {@code host}...).
     *
     * @return the versions, sorted by name, unmodifiable
     */
    public Map<String, String> versions() {
        return Collections.unmodifiableSortedMap(versions);
    }

    /**
     * Returns the fingerprint of the dataset the run trained on.
     *
     * @return the fingerprint, if recorded
     */
    public Optional<DatasetFingerprint> dataset() {
        return Optional.ofNullable(dataset);
    }

    /**
     * Returns the resolved configuration, flattened.
     *
     * @return full key → value, sorted, unmodifiable
     */
    public Map<String, String> config() {
        return Collections.unmodifiableSortedMap(config);
    }

    /**
     * Compares the recorded dataset with the one a command is about to use.
     *
     * @param current the fingerprint of the data now
     * @return {@code dataset differs: <recorded> in the checkpoint vs <current> now}, or empty if they are equal or
     *     no fingerprint was recorded
     */
    public Optional<String> datasetDifference(DatasetFingerprint current) {
        if (dataset == null || dataset.equals(current)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "dataset differs: %s in the checkpoint vs %s now",
                dataset.describe(), current.describe()));
    }

    /**
     * Returns the provenance as indented JSON.
     *
     * @return the JSON text, ending with a newline
     */
    public String toJson() {
        return ManifestJson.write(toObject());
    }

    /** Returns the JSON object of the provenance. */
    ObjectNode toObject() {
        ObjectNode object = ManifestJson.object();
        if (started != null) {
            object.put("started", started.toString());
        }
        object.set("versions", ManifestJson.strings(versions));
        if (dataset != null) {
            object.putObject("dataset").put("kind", dataset.kind().name().toLowerCase(Locale.ROOT))
                    .put("count", dataset.count()).put("sha256", dataset.sha256());
        }
        object.set("config", ManifestJson.strings(config));
        return object;
    }

    /** Reads the JSON object of {@link #toObject()}. */
    static Provenance fromJson(JsonNode object) {
        Builder builder = builder();
        if (object.has("started")) {
            String started = ManifestJson.text(object, "started");
            try {
                builder.optStarted(Instant.parse(started));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"started\" should be an instant, not " + started, e);
            }
        }
        if (object.has("versions")) {
            builder.optVersions(ManifestJson.strings(ManifestJson.object(object, "versions")));
        }
        if (object.has("dataset")) {
            JsonNode dataset = ManifestJson.object(object, "dataset");
            builder.optDataset(new DatasetFingerprint(kind(ManifestJson.text(dataset, "kind")),
                    ManifestJson.longField(dataset, "count"), ManifestJson.text(dataset, "sha256")));
        }
        if (object.has("config")) {
            builder.optConfig(ManifestJson.strings(ManifestJson.object(object, "config")));
        }
        return builder.build();
    }

    private static DatasetFingerprint.Kind kind(String name) {
        for (DatasetFingerprint.Kind kind : DatasetFingerprint.Kind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("\"kind\" should be files or generated, not " + name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Provenance that && Objects.equals(started, that.started)
                && versions.equals(that.versions) && Objects.equals(dataset, that.dataset)
                && config.equals(that.config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(started, versions, dataset, config);
    }

    @Override
    public String toString() {
        return toObject().toString();
    }

    /** Builds a {@link Provenance}. */
    public static final class Builder {
        private Instant started;
        private final Map<String, String> versions = new TreeMap<>();
        private DatasetFingerprint dataset;
        private final Map<String, String> config = new TreeMap<>();

        private Builder() {}

        /**
         * Sets when the run started.
         *
         * @param started the start time
         * @return this builder
         */
        public Builder optStarted(Instant started) {
            this.started = started;
            return this;
        }

        /**
         * Adds versions, by name.
         *
         * @param versions for example {@code djl} → {@code 0.36.0}
         * @return this builder
         */
        public Builder optVersions(Map<String, String> versions) {
            this.versions.putAll(versions);
            return this;
        }

        /**
         * Sets the fingerprint of the dataset.
         *
         * @param dataset the fingerprint
         * @return this builder
         */
        public Builder optDataset(DatasetFingerprint dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Adds configuration entries, by full key.
         *
         * @param config for example {@code stml.run.seed} → {@code 0}
         * @return this builder
         */
        public Builder optConfig(Map<String, String> config) {
            this.config.putAll(config);
            return this;
        }

        /**
         * Builds the provenance.
         *
         * @return the provenance
         */
        public Provenance build() {
            return new Provenance(this);
        }
    }
}
