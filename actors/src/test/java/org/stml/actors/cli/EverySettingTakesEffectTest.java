package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stml.actors.config.SettingsLoader;
import org.stml.actors.config.StmlSettings;
import org.stml.actors.node.StmlNode;
import org.stml.actors.node.TestNodes;
import org.stml.actors.pipeline.PipelineSetup;
import org.stml.actors.pipeline.PipelineSetupProbe;
import org.stml.actors.pipeline.SnapshotEvaluation;
import org.stml.actors.pipeline.StepEnd;
import org.stml.actors.pipeline.TrainingObserver;
import org.stml.actors.pipeline.TrainingPipeline;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;
import org.stml.model.data.RgbImage;
import org.stml.model.data.image.DefaultImageDecoder;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.train.PhaseTimes;
import org.stml.model.train.StepResult;
import org.stml.model.train.StmlTrainer;
import org.stml.monitoring.MonitoringConfig;

/**
 * Every documented key changes what a run is. For each leaf key of {@code reference.conf} the parts of a run are
 * built through {@link TrainingComponents}, as {@code stml train} builds them (synthetic or tiny on-disk data, no
 * training), once without and once with the key set to another valid value, and the part the key is about must be
 * described differently: each description is read back from the built object (AdamP's hyperparameters, the
 * networks' parameters, the pipeline's similarity, transform, rebuild and cadences, the held-out pixels ...), never
 * from the settings. Keys whose effect is only at run time (the number of epochs, step checkpoints, the non-finite
 * guard, the views the loader makes) have an observation of their own on a real tiny run. A key of the reference
 * with no observation fails {@link #everyReferenceKeyHasAnObservation()}.
 */
class EverySettingTakesEffectTest {

    /** A run of a few seconds: 60 images of 16 pixels, a ConvNet of width 8, 5 steps of 12 images per epoch. */
    private static final List<String> TINY = List.of("stml.data.synthetic.size=16", "stml.data.train-size=16",
            "stml.data.eval-resize=16", "stml.data.eval-crop=16", "stml.data.sampler-size=16",
            "stml.data.synthetic.train-classes=6", "stml.data.synthetic.test-classes=6",
            "stml.data.synthetic.instances=10", "stml.model.width=8", "stml.sampler.batch-size=12",
            "stml.monitoring.port=0");

    private static final SnapshotEvaluation NO_EVALUATION = (student, epochsTrained, step) -> { };

    private static final Map<List<String>, Map<String, String>> BUILT = new HashMap<>();

    @TempDir
    static Path temp;

    private static Path folder;
    private static Path otherFolder;
    private static Path cifar10;
    private static Path omniglot;
    private static Path tinyRun;
    private static Outcome tinyOutcome;
    private static Outcome explodingOutcome;

    @BeforeAll
    static void writeDatasets() throws IOException {
        folder = classFolders(temp.resolve("folder"), 4, 3, 1);
        otherFolder = classFolders(temp.resolve("other-folder"), 4, 4, 2);
        cifar10 = temp.resolve("cifar10");
        classFolders(cifar10.resolve("train"), 4, 2, 3);
        classFolders(cifar10.resolve("test"), 4, 2, 4);
        omniglot = temp.resolve("omniglot");
        Files.createDirectories(omniglot);
        try (ZipOutputStream zip = new ZipOutputStream(
                Files.newOutputStream(omniglot.resolve("images_background_small1.zip")))) {
            int seed = 5;
            for (String alphabet : List.of("Alpha", "Beta")) {
                for (String character : List.of("character01", "character02")) {
                    for (String drawing : List.of("0001_01.png", "0001_02.png")) {
                        zip.putNextEntry(new ZipEntry("images_background_small1/" + alphabet + "/" + character + "/"
                                + drawing));
                        zip.write(png(seed++));
                        zip.closeEntry();
                    }
                }
            }
        }
    }

    /** What each key is observed by: a part of the built run that must change, or a check on a real run. */
    private static Map<String, Observation> observations() {
        String onFolder = "stml.data.path=" + quoted(folder);
        Map<String, Observation> keys = new LinkedHashMap<>();
        keys.put("stml.run.dir", built("\"elsewhere/run-1\"", "run directory"));
        keys.put("stml.run.seed", built("7", "networks"));
        keys.put("stml.run.epochs", atRunTime(() -> assertEquals(1, events(tinyRun(), "epoch"),
                "stml.run.epochs=1 trains one epoch")));
        keys.put("stml.run.eval-every-epochs", built("2", "pipeline"));
        keys.put("stml.run.keep-last", built("5", "checkpoints"));
        keys.put("stml.run.checkpoint-every-steps", atRunTime(() -> assertTrue(
                Files.isDirectory(tinyRun().resolve("checkpoints/step-000002")),
                "stml.run.checkpoint-every-steps=2 checkpoints after step 2, inside the epoch")));
        keys.put("stml.run.progress-every-seconds", built("1", "progress"));
        keys.put("stml.run.best-metric", built("precision_at_1", "checkpoints"));

        keys.put("stml.data.layout", built("folder", "dataset", onFolder));
        keys.put("stml.data.path", built(quoted(otherFolder), "dataset", "stml.data.layout=folder", onFolder));
        keys.put("stml.data.train-size", built("24", "pipeline"));
        keys.put("stml.data.eval-resize", built("40", "evaluation"));
        keys.put("stml.data.eval-crop", built("24", "evaluation"));
        keys.put("stml.data.sampler-size", built("24", "pipeline"));
        keys.put("stml.data.normalization", built("unit", "pipeline"));
        keys.put("stml.data.loader-threads", built(String.valueOf(Runtime.getRuntime().availableProcessors() + 1),
                "loader"));
        keys.put("stml.data.augment.min-scale", built("0.3", "pipeline"));
        keys.put("stml.data.augment.max-scale", built("0.9", "pipeline"));
        keys.put("stml.data.augment.min-ratio", built("0.8", "pipeline"));
        keys.put("stml.data.augment.max-ratio", built("1.25", "pipeline"));
        keys.put("stml.data.augment.flip-probability", built("0.25", "pipeline"));
        keys.put("stml.data.split.train-classes", built("1", "dataset", "stml.data.layout=folder", onFolder));
        keys.put("stml.data.split.train-fraction", built("0.75", "dataset", "stml.data.layout=folder", onFolder));
        keys.put("stml.data.split.omniglot", built("by-alphabet", "dataset", "stml.data.layout=omniglot",
                "stml.data.path=" + quoted(omniglot)));
        keys.put("stml.data.split.held-out-from-train-folder", built("true", "dataset", "stml.data.layout=cifar10",
                "stml.data.path=" + quoted(cifar10)));
        keys.put("stml.data.synthetic.train-classes", built("20", "dataset"));
        keys.put("stml.data.synthetic.test-classes", built("20", "dataset"));
        keys.put("stml.data.synthetic.instances", built("20", "dataset"));
        keys.put("stml.data.synthetic.size", built("24", "dataset"));

        keys.put("stml.model.backbone", built("resnet18", "networks"));
        keys.put("stml.model.stem", built("imagenet", "networks", "stml.model.backbone=resnet18"));
        keys.put("stml.model.width", built("16", "networks"));
        keys.put("stml.model.embedding-size", built("64", "networks"));
        keys.put("stml.model.high-dim-size", built("512", "networks"));
        keys.put("stml.model.teacher-init", built("copy-of-student", "networks"));

        keys.put("stml.loss.sigma", built("2.0", "pipeline"));
        keys.put("stml.loss.margin", built("1.0", "trainer"));
        keys.put("stml.loss.num-neighbors", built("3", "pipeline"));
        keys.put("stml.loss.views", atRunTime(EverySettingTakesEffectTest::viewsReachTheLoaderAndTheSimilarity));

        keys.put("stml.optimizer.lr", built("1e-4", "trainer"));
        keys.put("stml.optimizer.emb-lr", built("1e-4", "trainer"));
        keys.put("stml.optimizer.weight-decay", built("0.05", "trainer"));
        keys.put("stml.optimizer.schedule", built("cosine", "trainer"));
        keys.put("stml.optimizer.adamp.beta1", built("0.8", "trainer"));
        keys.put("stml.optimizer.adamp.beta2", built("0.99", "trainer"));
        keys.put("stml.optimizer.adamp.epsilon", built("1e-6", "trainer"));
        keys.put("stml.optimizer.adamp.delta", built("0.2", "trainer"));
        keys.put("stml.optimizer.adamp.wd-ratio", built("0.2", "trainer"));
        keys.put("stml.optimizer.adamp.nesterov", built("false", "trainer"));

        keys.put("stml.ema.momentum", built("0.99", "pipeline"));
        keys.put("stml.ema.schedule", built("cosine", "pipeline"));

        keys.put("stml.sampler.batch-size", built("24", "pipeline"));
        keys.put("stml.sampler.rebuild-every-steps", built("5", "pipeline"));

        keys.put("stml.pipeline.max-teacher-lag", built("1", "pipeline"));
        keys.put("stml.pipeline.teacher-instances", built("2", "pipeline"));
        keys.put("stml.pipeline.batch-window", built("3", "pipeline"));

        keys.put("stml.eval.recall-ks", built("[1, 2]", "evaluation"));
        keys.put("stml.eval.nmi", built("false", "evaluation"));
        keys.put("stml.eval.chunk-elements", built("1000", "pipeline"));
        keys.put("stml.eval.embed-batch", built("64", "pipeline"));

        keys.put("stml.nonfinite.max-consecutive-skips", atRunTime(() -> assertTrue(
                exploded().err().startsWith("stml: training failed: 1 consecutive non-finite steps"),
                "stml.nonfinite.max-consecutive-skips=1 stops at the first non-finite step: " + exploded().err())));
        keys.put("stml.nonfinite.max-rollbacks", atRunTime(() -> assertTrue(
                exploded().err().contains("after 0 roll-backs (stml.nonfinite.max-rollbacks)"),
                "stml.nonfinite.max-rollbacks=0 fails without rolling back: " + exploded().err())));

        keys.put("stml.monitoring.enabled", built("false", "monitoring"));
        keys.put("stml.monitoring.host", built("\"0.0.0.0\"", "monitoring"));
        keys.put("stml.monitoring.port", built("9500", "monitoring"));
        keys.put("stml.monitoring.node", built("node-1", "monitoring"));
        keys.put("stml.monitoring.role", built("teacher", "monitoring"));
        return keys;
    }

    @Test
    void everyReferenceKeyHasAnObservation() {
        Set<String> reference = ConfigFactory.defaultReferenceUnresolved().getConfig("stml").entrySet().stream()
                .map(entry -> "stml." + entry.getKey()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> observed = observations().keySet();
        assertEquals(List.of(), reference.stream().filter(key -> !observed.contains(key)).toList(),
                "keys of reference.conf without an observation of their effect here");
        assertEquals(List.of(), observed.stream().filter(key -> !reference.contains(key)).toList(),
                "observed keys that reference.conf does not have");
    }

    @Test
    void buildingTheSameSettingsTwiceDescribesTheSameRun() {
        assertEquals(describe(List.of()), describeAfresh(List.of()));
    }

    @TestFactory
    Stream<DynamicTest> everyKeyChangesTheRun() {
        return observations().entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> entry.getValue().check(entry.getKey())));
    }

    /** How the effect of one key is observed. */
    @FunctionalInterface
    private interface Observation {
        void check(String key) throws Exception;
    }

    /** A check on a real run. */
    @FunctionalInterface
    private interface RunCheck {
        void run() throws Exception;
    }

    /** The key set to {@code value} over {@code context} changes the described {@code part} of the built run. */
    private static Observation built(String value, String part, String... context) {
        return key -> {
            List<String> changed = new ArrayList<>(List.of(context));
            changed.add(key + "=" + value);
            String before = describe(List.of(context)).get(part);
            String after = describe(changed).get(part);
            assertTrue(before != null, "no part named " + part);
            assertNotEquals(before, after, key + "=" + value + " changes nothing in the " + part + ": " + before);
        };
    }

    private static Observation atRunTime(RunCheck check) {
        return key -> check.run();
    }

    private static synchronized Map<String, String> describe(List<String> overrides) {
        Map<String, String> parts = BUILT.get(overrides);
        if (parts == null) {
            parts = describeAfresh(overrides);
            BUILT.put(List.copyOf(overrides), parts);
        }
        return parts;
    }

    /** Builds the parts of a run as {@code stml train} does, and describes each from what was built. */
    private static Map<String, String> describeAfresh(List<String> overrides) {
        TrainingComponents components = new TrainingComponents(settings(overrides));
        Map<String, String> parts = new TreeMap<>();
        parts.put("run directory", components.runDirectory(null).toString()
                .replaceFirst("^runs[/\\\\]\\d{8}-\\d{6}$", "runs/<timestamp>"));
        MonitoringConfig monitoring = components.monitoring();
        parts.put("monitoring", monitoring.enabled() + " " + monitoring.host() + ":" + monitoring.port() + " node "
                + monitoring.node() + " role " + monitoring.role());
        DatasetSplit split = components.dataset();
        parts.put("dataset", describe(split.train()) + " | "
                + split.test().map(EverySettingTakesEffectTest::describe).orElse("no held-out split"));
        parts.put("checkpoints", components.checkpoints(Path.of("run")).toString());
        parts.put("progress", progress(components));
        try (NDManager manager = NDManager.newBaseManager(); ParallelImageLoader loader = components.loader()) {
            parts.put("loader", "threads " + loader.threads());
            StmlNetworks networks = components.networks(manager);
            parts.put("networks", "student " + describe(networks.student()) + " teacher "
                    + describe(networks.teacher()));
            MomentumSchedule momentum = components.momentum(split.train());
            try (StmlTrainer trainer = components.trainer(networks, momentum, manager)) {
                parts.put("trainer", trainer.toString());
                parts.put("pipeline", PipelineSetupProbe.describe(components.pipeline(split.train(), loader,
                        networks, trainer, momentum, NO_EVALUATION).build()));
            }
            parts.put("evaluation", components.evaluator() + " held out: " + split.test()
                    .map(test -> heldOut(components, test, loader)).orElse("none"));
        }
        return parts;
    }

    private static StmlSettings settings(List<String> overrides) {
        return SettingsLoader.create().withOverrides(overrides).loadSettings();
    }

    /** Name, size, every record and the pixels of the first image. */
    private static String describe(ImageDataset dataset) {
        String records = dataset.records().stream().map(r -> r.source().location() + "=" + r.label())
                .collect(Collectors.joining(","));
        ImageRecord first = dataset.get(0);
        try {
            RgbImage image = first.source().load(new DefaultImageDecoder());
            return dataset.summary() + " records #" + records.hashCode() + " first " + image.width() + "x"
                    + image.height() + " #" + Arrays.hashCode(image.pixels());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every parameter's name, shape and sum. */
    private static String describe(EmbeddingNetwork network) {
        StringBuilder text = new StringBuilder();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            NDArray array = entry.getValue().getArray();
            try (NDArray sum = array.sum()) {
                text.append(entry.getKey()).append(array.getShape()).append('=').append(sum.getFloat()).append(' ');
            }
        }
        return text.toString();
    }

    /** The first few held-out images as the evaluation decodes them: shape, pixels and labels. */
    private static String heldOut(TrainingComponents components, ImageDataset test, ParallelImageLoader loader) {
        ImageDataset some = new ImageDataset(test.name(), test.records().subList(0, Math.min(8, test.size())));
        TrainingComponents.HeldOut heldOut = components.heldOut(some, loader);
        HostBatch batch = heldOut.batch();
        return batch.shape() + " #" + Arrays.hashCode(batch.pixels()) + " labels "
                + Arrays.toString(heldOut.labels());
    }

    /** The lines the progress line writes off a terminal for steps 0, 2 and 40 seconds into a run. */
    private static String progress(TrainingComponents components) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLine line = components.progressLine(new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false), now::get);
        int step = 0;
        for (long second : new long[] {0, 2, 40}) {
            now.set(second * 1_000_000_000L);
            StepResult result = new StepResult(step, 1f, 0.5f, 0.5f, 0.1f, 0.9, true, new PhaseTimes(0, 0, 0, 0, 0, 0));
            line.step(new StepEnd(0, step++, 100, result, 0, 48, second + 1.0, null, 0, null));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Trains one epoch of the actor pipeline with V = 1 and V = 3: the loader makes V views of every image (each
     * view is one application of the training transform), the similarity's k is nn × V, and every step trains.
     */
    private static void viewsReachTheLoaderAndTheSimilarity() {
        for (int views : new int[] {1, 3}) {
            List<String> overrides = new ArrayList<>(TINY);
            overrides.add("stml.loss.views=" + views);
            StmlSettings settings = settings(overrides);
            TrainingComponents components = new TrainingComponents(settings);
            DatasetSplit split = components.dataset();
            AtomicLong transformed = new AtomicLong();
            List<StepResult> steps = Collections.synchronizedList(new ArrayList<>());
            try (NDManager manager = NDManager.newBaseManager(); ParallelImageLoader loader = components.loader()) {
                StmlNetworks networks = components.networks(manager);
                MomentumSchedule momentum = components.momentum(split.train());
                try (StmlTrainer trainer = components.trainer(networks, momentum, manager)) {
                    PipelineSetup.Builder setup = components.pipeline(split.train(), loader, networks, trainer,
                            momentum, null);
                    assertEquals(settings.loss().numNeighbors() * views,
                            PipelineSetupProbe.similarity(setup.build()).contextSize(), "k = nn x V");
                    setup.setData(split.train(), loader, counting(components.trainTransform(), transformed),
                            components.rebuilder(loader));
                    setup.optObserver(new TrainingObserver() {
                        @Override
                        public void stepEnded(StepEnd end) {
                            steps.add(end.result());
                        }
                    });
                    try (StmlNode node = TestNodes.start()) {
                        TrainingPipeline.run(node, setup.build(), 1, manager, Duration.ofMinutes(5));
                    }
                }
            }
            int batchSize = settings.sampler().batchSize();
            int stepsPerEpoch = NeighbourBatchSampler.stepsPerEpoch(split.train().size(), batchSize);
            assertEquals((long) stepsPerEpoch * batchSize * views, transformed.get(),
                    "stml.loss.views=" + views + ": views of each image of each batch");
            assertEquals(stepsPerEpoch, steps.size());
            assertTrue(steps.stream().allMatch(s -> s.applied() && Float.isFinite(s.total())),
                    "every step trains with V = " + views + ": " + steps);
        }
    }

    private static ViewTransform counting(ViewTransform transform, AtomicLong applications) {
        return new ViewTransform() {
            @Override
            public int size() {
                return transform.size();
            }

            @Override
            public Normalization normalization() {
                return transform.normalization();
            }

            @Override
            public void apply(RgbImage image, Random random, byte[] destination, int offset) {
                applications.incrementAndGet();
                transform.apply(image, random, destination, offset);
            }
        };
    }

    /**
     * A real {@code stml train} of one epoch into {@code stml.run.dir} (no {@code --run-dir}), with a checkpoint
     * every two steps.
     */
    private static synchronized Path tinyRun() {
        if (tinyOutcome == null) {
            tinyRun = temp.resolve("tiny-run");
            List<String> overrides = new ArrayList<>(TINY);
            overrides.addAll(List.of("stml.run.dir=" + quoted(tinyRun), "stml.run.epochs=1",
                    "stml.run.checkpoint-every-steps=2", "stml.run.keep-last=10"));
            tinyOutcome = train(overrides);
            assertEquals(0, tinyOutcome.status(), tinyOutcome.err());
        }
        return tinyRun;
    }

    /** A real {@code stml train} whose learning rate makes the second step's loss infinite. */
    private static synchronized Outcome exploded() {
        if (explodingOutcome == null) {
            List<String> overrides = new ArrayList<>(TINY);
            overrides.addAll(List.of("stml.run.dir=" + quoted(temp.resolve("exploding")), "stml.optimizer.lr=1e30",
                    "stml.optimizer.emb-lr=1e30", "stml.nonfinite.max-consecutive-skips=1",
                    "stml.nonfinite.max-rollbacks=0"));
            explodingOutcome = train(overrides);
            assertEquals(1, explodingOutcome.status(), explodingOutcome.out() + explodingOutcome.err());
        }
        return explodingOutcome;
    }

    private static Outcome train(List<String> overrides) {
        List<String> args = new ArrayList<>(List.of("train"));
        overrides.forEach(override -> args.addAll(List.of("-D", override)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long events(Path runDir, String type) throws IOException {
        return Files.readAllLines(runDir.resolve("events.jsonl")).stream()
                .filter(line -> line.contains("\"event\":\"" + type + "\"")).count();
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Writes {@code classes} class folders of {@code images} 8 × 8 PNGs each, their pixels drawn from the seed. */
    private static Path classFolders(Path root, int classes, int images, int seed) throws IOException {
        int next = seed * 1000;
        for (int c = 0; c < classes; c++) {
            Path classFolder = Files.createDirectories(root.resolve("class-" + c));
            for (int i = 0; i < images; i++) {
                Files.write(classFolder.resolve("image-" + i + ".png"), png(next++));
            }
        }
        return root;
    }

    private static byte[] png(int seed) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private record Outcome(int status, String out, String err) {}
}
