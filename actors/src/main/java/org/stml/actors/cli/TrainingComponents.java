package org.stml.actors.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.Locale;
import java.util.stream.IntStream;
import org.stml.actors.config.AdamPSettings;
import org.stml.actors.config.DataSettings;
import org.stml.actors.config.ScheduleKind;
import org.stml.actors.config.StmlSettings;
import org.stml.actors.pipeline.PipelineSetup;
import org.stml.actors.pipeline.SnapshotEvaluation;
import org.stml.model.checkpoint.CheckpointStore;
import org.stml.actors.config.SyntheticSettings;
import org.stml.model.data.DatasetFingerprint;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.EvalTransform;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.layout.DatasetLayouts;
import org.stml.model.data.layout.LayoutOptions;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.eval.EmbeddingEvaluator;
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.optim.AdamP;
import org.stml.model.optim.ConstantSchedule;
import org.stml.model.optim.CosineSchedule;
import org.stml.model.optim.LearningRateSchedule;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.StmlTrainer;
import org.stml.monitoring.MonitoringConfig;

/**
 * Builds every part of a run from validated {@link StmlSettings}: {@code stml train} and {@code stml resume} build all
 * of them here, {@code stml eval} and {@code stml embed} the data, networks, transforms and evaluator. Each setting
 * reaches what is built through one of these methods (the settings test builds them with every key changed in turn).
 */
final class TrainingComponents {

    private final StmlSettings settings;

    TrainingComponents(StmlSettings settings) {
        this.settings = settings;
    }

    DatasetSplit dataset() {
        DataSettings data = settings.data();
        if (data.isSynthetic()) {
            return SyntheticDataset.split(new SyntheticShapes(data.synthetic().size(), settings.run().seed()),
                    data.synthetic().trainClasses(), data.synthetic().testClasses(), data.synthetic().instances());
        }
        LayoutOptions.Builder options = LayoutOptions.builder()
                .optOmniglotSplit(data.split().omniglot())
                .optHeldOutFromTrainFolder(data.split().heldOutFromTrainFolder())
                .optTrainFraction(data.split().trainFraction());
        if (data.split().trainClasses() > 0) {
            options.optTrainClasses(data.split().trainClasses());
        }
        return DatasetLayouts.open(data.layout(), Path.of(data.path()), options.build());
    }

    /**
     * Fingerprints the data: the files under the dataset root (one stat per file), or the synthetic generator's
     * settings.
     */
    DatasetFingerprint datasetFingerprint() {
        DataSettings data = settings.data();
        if (data.isSynthetic()) {
            SyntheticSettings synthetic = data.synthetic();
            return DatasetFingerprint.ofGenerator(String.format(Locale.ROOT, "synthetic size=%d seed=%d "
                    + "train-classes=%d test-classes=%d instances=%d", synthetic.size(), settings.run().seed(),
                    synthetic.trainClasses(), synthetic.testClasses(), synthetic.instances()),
                    (long) (synthetic.trainClasses() + synthetic.testClasses()) * synthetic.instances());
        }
        try {
            return DatasetFingerprint.ofFolder(Path.of(data.path()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint the dataset under " + data.path() + ": "
                    + e.getMessage(), e);
        }
    }

    StmlNetworks networks(NDManager manager) {
        return StmlNetworks.builder()
                .setBackbone(settings.model().backbone())
                .optBackboneOptions(BackboneOptions.builder().optStem(settings.model().stem())
                        .optWidth(settings.model().width()).build())
                .optEmbeddingSize(settings.model().embeddingSize())
                .optHighDimSize(settings.model().highDimSize())
                .optImageSize(settings.data().trainSize(), settings.data().trainSize())
                .optSeed(settings.run().seed())
                .optTeacherInit(settings.model().teacherInit())
                .build(manager);
    }

    /**
     * Returns where a new run writes: {@code --run-dir} when given, else {@code stml.run.dir} when set, else
     * {@code runs/<UTC timestamp>}.
     */
    Path runDirectory(Path requested) {
        return RunDirectory.choose(requested, settings.run().dir());
    }

    MonitoringConfig monitoring() {
        return settings.monitoring().config();
    }

    ParallelImageLoader loader() {
        return ParallelImageLoader.builder().optThreads(settings.data().effectiveLoaderThreads()).build();
    }

    ContextualSimilarity similarity() {
        return ContextualSimilarity.builder()
                .optSigma((float) settings.loss().sigma())
                .optNumNeighbors(settings.loss().numNeighbors())
                .optViews(settings.loss().views())
                .build();
    }

    /** The EMA schedule of a run over a training set; a cosine one rises to 1 at the run's last step. */
    MomentumSchedule momentum(ImageDataset train) {
        double momentum = settings.ema().momentum();
        long totalSteps = (long) NeighbourBatchSampler.stepsPerEpoch(train.size(), settings.sampler().batchSize())
                * settings.run().epochs();
        return settings.ema().schedule() == ScheduleKind.COSINE
                ? MomentumSchedule.cosine(momentum, totalSteps) : MomentumSchedule.constant(momentum);
    }

    StmlTrainer trainer(StmlNetworks networks, MomentumSchedule momentum, NDManager manager) {
        return StmlTrainer.builder()
                .setNetworks(networks)
                .optSimilarity(similarity())
                .optMargin((float) settings.loss().margin())
                .optLearningRates(rate(settings.optimizer().lr()), rate(settings.optimizer().embLr()))
                .optWeightDecay((float) settings.optimizer().weightDecay())
                .optOptimizer(adamP())
                .optMomentum(momentum)
                .build(manager);
    }

    private AdamP.Builder adamP() {
        AdamPSettings adamp = settings.optimizer().adamp();
        return AdamP.builder()
                .optBeta1((float) adamp.beta1())
                .optBeta2((float) adamp.beta2())
                .optEpsilon((float) adamp.epsilon())
                .optDelta((float) adamp.delta())
                .optWdRatio((float) adamp.wdRatio())
                .optNesterov(adamp.nesterov());
    }

    private LearningRateSchedule rate(double base) {
        return settings.optimizer().schedule() == ScheduleKind.COSINE
                ? new CosineSchedule(base, settings.run().epochs()) : new ConstantSchedule(base);
    }

    TrainTransform trainTransform() {
        DataSettings data = settings.data();
        return TrainTransform.builder()
                .optSize(data.trainSize())
                .optScale(data.augment().minScale(), data.augment().maxScale())
                .optRatio(data.augment().minRatio(), data.augment().maxRatio())
                .optFlipProbability(data.augment().flipProbability())
                .optNormalization(data.normalization())
                .build();
    }

    EvalTransform evalTransform() {
        DataSettings data = settings.data();
        return EvalTransform.builder().optResize(data.evalResize()).optCrop(data.evalCrop())
                .optNormalization(data.normalization()).build();
    }

    SquashTransform samplerTransform() {
        return new SquashTransform(settings.data().samplerSize(), settings.data().normalization());
    }

    /** The neighbour-table rebuild: nn neighbours, from images embedded and searched within the eval bounds. */
    NeighbourTableBuilder rebuilder(ParallelImageLoader loader) {
        return NeighbourTableBuilder.builder()
                .setLoader(loader)
                .setTransform(samplerTransform())
                .optNeighbours(settings.loss().numNeighbors())
                .optChunk(settings.eval().embedBatch())
                .optChunkElements(settings.eval().chunkElements())
                .build();
    }

    /**
     * The actor pipeline of a run, all but its observer: what it trains, the teacher side, the data, batches of
     * B images in V views, the teacher lag, the rebuild cadence and, when {@code evaluation} is given, the
     * evaluations every {@code stml.run.eval-every-epochs}. Its non-finite handling is set per attempt by the caller.
     */
    PipelineSetup.Builder pipeline(ImageDataset train, ParallelImageLoader loader, StmlNetworks networks,
            StmlTrainer trainer, MomentumSchedule momentum, SnapshotEvaluation evaluation) {
        PipelineSetup.Builder setup = PipelineSetup.builder()
                .setTraining(networks, trainer)
                .setTeacher(similarity(), momentum)
                .setData(train, loader, trainTransform(), rebuilder(loader))
                .setBatches(settings.sampler().batchSize(), settings.run().seed())
                .optViews(settings.loss().views())
                .optLag(settings.pipeline().maxTeacherLag(), settings.pipeline().batchWindow())
                .optTeacherInstances(settings.pipeline().teacherInstances());
        if (settings.sampler().rebuildEverySteps() > 0) {
            setup.optRebuildEvery(settings.sampler().rebuildEverySteps());
        }
        if (evaluation != null) {
            setup.optEvaluation(settings.run().evalEveryEpochs(), evaluation);
        }
        return setup;
    }

    /** The checkpoints of a run directory: the last {@code stml.run.keep-last}, and the best by its metric. */
    CheckpointStore checkpoints(Path runDirectory) {
        return CheckpointStore.builder()
                .setDirectory(runDirectory.resolve("checkpoints"))
                .optKeepLast(settings.run().keepLast())
                .optBestMetric(settings.run().bestMetric())
                .build();
    }

    /** The progress line of a run, a line every {@code stml.run.progress-every-seconds} off a terminal. */
    ProgressLine progressLine(Console console, LongSupplier clock) {
        return new ProgressLine(console, settings.run().epochs(), settings.run().progressEverySeconds(), clock);
    }

    /** Decodes the held-out split once, with the evaluation transform, for repeated evaluations. */
    HeldOut heldOut(ImageDataset test, ParallelImageLoader loader) {
        HostBatch batch = loader.load(test, IntStream.range(0, test.size()).toArray(), evalTransform(), 1, 0);
        int[] labels = IntStream.of(batch.datasetIndices()).map(i -> test.get(i).label()).toArray();
        return new HeldOut(batch, labels);
    }

    /** Embeds the held-out images with the student's f head (evaluation mode) and scores the retrieval. */
    EvaluationResult evaluate(EmbeddingNetwork student, HeldOut heldOut, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray images = heldOut.batch().toNetworkInput(scratch);
            NDArray embeddings = student.embed(new ParameterStore(scratch, false), images, EmbeddingNetwork.Head.LOW,
                    settings.eval().embedBatch());
            return evaluator().evaluate(embeddings, heldOut.labels());
        }
    }

    /**
     * The held-out split, decoded.
     *
     * @param batch the images, one view each
     * @param labels the class of each image, in batch order
     */
    record HeldOut(HostBatch batch, int[] labels) {}

    EmbeddingEvaluator evaluator() {
        return EmbeddingEvaluator.builder()
                .optRecallKs(settings.eval().recallKs().stream().mapToInt(Integer::intValue).toArray())
                .optComputeNmi(settings.eval().nmi())
                .optChunkElements(settings.eval().chunkElements())
                .optSeed(settings.run().seed())
                .build();
    }
}
