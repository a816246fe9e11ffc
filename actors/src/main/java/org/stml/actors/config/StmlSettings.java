package org.stml.actors.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stml.model.similarity.ContextualSimilarity;

/**
 * The typed, immutable, validated view of the {@code stml} section of a configuration: one record per section.
 *
 * <p>{@link #load(Config)} checks everything at once: keys the reference does not know (with the nearest known key
 * suggested), wrong types, out-of-range and unknown enum values, and the rules across keys. Every problem is one line
 * naming its key, and all of them are thrown together in one {@link InvalidSettingsException}.
 *
 * <p>Two settings are equal when every key has the same value. {@link #render()} writes the settings as HOCON (for
 * {@code runs/<id>/config.conf}) and {@link #flatten()} as key–value strings (for checkpoints);
 * {@link #RESUME_KEYS} are the keys a resumed run must keep, {@link #MUTABLE_KEYS} those it may change.
 */
public final class StmlSettings {

    /** The root path of every stml setting. */
    public static final String ROOT = "stml";

    /**
     * The keys a resumed run must share with its checkpoint: everything that shapes the networks, the data they see,
     * the loss, the optimizer and the teacher.
     */
    public static final Set<String> RESUME_KEYS = sortedSet(
            "stml.run.seed", "stml.run.epochs",
            "stml.data.layout", "stml.data.path", "stml.data.train-size", "stml.data.eval-resize",
            "stml.data.eval-crop", "stml.data.sampler-size", "stml.data.normalization",
            "stml.data.augment.min-scale", "stml.data.augment.max-scale", "stml.data.augment.min-ratio",
            "stml.data.augment.max-ratio", "stml.data.augment.flip-probability",
            "stml.data.split.train-classes", "stml.data.split.train-fraction", "stml.data.split.omniglot",
            "stml.data.split.held-out-from-train-folder",
            "stml.data.synthetic.train-classes", "stml.data.synthetic.test-classes", "stml.data.synthetic.instances",
            "stml.data.synthetic.size",
            "stml.model.backbone", "stml.model.stem", "stml.model.width", "stml.model.embedding-size",
            "stml.model.high-dim-size", "stml.model.teacher-init",
            "stml.loss.sigma", "stml.loss.margin", "stml.loss.num-neighbors", "stml.loss.views",
            "stml.optimizer.lr", "stml.optimizer.emb-lr", "stml.optimizer.weight-decay", "stml.optimizer.schedule",
            "stml.optimizer.adamp.beta1", "stml.optimizer.adamp.beta2", "stml.optimizer.adamp.epsilon",
            "stml.optimizer.adamp.delta", "stml.optimizer.adamp.wd-ratio", "stml.optimizer.adamp.nesterov",
            "stml.ema.momentum", "stml.ema.schedule",
            "stml.sampler.batch-size", "stml.sampler.rebuild-every-steps",
            "stml.pipeline.max-teacher-lag");

    /**
     * The keys a resumed run may change: bookkeeping, evaluation, throughput and the length of the run (with the
     * cosine schedule a longer run stretches the remaining learning-rate curve).
     */
    public static final Set<String> MUTABLE_KEYS = sortedSet(
            "stml.run.dir", "stml.run.eval-every-epochs", "stml.run.keep-last",
            "stml.run.checkpoint-every-steps", "stml.run.progress-every-seconds", "stml.run.best-metric",
            "stml.data.loader-threads",
            "stml.pipeline.teacher-instances", "stml.pipeline.batch-window",
            "stml.eval.recall-ks", "stml.eval.nmi", "stml.eval.chunk-elements", "stml.eval.embed-batch",
            "stml.nonfinite.max-consecutive-skips", "stml.nonfinite.max-rollbacks",
            "stml.monitoring.enabled", "stml.monitoring.host", "stml.monitoring.port", "stml.monitoring.node",
            "stml.monitoring.role");

    private final RunSettings run;
    private final DataSettings data;
    private final ModelSettings model;
    private final LossSettings loss;
    private final OptimizerSettings optimizer;
    private final EmaSettings ema;
    private final SamplerSettings sampler;
    private final PipelineSettings pipeline;
    private final EvalSettings eval;
    private final NonFiniteSettings nonFinite;
    private final MonitoringSettings monitoring;
    private final Map<String, Object> values;

    private StmlSettings(SettingsReader reader) {
        this.run = RunSettings.read(reader.section("run"));
        this.data = DataSettings.read(reader.section("data"));
        this.model = ModelSettings.read(reader.section("model"));
        this.loss = LossSettings.read(reader.section("loss"));
        this.optimizer = OptimizerSettings.read(reader.section("optimizer"));
        this.ema = EmaSettings.read(reader.section("ema"));
        this.sampler = SamplerSettings.read(reader.section("sampler"));
        this.pipeline = PipelineSettings.read(reader.section("pipeline"));
        this.eval = EvalSettings.read(reader.section("eval"));
        this.nonFinite = NonFiniteSettings.read(reader.section("nonfinite"));
        this.monitoring = MonitoringSettings.read(reader.section("monitoring"));
        this.values = Collections.unmodifiableMap(reader.values());
    }

    /**
     * Reads and validates the {@code stml} section.
     *
     * @param config a whole, resolved configuration that includes the reference defaults, e.g. from
     *     {@link SettingsLoader#load()}
     * @return the settings
     * @throws InvalidSettingsException listing every problem, one line each
     */
    public static StmlSettings load(Config config) {
        if (!config.hasPath(ROOT) || config.getValue(ROOT).valueType() != ConfigValueType.OBJECT) {
            throw new InvalidSettingsException(List.of(ROOT + ": expected a section of settings"));
        }
        SettingsReader reader = SettingsReader.create(config);
        UnknownKeys.check(config.getObject(ROOT), Reference.STML, reader);
        StmlSettings settings = new StmlSettings(reader);
        settings.checkAcrossSections(reader);
        if (!reader.errors().isEmpty()) {
            throw new InvalidSettingsException(reader.errors());
        }
        return settings;
    }

    /**
     * Reads and validates the reference defaults alone.
     *
     * @return the default settings
     */
    public static StmlSettings defaults() {
        return SettingsLoader.create().loadSettings();
    }

    private void checkAcrossSections(SettingsReader reader) {
        reader.require(sampler.batchSize() % loss.numNeighbors() == 0, "stml.sampler.batch-size",
                "must be a multiple of stml.loss.num-neighbors (" + loss.numNeighbors() + "), got "
                        + sampler.batchSize(), "stml.sampler.batch-size", "stml.loss.num-neighbors");
        reader.require((long) sampler.batchSize() * loss.views() <= ContextualSimilarity.MAX_ROWS,
                "stml.loss.views", "times stml.sampler.batch-size (" + sampler.batchSize() + ") must be at most "
                        + ContextualSimilarity.MAX_ROWS + ", the rows one similarity matrix can hold; got "
                        + (long) sampler.batchSize() * loss.views(), "stml.loss.views", "stml.sampler.batch-size");
        reader.require(eval.metricNames().contains(run.bestMetric()), "stml.run.best-metric",
                "unknown metric \"" + run.bestMetric() + "\"; this evaluation computes: "
                        + String.join(", ", eval.metricNames()),
                "stml.run.best-metric", "stml.eval.recall-ks", "stml.eval.nmi");
        reader.require(!data.isSynthetic() || sampler.batchSize() <= data.synthetic().trainImages(),
                "stml.sampler.batch-size", "must not exceed the synthetic training images ("
                        + data.synthetic().trainImages() + "), got " + sampler.batchSize(),
                "stml.sampler.batch-size", "stml.data.layout", "stml.data.synthetic.train-classes",
                "stml.data.synthetic.instances");
    }

    /**
     * Returns {@code stml.run}.
     *
     * @return the run settings
     */
    public RunSettings run() {
        return run;
    }

    /**
     * Returns {@code stml.data}.
     *
     * @return the data settings
     */
    public DataSettings data() {
        return data;
    }

    /**
     * Returns {@code stml.model}.
     *
     * @return the model settings
     */
    public ModelSettings model() {
        return model;
    }

    /**
     * Returns {@code stml.loss}.
     *
     * @return the loss settings
     */
    public LossSettings loss() {
        return loss;
    }

    /**
     * Returns {@code stml.optimizer}.
     *
     * @return the optimizer settings
     */
    public OptimizerSettings optimizer() {
        return optimizer;
    }

    /**
     * Returns {@code stml.ema}.
     *
     * @return the EMA settings
     */
    public EmaSettings ema() {
        return ema;
    }

    /**
     * Returns {@code stml.sampler}.
     *
     * @return the sampler settings
     */
    public SamplerSettings sampler() {
        return sampler;
    }

    /**
     * Returns {@code stml.pipeline}.
     *
     * @return the pipeline settings
     */
    public PipelineSettings pipeline() {
        return pipeline;
    }

    /**
     * Returns {@code stml.eval}.
     *
     * @return the evaluation settings
     */
    public EvalSettings eval() {
        return eval;
    }

    /**
     * Returns {@code stml.nonfinite}.
     *
     * @return the non-finite step settings
     */
    public NonFiniteSettings nonFinite() {
        return nonFinite;
    }

    /**
     * Returns {@code stml.monitoring}.
     *
     * @return the exporter and meter-tag settings
     */
    public MonitoringSettings monitoring() {
        return monitoring;
    }

    /**
     * Writes every setting as HOCON text under {@code stml}, keys sorted, one per line; parsing the text back and
     * loading it gives equal settings.
     *
     * @return the HOCON text, for {@code runs/<id>/config.conf}
     */
    public String render() {
        Config config = ConfigFactory.empty();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            config = config.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(entry.getValue()));
        }
        String body = config.root().render(ConfigRenderOptions.defaults()
                .setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
        return "# stml settings of this run, resolved: defaults <- --config file <- -D overrides"
                + System.lineSeparator() + body;
    }

    /**
     * Returns every setting as a string, by full key, sorted: numbers in Java's canonical form, enum values in their
     * configuration spelling, lists as {@code [1, 2, 4, 8]}. Equal settings give equal maps, however they were
     * written.
     *
     * @return full key → value text, unmodifiable
     */
    public SortedMap<String, String> flatten() {
        SortedMap<String, String> flat = new TreeMap<>();
        values.forEach((key, value) -> flat.put(key, String.valueOf(value)));
        return Collections.unmodifiableSortedMap(flat);
    }

    /**
     * Compares these settings with those saved in a checkpoint, on {@link #RESUME_KEYS} only.
     *
     * @param saved the checkpoint's {@link #flatten()}
     * @return one line per key that differs or is missing from the checkpoint; empty when resuming is safe
     */
    public List<String> resumeConflicts(Map<String, String> saved) {
        SortedMap<String, String> current = flatten();
        List<String> conflicts = new ArrayList<>();
        for (String key : RESUME_KEYS) {
            String before = saved.get(key);
            if (before == null) {
                conflicts.add(key + ": missing from the checkpoint's settings");
            } else if (!before.equals(current.get(key))) {
                conflicts.add(key + ": the checkpoint has " + before + ", this run has " + current.get(key));
            }
        }
        return conflicts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StmlSettings settings && values.equals(settings.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "StmlSettings" + flatten();
    }

    private static Set<String> sortedSet(String... keys) {
        return Collections.unmodifiableSet(new TreeSet<>(List.of(keys)));
    }

    /** The {@code stml} section of the reference defaults, parsed once. */
    private static final class Reference {
        private static final ConfigObject STML = ConfigFactory
                .defaultReferenceUnresolved(StmlSettings.class.getClassLoader()).getObject(ROOT);
    }
}
