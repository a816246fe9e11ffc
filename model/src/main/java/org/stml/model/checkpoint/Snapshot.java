package org.stml.model.checkpoint;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.train.StmlTrainer;

/**
 * What {@link CheckpointStore#save} writes: the live trainer (read when the checkpoint is written), where the run
 * stands, the sampler's table, the seed, the resolved configuration text, the run's provenance and the metrics.
 */
public final class Snapshot {

    private final StmlTrainer trainer;
    private final int epoch;
    private final int stepInEpoch;
    private final long seed;
    private final NeighbourTable table;
    private final String config;
    private final Provenance provenance;
    private final Map<String, Double> metrics;

    private Snapshot(Builder builder) {
        this.trainer = builder.trainer;
        this.epoch = builder.epoch;
        this.stepInEpoch = builder.stepInEpoch;
        this.seed = builder.seed;
        this.table = builder.table;
        this.config = builder.config;
        this.provenance = builder.provenance;
        this.metrics = Map.copyOf(builder.metrics);
    }

    /**
     * Returns a builder; trainer, position, neighbour table and configuration are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    StmlTrainer trainer() {
        return trainer;
    }

    int epoch() {
        return epoch;
    }

    int stepInEpoch() {
        return stepInEpoch;
    }

    long seed() {
        return seed;
    }

    NeighbourTable table() {
        return table;
    }

    String config() {
        return config;
    }

    Provenance provenance() {
        return provenance;
    }

    Map<String, Double> metrics() {
        return metrics;
    }

    /** Builds a {@link Snapshot}. */
    public static final class Builder {
        private StmlTrainer trainer;
        private int epoch = -1;
        private int stepInEpoch = -1;
        private long seed;
        private NeighbourTable table;
        private String config;
        private Provenance provenance = Provenance.none();
        private final Map<String, Double> metrics = new TreeMap<>();

        private Builder() {}

        /**
         * Sets the trainer whose networks, optimizer, schedule position and counters are saved; required.
         *
         * @param trainer the trainer, not stepping while the checkpoint is written
         * @return this builder
         */
        public Builder setTrainer(StmlTrainer trainer) {
            this.trainer = trainer;
            return this;
        }

        /**
         * Sets where a resumed run continues; required. After the last step of epoch e that is
         * {@code (e + 1, 0)}.
         *
         * @param epoch the epoch to resume in, from 0
         * @param stepInEpoch the next step of that epoch to run, from 0
         * @return this builder
         */
        public Builder setPosition(int epoch, int stepInEpoch) {
            this.epoch = epoch;
            this.stepInEpoch = stepInEpoch;
            return this;
        }

        /**
         * Sets the neighbour table the sampler used for the latest step; required.
         *
         * @param table the table
         * @return this builder
         */
        public Builder setNeighbourTable(NeighbourTable table) {
            this.table = table;
            return this;
        }

        /**
         * Sets the resolved configuration text (for example HOCON); required, saved as given.
         *
         * @param config the configuration text
         * @return this builder
         */
        public Builder setConfig(String config) {
            this.config = config;
            return this;
        }

        /**
         * Sets the run's seed.
         *
         * @param seed default 0
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets where the run came from: versions, dataset fingerprint, configuration.
         *
         * @param provenance the run's provenance, default {@link Provenance#none()}
         * @return this builder
         */
        public Builder optProvenance(Provenance provenance) {
            this.provenance = Objects.requireNonNull(provenance, "provenance");
            return this;
        }

        /**
         * Adds a metric, for example {@code recall_at_1}; the store's best-metric decides {@code best}.
         *
         * @param name the metric's name
         * @param value a finite value
         * @return this builder
         */
        public Builder optMetric(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("metric " + name + " must be finite: " + value);
            }
            metrics.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * Builds the snapshot.
         *
         * @return the snapshot
         * @throws IllegalStateException if a required field is missing or the position is negative
         */
        public Snapshot build() {
            if (trainer == null || table == null || config == null || epoch < 0 || stepInEpoch < 0) {
                throw new IllegalStateException("a snapshot needs a trainer, a position, a neighbour table and the "
                        + "configuration text");
            }
            return new Snapshot(this);
        }
    }
}
