package org.stml.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.tensor.HostWeights;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.StmlTrainer;

/**
 * The student trainer on its own. One probe stands in for the loader, the EMA broadcaster and the (single) teacher
 * instance, so that the order of everything the student sends them shows: it sends the table, requests labels as
 * the lag allows, trains on each labelled batch, asks for the fold, and applies AdamP only once the fold is answered.
 */
class StudentTrainerTest {

    private static final int STEPS = TinyStml.DATASET.size() / TinyStml.BATCH;

    private static ActorTestKit testKit;
    private static ParallelImageLoader images;
    private NDManager manager;
    private StmlNetworks networks;
    private StmlTrainer trainer;
    private NeighbourTableBuilder rebuilder;
    private TestProbe<Object> others;
    private final List<StepEnd> steps = new CopyOnWriteArrayList<>();
    private final List<EpochSummary> epochs = new CopyOnWriteArrayList<>();
    private ActorRef<StudentTrainer.Command> student;

    @BeforeAll
    static void start() {
        testKit = TinyStml.testKit(StudentTrainerTest.class);
        images = ParallelImageLoader.builder().optThreads(2).build();
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
        images.close();
    }

    @BeforeEach
    void buildTraining() {
        manager = NDManager.newBaseManager();
        networks = TinyStml.networks(manager);
        trainer = TinyStml.trainer(networks, manager);
        rebuilder = TinyStml.rebuilder(images);
        others = testKit.createTestProbe(Object.class);
        TestProbe<Receptionist.Registered> registered = testKit.createTestProbe(Receptionist.Registered.class);
        testKit.system().receptionist().tell(Receptionist.register(TeacherInference.SERVICE_KEY,
                others.ref().narrow(), registered.ref()));
        registered.expectMessageClass(Receptionist.Registered.class, TinyStml.WORK);
    }

    @AfterEach
    void stopTraining() {
        if (student != null) {
            testKit.stop(student, TinyStml.WORK);
        }
        others.stop();
        trainer.close();
        manager.close();
    }

    /** Spawns the student; only the probe counts as a teacher of this run (earlier tests' probes stay listed). */
    private void spawnStudent(boolean sendWeights, long lag, int window) {
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void stepEnded(StepEnd step) {
                steps.add(step);
            }

            @Override
            public void epochEnded(EpochSummary summary, NeighbourTable table) {
                epochs.add(summary);
            }
        };
        ActorRef<Object> probe = others.ref();
        StudentTrainer.Parts parts = new StudentTrainer.Parts(probe.narrow(), probe.narrow(), sendWeights, null, 1,
                1, teacher -> teacher.equals(probe), TinyStml.BATCH, TinyStml.SEED, lag, window, Integer.MAX_VALUE,
                5, Set.of(), observer);
        student = testKit.spawn(StudentTrainer.create(trainer, rebuilder, TinyStml.DATASET, parts, manager),
                TinyStml.tensorThread());
    }

    /** Starts the run and returns the table it sent the loader, checked against one rebuilt here beforehand. */
    private NeighbourTable startRun(int epochCount, TestProbe<StudentTrainer.Finished> finished) {
        NeighbourTable expected = rebuildHere();
        student.tell(new StudentTrainer.Start(0, 0, 0, null, epochCount, finished.ref()));
        return expectTable(expected);
    }

    private NeighbourTable rebuildHere() {
        return rebuilder.rebuild(networks.student(), new ParameterStore(manager, false), TinyStml.DATASET, manager)
                .table();
    }

    private NeighbourTable expectTable(NeighbourTable expected) {
        BatchLoader.UseTable use = others.expectMessageClass(BatchLoader.UseTable.class, TinyStml.WORK);
        assertEquals(expected.neighbours(), use.neighbours());
        assertArrayEquals(expected.toArray(), use.table(), "the table rebuilt from the student's g head");
        return NeighbourTable.of(use.neighbours(), use.table());
    }

    private TeacherInference.Label expectLabel(int epoch, int step, long exactVersion) {
        TeacherInference.Label label = others.expectMessageClass(TeacherInference.Label.class, TinyStml.WORK);
        assertEquals(epoch, label.epoch(), "epoch of " + label);
        assertEquals(step, label.step(), "step of " + label);
        assertEquals(exactVersion, label.exactVersion(), "exact teacher version of " + label);
        return label;
    }

    /** Answers a label request with the real batch and its W under the master teacher, as teacher version v. */
    private void answer(TeacherInference.Label label, NeighbourTable table, long teacherVersion) {
        HostBatch batch = TinyStml.loadBatch(images, table, label.epoch(), label.step());
        float[] target = TinyStml.pseudoLabels(networks.teacher(), batch, manager);
        label.replyTo().tell(new TeacherInference.LabelledBatch(label.epoch(), label.step(), batch, target,
                teacherVersion, 1, 1));
    }

    private EmaBroadcaster.FoldIn expectFold(long step) {
        EmaBroadcaster.FoldIn fold = others.expectMessageClass(EmaBroadcaster.FoldIn.class, TinyStml.WORK);
        assertEquals(step, fold.step());
        return fold;
    }

    private void awaitSteps(int count) {
        others.awaitAssert(TinyStml.WORK, () -> {
            assertEquals(count, steps.size(), "steps observed");
            return steps;
        });
    }

    @Test
    void foldsBeforeRequestingTheNextLabelAndAppliesAdamPOnlyOnceFolded() {
        spawnStudent(true, 0, 1);
        HostWeights initial = HostWeights.of(networks.student(), 0);
        NeighbourTable table = startRun(1, testKit.createTestProbe(StudentTrainer.Finished.class));

        TeacherInference.Label first = expectLabel(0, 0, 0);
        others.expectNoMessage(TinyStml.QUIET);
        answer(first, table, 0);
        EmaBroadcaster.FoldIn fold = expectFold(0);
        expectLabel(0, 1, 1);
        others.expectNoMessage(TinyStml.QUIET);

        HostWeights sent = fold.student();
        assertNotNull(sent, "the message path sends the student's weights");
        assertEquals(0, sent.version());
        assertEquals(HostWeights.of(networks.student(), 0), sent, "the student waits for the fold unchanged");
        assertSameTrainable(initial, sent);
        assertTrue(steps.isEmpty(), "the step ends only once folded");

        fold.replyTo().tell(new EmaBroadcaster.Folded(1, 0.9, Double.NaN));
        awaitSteps(1);
        StepEnd end = steps.get(0);
        assertEquals(0, end.step());
        assertEquals(STEPS, end.stepsInEpoch());
        assertTrue(end.result().applied());
        assertEquals(0.9, end.result().momentum(), "the momentum the broadcaster reported");
        assertEquals(0, end.teacherLag());
        assertEquals(TinyStml.BATCH, end.images());
        String trainable = "02g_weight";
        assertFalse(Arrays.equals(TinyStml.values(sent).get(trainable),
                TinyStml.values(networks.student()).get(trainable)), "AdamP applied after the fold");
    }

    @Test
    void sharingTheStudentSendsFoldsWithoutWeights() {
        spawnStudent(false, 0, 1);
        NeighbourTable table = startRun(1, testKit.createTestProbe(StudentTrainer.Finished.class));

        answer(expectLabel(0, 0, 0), table, 0);

        assertNull(expectFold(0).student(), "the broadcaster reads the student network itself");
        expectLabel(0, 1, 1);
    }

    @Test
    void aLagOfTwoRequestsTheWindowAtOnceAndTrainsInOrder() {
        spawnStudent(true, 2, 2);
        NeighbourTable table = startRun(1, testKit.createTestProbe(StudentTrainer.Finished.class));

        TeacherInference.Label step0 = expectLabel(0, 0, 0);
        TeacherInference.Label step1 = expectLabel(0, 1, 1);
        TeacherInference.Label step2 = expectLabel(0, 2, 2);
        others.expectNoMessage(TinyStml.QUIET);
        answer(step2, table, 0);
        answer(step1, table, 0);
        others.expectNoMessage(TinyStml.QUIET);
        answer(step0, table, 0);
        expectFold(0).replyTo().tell(new EmaBroadcaster.Folded(1, 0.9, Double.NaN));

        List<Object> next = others.receiveSeveralMessages(2, TinyStml.WORK);
        TeacherInference.Label step3 = only(next, TeacherInference.Label.class);
        assertEquals(3, step3.step());
        assertEquals(3, step3.exactVersion(), "one step applied, three ahead of it");
        EmaBroadcaster.FoldIn fold1 = only(next, EmaBroadcaster.FoldIn.class);
        assertEquals(1, fold1.step(), "step 1 was waiting: it trains at once");
        fold1.replyTo().tell(new EmaBroadcaster.Folded(2, 0.9, Double.NaN));
        awaitSteps(2);
        assertEquals(0, steps.get(0).teacherLag());
        assertEquals(1, steps.get(1).teacherLag(), "labelled by version 0 after one applied step");
    }

    private static <T> T only(List<Object> messages, Class<T> type) {
        List<T> matching = messages.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matching.size(), type.getSimpleName() + " in " + messages);
        return matching.get(0);
    }

    @Test
    void repliesWithTheEpochSummariesAfterTheLastStep() {
        spawnStudent(true, 0, 1);
        TestProbe<StudentTrainer.Finished> finished = testKit.createTestProbe(StudentTrainer.Finished.class);
        NeighbourTable table = startRun(2, finished);
        long version = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            if (epoch > 0) {
                table = expectTable(rebuildHere());
            }
            TeacherInference.Label label = expectLabel(epoch, 0, version);
            for (int step = 0; step < STEPS; step++) {
                answer(label, table, version);
                EmaBroadcaster.FoldIn fold = expectFold(version);
                if (step + 1 < STEPS) {
                    label = expectLabel(epoch, step + 1, version + 1);
                } else {
                    finished.expectNoMessage(TinyStml.QUIET);
                }
                version++;
                fold.replyTo().tell(new EmaBroadcaster.Folded(version, 0.9, Double.NaN));
            }
        }

        StudentTrainer.Finished result = finished.expectMessageClass(StudentTrainer.Finished.class, TinyStml.WORK);
        assertEquals(2 * STEPS, steps.size());
        assertEquals(epochs, List.of(result.epochs()), "the summaries the observer saw");
        for (int epoch = 0; epoch < 2; epoch++) {
            EpochSummary summary = result.epochs()[epoch];
            assertEquals(epoch, summary.epoch());
            assertEquals(STEPS, summary.steps());
            assertEquals(0, summary.skippedSteps());
            assertEquals(STEPS * TinyStml.BATCH, summary.images());
            int from = epoch * STEPS;
            double meanLoss = steps.subList(from, from + STEPS).stream().mapToDouble(end -> end.result().total())
                    .average().orElseThrow();
            assertEquals(meanLoss, summary.meanLoss(), 1e-6, "mean loss of epoch " + epoch);
        }
        assertArrayEquals(new long[] {2 * STEPS}, result.lagCounts(), "every batch at lag 0");
        assertEquals(0, result.nonFiniteStreak().length);
        others.expectNoMessage(TinyStml.QUIET);
    }

    /** The parameters AdamP updates are equal (BatchNorm statistics move with every training forward). */
    private void assertSameTrainable(HostWeights expected, HostWeights actual) {
        Map<String, float[]> before = TinyStml.values(expected);
        Map<String, float[]> after = TinyStml.values(actual);
        EmbeddingNetwork network = networks.student();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            Parameter.Type type = entry.getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                assertArrayEquals(before.get(entry.getKey()), after.get(entry.getKey()), 0f, entry.getKey());
            }
        }
    }
}
