package org.stml.actors.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stml.model.data.image.Normalization;
import org.stml.model.nn.Stem;
import org.stml.model.nn.TeacherInit;

/** Validation, rendering and flattening of {@link StmlSettings}. */
class StmlSettingsTest {

    private static StmlSettings load(String... overrides) {
        return SettingsLoader.create().withOverrides(List.of(overrides)).loadSettings();
    }

    private static List<String> errors(String... overrides) {
        return assertThrows(InvalidSettingsException.class, () -> load(overrides)).errors();
    }

    @Test
    void defaultsAreTheQuickSyntheticRun() {
        StmlSettings settings = StmlSettings.defaults();
        assertEquals(new RunSettings("", 0, 12, 1, 3, 0, 30, "recall_at_1"), settings.run());
        assertTrue(settings.run().automaticDir());
        assertTrue(settings.data().isSynthetic());
        assertEquals(new SyntheticSettings(40, 40, 30, 32), settings.data().synthetic());
        assertEquals(32, settings.data().trainSize());
        assertEquals(Normalization.IMAGENET, settings.data().normalization());
        assertEquals(new ModelSettings("convnet", Stem.CIFAR, 32, 128, 1024, TeacherInit.INDEPENDENT),
                settings.model());
        assertEquals(new LossSettings(3.0, 0.9, 2, 2), settings.loss());
        assertEquals(1e-3, settings.optimizer().lr());
        assertEquals(1e-3, settings.optimizer().embLr());
        assertEquals(ScheduleKind.CONSTANT, settings.optimizer().schedule());
        assertEquals(new AdamPSettings(0.9, 0.999, 1e-8, 0.1, 0.1, true), settings.optimizer().adamp());
        assertEquals(new EmaSettings(0.9, ScheduleKind.CONSTANT), settings.ema());
        assertEquals(new SamplerSettings(48, 0), settings.sampler());
        assertEquals(List.of(1, 2, 4, 8), settings.eval().recallKs());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.data().effectiveLoaderThreads());
    }

    @Test
    void overridesReachTheTypedView() {
        StmlSettings settings = load("stml.model.teacher-init=copy-of-student", "stml.model.stem=IMAGENET",
                "stml.eval.recall-ks=[1, 10, 100]", "stml.eval.nmi=off", "stml.optimizer.schedule=cosine");
        assertEquals(TeacherInit.COPY_OF_STUDENT, settings.model().teacherInit());
        assertEquals(Stem.IMAGENET, settings.model().stem());
        assertEquals(List.of(1, 10, 100), settings.eval().recallKs());
        assertFalse(settings.eval().nmi());
        assertEquals(ScheduleKind.COSINE, settings.optimizer().schedule());
    }

    @Test
    void unknownKeyIsRefusedWithASuggestion() {
        assertEquals(List.of("unknown key stml.optimizer.lrr (did you mean stml.optimizer.lr?)"),
                errors("stml.optimizer.lrr=0.1"));
        assertEquals(List.of("unknown key stml.optimiser (did you mean stml.optimizer?)"),
                errors("stml.optimiser.lr=0.1"));
        assertEquals(List.of("unknown key stml.loss.completely-different"),
                errors("stml.loss.completely-different=1"));
    }

    @Test
    void keysOutsideStmlAreNotChecked() {
        assertEquals(StmlSettings.defaults(), load("pekko.loglevel=DEBUG", "something.else=1"));
    }

    @Test
    void typeErrorNamesTheKey() {
        assertEquals(List.of("stml.sampler.batch-size: expected an integer, got \"abc\""),
                errors("stml.sampler.batch-size=abc"));
        assertEquals(List.of("stml.sampler.batch-size: expected an integer, got 48.5"),
                errors("stml.sampler.batch-size=48.5"));
        assertEquals(List.of("stml.loss.margin: expected a number, got [1]"), errors("stml.loss.margin=[1]"));
        assertEquals(List.of("stml.eval.nmi: expected a boolean (true or false), got \"maybe\""),
                errors("stml.eval.nmi=maybe"));
        assertEquals(List.of("stml.eval.recall-ks: expected a list of integers, got [1,\"x\"]"),
                errors("stml.eval.recall-ks=[1, x]"));
        assertEquals(List.of("stml.optimizer: expected a section of settings, got 5"), errors("stml.optimizer=5"));
    }

    @Test
    void quotedNumbersAreAccepted() {
        assertEquals(48, load("stml.sampler.batch-size=\"48\"").sampler().batchSize());
    }

    @Test
    void outOfRangeValueNamesTheKey() {
        assertEquals(List.of("stml.ema.momentum: must be in [0, 1], got 1.5"), errors("stml.ema.momentum=1.5"));
        assertEquals(List.of("stml.run.epochs: must be at least 1, got 0"), errors("stml.run.epochs=0"));
        assertEquals(List.of("stml.model.backbone: unknown value \"vgg\"; allowed: resnet18, resnet50, convnet"),
                errors("stml.model.backbone=vgg"));
        assertEquals(List.of("stml.ema.schedule: unknown value \"linear\"; allowed: constant, cosine"),
                errors("stml.ema.schedule=linear"));
        assertEquals(List.of("stml.optimizer.adamp.beta2: must be in [0, 1) as a float32, got 0.99999999"),
                errors("stml.optimizer.adamp.beta2=0.99999999"), "it would round to 1");
        assertEquals(List.of("stml.optimizer.adamp.epsilon: must be positive as a float32, got 1.0E-50"),
                errors("stml.optimizer.adamp.epsilon=1e-50"), "it would round to 0");
        assertEquals(List.of("stml.eval.recall-ks: must be a non-empty, strictly increasing list of integers >= 1,"
                + " got [1,4,2]"), errors("stml.eval.recall-ks=[1,4,2]"));
    }

    @Test
    void crossFieldRulesNameTheKey() {
        assertEquals(List.of("stml.sampler.batch-size: must be a multiple of stml.loss.num-neighbors (5), got 48"),
                errors("stml.loss.num-neighbors=5"));
        assertEquals(List.of("stml.data.eval-crop: must be at most stml.data.eval-resize (32), got 40"),
                errors("stml.data.eval-crop=40"));
        assertEquals(List.of("stml.data.path: required for layout cub (only synthetic reads no files)"),
                errors("stml.data.layout=cub"));
        assertTrue(errors("stml.eval.nmi=false", "stml.run.best-metric=NMI").get(0)
                .startsWith("stml.run.best-metric: unknown metric \"NMI\"; this evaluation computes: recall_at_1,"));
        assertEquals(List.of("stml.sampler.batch-size: must not exceed the synthetic training images (20), got 48"),
                errors("stml.data.synthetic.train-classes=2", "stml.data.synthetic.instances=10"));
        assertEquals(List.of("stml.loss.views: times stml.sampler.batch-size (48) must be at most 65536, the rows one "
                + "similarity matrix can hold; got 68160"), errors("stml.loss.views=1420"));
        assertEquals(1365, load("stml.loss.views=1365").loss().views());
        assertEquals("NMI", load("stml.run.best-metric=NMI").run().bestMetric());
        assertEquals(Stem.IMAGENET, load("stml.data.layout=cub", "stml.data.path=/data/cub",
                "stml.model.stem=imagenet").model().stem());
    }

    @Test
    void aCrossFieldRuleIsSkippedWhenOneOfItsKeysIsAlreadyWrong() {
        assertEquals(List.of("stml.loss.num-neighbors: expected an integer, got \"x\""),
                errors("stml.loss.num-neighbors=x"));
    }

    @Test
    void everyErrorIsReportedInOneException() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> load(
                "stml.optimizer.lrr=1", "stml.sampler.batch-size=abc", "stml.ema.momentum=-1",
                "stml.model.stem=tiny", "stml.data.eval-crop=64"));
        assertEquals(List.of(
                "unknown key stml.optimizer.lrr (did you mean stml.optimizer.lr?)",
                "stml.data.eval-crop: must be at most stml.data.eval-resize (32), got 64",
                "stml.model.stem: unknown value \"tiny\"; allowed: imagenet, cifar",
                "stml.ema.momentum: must be in [0, 1], got -1.0",
                "stml.sampler.batch-size: expected an integer, got \"abc\""), e.errors());
        assertEquals(String.join(System.lineSeparator(), e.errors()), e.getMessage());
    }

    @Test
    void renderRoundTrips() {
        for (StmlSettings settings : List.of(StmlSettings.defaults(), load("stml.run.dir=runs/a b",
                "stml.optimizer.adamp.epsilon=1e-12", "stml.eval.recall-ks=[1,10,100,1000]",
                "stml.data.path=\"C:\\\\data\\\\cub\"", "stml.model.teacher-init=copy-of-student",
                "stml.eval.chunk-elements=10000000000", "stml.run.seed=-7"))) {
            String text = settings.render();
            StmlSettings parsed = StmlSettings.load(ConfigFactory.parseString(text).resolve());
            assertEquals(settings, parsed, text);
            assertEquals(settings.flatten(), parsed.flatten());
            assertEquals(settings.render(), parsed.render());
        }
    }

    @Test
    void renderIsHoconUnderStml() {
        String text = StmlSettings.defaults().render();
        assertTrue(text.startsWith("#"), text);
        assertTrue(text.contains("stml {"), text);
        assertTrue(text.contains("batch-size=48"), text);
    }

    @Test
    void flattenIsStableAcrossSpellings() {
        StmlSettings plain = load("stml.optimizer.lr=0.001", "stml.loss.sigma=3", "stml.model.stem=cifar",
                "stml.eval.nmi=true");
        StmlSettings spelled = load("stml.optimizer.lr=1e-3", "stml.loss.sigma=3.0", "stml.model.stem=CIFAR",
                "stml.eval.nmi=on");
        assertEquals(plain.flatten(), spelled.flatten());
        assertEquals(plain, spelled);
        assertEquals(plain.hashCode(), spelled.hashCode());
        assertEquals("0.001", plain.flatten().get("stml.optimizer.lr"));
        assertEquals("[1, 2, 4, 8]", plain.flatten().get("stml.eval.recall-ks"));
        assertEquals("cifar", plain.flatten().get("stml.model.stem"));
        assertEquals(plain.flatten(), StmlSettings.defaults().flatten());
        assertNotEquals(plain.flatten(), load("stml.loss.margin=1.0").flatten());
    }

    @Test
    void resumeConflictsOnlyConcernResumeKeys() {
        Map<String, String> saved = StmlSettings.defaults().flatten();
        assertEquals(List.of(), load("stml.run.keep-last=9", "stml.data.loader-threads=2", "stml.eval.nmi=false")
                .resumeConflicts(saved));
        // the number of epochs fixes the cosine schedule's period, so changing it is a conflict
        assertEquals(List.of("stml.run.epochs: the checkpoint has 12, this run has 90"),
                load("stml.run.epochs=90").resumeConflicts(saved));
        assertEquals(List.of("stml.loss.margin: the checkpoint has 0.9, this run has 1.0",
                        "stml.model.width: the checkpoint has 32, this run has 64"),
                load("stml.loss.margin=1", "stml.model.width=64").resumeConflicts(saved));
        Map<String, String> older = new TreeMap<>(saved);
        older.remove("stml.run.seed");
        assertEquals(List.of("stml.run.seed: missing from the checkpoint's settings"),
                StmlSettings.defaults().resumeConflicts(older));
    }
}
