package org.stml.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.tensor.HostWeights;

/**
 * The evaluator on its own: each snapshot it is sent is evaluated on a replica holding exactly those weights, in
 * order, and a drain is answered only once every earlier snapshot has been evaluated.
 */
class EvaluatorTest {

    private static ActorTestKit testKit;
    private static NDManager manager;
    private static StmlNetworks networks;

    @BeforeAll
    static void start() {
        testKit = TinyStml.testKit(EvaluatorTest.class);
        manager = NDManager.newBaseManager();
        networks = TinyStml.networks(manager);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
        manager.close();
    }

    /** What the evaluation callback saw: the replica's weights (numbered by the step) and the snapshot's position. */
    private record Seen(HostWeights replica, int epochsTrained, long step) {}

    @Test
    void evaluatesAReplicaHoldingExactlyTheSnapshotsInOrder() {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ActorRef<Evaluator.Command> evaluator = testKit.spawn(Evaluator.create(networks.newStudentReplica(manager),
                (replica, epochs, step) -> seen.add(new Seen(HostWeights.of(replica, step), epochs, step))),
                TinyStml.tensorThread());
        HostWeights first = HostWeights.of(networks.student(), 40);
        HostWeights second = HostWeights.of(networks.newStudentReplica(manager), 80);
        assertNotEquals(first.tensors()[0], second.tensors()[0], "two different snapshots");
        TestProbe<Evaluator.Drained> probe = testKit.createTestProbe(Evaluator.Drained.class);

        evaluator.tell(new Evaluator.Evaluate(1, 40, first));
        evaluator.tell(new Evaluator.Evaluate(2, 80, second));
        evaluator.tell(new Evaluator.Drain(probe.ref()));
        probe.expectMessageClass(Evaluator.Drained.class, TinyStml.WORK);

        assertEquals(List.of(new Seen(first, 1, 40), new Seen(second, 2, 80)), seen);
        testKit.stop(evaluator);
    }

    @Test
    void aDrainIsAnsweredOnlyAfterEveryEarlierEvaluation() throws InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        List<Long> evaluated = new CopyOnWriteArrayList<>();
        ActorRef<Evaluator.Command> evaluator = testKit.spawn(Evaluator.create(networks.newStudentReplica(manager),
                (replica, epochs, step) -> {
                    awaitRelease(released);
                    evaluated.add(step);
                }), TinyStml.tensorThread());
        TestProbe<Evaluator.Drained> probe = testKit.createTestProbe(Evaluator.Drained.class);

        evaluator.tell(new Evaluator.Evaluate(1, 5, HostWeights.of(networks.student(), 5)));
        evaluator.tell(new Evaluator.Evaluate(2, 10, HostWeights.of(networks.student(), 10)));
        evaluator.tell(new Evaluator.Drain(probe.ref()));
        probe.expectNoMessage(TinyStml.QUIET);
        assertTrue(evaluated.isEmpty(), "the first evaluation is still running");
        released.countDown();

        probe.expectMessageClass(Evaluator.Drained.class, TinyStml.WORK);
        assertEquals(List.of(5L, 10L), evaluated);
        testKit.stop(evaluator);
    }

    /** Blocks the evaluator's thread (its own) until the test releases it. */
    private static void awaitRelease(CountDownLatch released) {
        try {
            if (!released.await(TinyStml.WORK.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the evaluation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
