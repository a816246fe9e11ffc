package org.stml.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.tensor.HostWeights;
import org.stml.model.train.PseudoLabeller;

/**
 * Teacher inference on its own, with a probe as the loader and another as the student: it fetches the batch, waits
 * for a teacher recent enough for the lag, and labels with exactly the weights of the version it reports.
 */
class TeacherInferenceTest {

    private static final NeighbourTable TABLE = TinyStml.shiftedTable(1);

    private static ActorTestKit testKit;
    private static ParallelImageLoader images;
    private static NDManager manager;
    private static StmlNetworks networks;

    @BeforeAll
    static void start() {
        testKit = TinyStml.testKit(TeacherInferenceTest.class);
        images = ParallelImageLoader.builder().optThreads(2).build();
        manager = NDManager.newBaseManager();
        networks = TinyStml.networks(manager);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
        images.close();
        manager.close();
    }

    /** A teacher-inference actor with a replica of its own, fetching batches from {@code loader}. */
    private static ActorRef<TeacherInference.Command> spawnReplica(TestProbe<BatchLoader.Command> loader,
            long maxLag) {
        EmbeddingNetwork replica = networks.newTeacherReplica(manager);
        PseudoLabeller labeller = new PseudoLabeller(replica, TinyStml.SIMILARITY, new ParameterStore(manager, false));
        return testKit.spawn(TeacherInference.replica(labeller, replica, loader.ref(), manager, maxLag),
                TinyStml.tensorThread());
    }

    /** Freshly initialised teacher weights: each call gives other values. */
    private static HostWeights someTeacherWeights(long version) {
        return HostWeights.of(networks.newTeacherReplica(manager), version);
    }

    /** Expects the loader's request for (epoch, step) and answers it with the real batch; returns the batch. */
    private static HostBatch answerRequest(TestProbe<BatchLoader.Command> loader, int epoch, int step) {
        BatchLoader.RequestBatch request = loader.expectMessageClass(BatchLoader.RequestBatch.class, TinyStml.WORK);
        assertEquals(epoch, request.epoch());
        assertEquals(step, request.step());
        HostBatch batch = TinyStml.loadBatch(images, TABLE, epoch, step);
        request.replyTo().tell(new BatchLoader.LoadedBatch(epoch, step, batch, 5));
        return batch;
    }

    private static float[] labelsUnder(HostWeights weights, HostBatch batch) {
        return TinyStml.pseudoLabels(TinyStml.teacherHolding(networks, weights, manager), batch, manager);
    }

    @Test
    void aReplicaAtLagZeroLabelsOnlyWithTheExactVersion() {
        TestProbe<BatchLoader.Command> loader = testKit.createTestProbe(BatchLoader.Command.class);
        TestProbe<TeacherInference.LabelledBatch> student =
                testKit.createTestProbe(TeacherInference.LabelledBatch.class);
        ActorRef<TeacherInference.Command> teacher = spawnReplica(loader, 0);

        teacher.tell(new TeacherInference.Label(0, 2, 1, student.ref()));
        HostBatch batch = answerRequest(loader, 0, 2);
        student.expectNoMessage(TinyStml.QUIET);
        HostWeights stale = someTeacherWeights(0);
        teacher.tell(new TeacherInference.TeacherWeights(stale));
        student.expectNoMessage(TinyStml.QUIET);
        HostWeights exact = HostWeights.of(networks.teacher(), 1);
        teacher.tell(new TeacherInference.TeacherWeights(exact));

        TeacherInference.LabelledBatch labelled = student.expectMessageClass(TeacherInference.LabelledBatch.class,
                TinyStml.WORK);
        assertEquals(0, labelled.epoch());
        assertEquals(2, labelled.step());
        assertEquals(1, labelled.teacherVersion());
        assertEquals(5, labelled.loadNanos());
        assertArrayEquals(batch.datasetIndices(), labelled.batch().datasetIndices());
        float[] expected = labelsUnder(exact, batch);
        assertEquals(batch.rows() * batch.rows(), expected.length);
        assertArrayEquals(expected, labelled.target(), 0f, "W of a network holding version 1's weights");
        assertFalse(Arrays.equals(labelsUnder(stale, batch), labelled.target()), "other weights give another W");
        loader.expectNoMessage(TinyStml.QUIET);
        testKit.stop(teacher);
    }

    @Test
    void anOlderVersionAfterANewerOneIsIgnored() {
        TestProbe<BatchLoader.Command> loader = testKit.createTestProbe(BatchLoader.Command.class);
        TestProbe<TeacherInference.LabelledBatch> student =
                testKit.createTestProbe(TeacherInference.LabelledBatch.class);
        ActorRef<TeacherInference.Command> teacher = spawnReplica(loader, 0);
        HostWeights newer = someTeacherWeights(3);

        teacher.tell(new TeacherInference.TeacherWeights(newer));
        teacher.tell(new TeacherInference.TeacherWeights(someTeacherWeights(2)));
        teacher.tell(new TeacherInference.Label(1, 0, 3, student.ref()));
        HostBatch batch = answerRequest(loader, 1, 0);

        TeacherInference.LabelledBatch labelled = student.expectMessageClass(TeacherInference.LabelledBatch.class,
                TinyStml.WORK);
        assertEquals(3, labelled.teacherVersion());
        assertArrayEquals(labelsUnder(newer, batch), labelled.target(), 0f, "labelled with version 3's weights");
        testKit.stop(teacher);
    }

    @Test
    void aPositiveLagLabelsWithAnOlderVersionWithinTheBound() {
        TestProbe<BatchLoader.Command> loader = testKit.createTestProbe(BatchLoader.Command.class);
        TestProbe<TeacherInference.LabelledBatch> student =
                testKit.createTestProbe(TeacherInference.LabelledBatch.class);
        ActorRef<TeacherInference.Command> teacher = spawnReplica(loader, 2);
        HostWeights version0 = someTeacherWeights(0);
        teacher.tell(new TeacherInference.TeacherWeights(version0));

        teacher.tell(new TeacherInference.Label(0, 0, 2, student.ref()));
        teacher.tell(new TeacherInference.Label(0, 1, 3, student.ref()));
        HostBatch first = answerRequest(loader, 0, 0);
        HostBatch second = answerRequest(loader, 0, 1);

        TeacherInference.LabelledBatch labelled = student.expectMessageClass(TeacherInference.LabelledBatch.class,
                TinyStml.WORK);
        assertEquals(0, labelled.step());
        assertEquals(0, labelled.teacherVersion(), "exact version 2 may be labelled by version 0 at lag 2");
        assertArrayEquals(labelsUnder(version0, first), labelled.target(), 0f);
        student.expectNoMessage(TinyStml.QUIET);

        HostWeights version1 = someTeacherWeights(1);
        teacher.tell(new TeacherInference.TeacherWeights(version1));
        TeacherInference.LabelledBatch next = student.expectMessageClass(TeacherInference.LabelledBatch.class,
                TinyStml.WORK);
        assertEquals(1, next.step());
        assertEquals(1, next.teacherVersion(), "exact version 3 needs version 1 at lag 2");
        assertArrayEquals(labelsUnder(version1, second), next.target(), 0f);
        testKit.stop(teacher);
    }

    @Test
    void aSharedTeacherLabelsWithTheMasterOnceToldTheVersion() {
        TestProbe<BatchLoader.Command> loader = testKit.createTestProbe(BatchLoader.Command.class);
        TestProbe<TeacherInference.LabelledBatch> student =
                testKit.createTestProbe(TeacherInference.LabelledBatch.class);
        PseudoLabeller master = new PseudoLabeller(networks.teacher(), TinyStml.SIMILARITY,
                new ParameterStore(manager, false));
        ActorRef<TeacherInference.Command> teacher = testKit.spawn(TeacherInference.shared(master, loader.ref(),
                manager), TinyStml.tensorThread());

        teacher.tell(new TeacherInference.Label(0, 0, 4, student.ref()));
        HostBatch batch = answerRequest(loader, 0, 0);
        teacher.tell(new TeacherInference.TeacherVersion(3));
        student.expectNoMessage(TinyStml.QUIET);
        teacher.tell(new TeacherInference.TeacherVersion(4));

        TeacherInference.LabelledBatch labelled = student.expectMessageClass(TeacherInference.LabelledBatch.class,
                TinyStml.WORK);
        assertEquals(4, labelled.teacherVersion());
        assertArrayEquals(TinyStml.pseudoLabels(networks.teacher(), batch, manager), labelled.target(), 0f);
        testKit.stop(teacher);
    }

    @Test
    void aSharedTeacherSentWeightsStops() {
        TestProbe<BatchLoader.Command> loader = testKit.createTestProbe(BatchLoader.Command.class);
        PseudoLabeller master = new PseudoLabeller(networks.teacher(), TinyStml.SIMILARITY,
                new ParameterStore(manager, false));
        ActorRef<TeacherInference.Command> teacher = testKit.spawn(TeacherInference.shared(master, loader.ref(),
                manager), TinyStml.tensorThread());

        teacher.tell(new TeacherInference.TeacherWeights(someTeacherWeights(1)));

        loader.expectTerminated(teacher, TinyStml.WORK);
    }
}
