package org.stml.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.ema.ParameterPair;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.tensor.HostWeights;

/**
 * The EMA broadcaster on its own, with probes as subscribers and as the student: each fold is the exact EMA of the
 * student's weights into the master teacher, and every subscriber hears of the new version in the form it asked for.
 */
class EmaBroadcasterTest {

    /** A momentum that changes with the version, so that the version the fold used shows. */
    private static final MomentumSchedule SCHEDULE = MomentumSchedule.cosine(0.5, 20);

    private static ActorTestKit testKit;
    private NDManager manager;
    private StmlNetworks networks;
    private EmbeddingNetwork teacher;

    @BeforeAll
    static void startTestKit() {
        testKit = TinyStml.testKit(EmaBroadcasterTest.class);
    }

    @AfterAll
    static void stopTestKit() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void buildNetworks() {
        manager = NDManager.newBaseManager();
        networks = TinyStml.networks(manager);
        teacher = networks.teacher();
        // a training forward moves the student's BatchNorm statistics away from the teacher's
        NDArray images = manager.randomNormal(1f, 2f, new Shape(4, 3, TinyStml.SIZE, TinyStml.SIZE),
                DataType.FLOAT32);
        networks.student().forward(new ParameterStore(manager, false), new NDList(images), true);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** (t − s)·m + s in Java floats for every teacher parameter, the update's order of operations. */
    private static Map<String, float[]> emaOf(Map<String, float[]> teacherBefore, Map<String, float[]> student,
            double momentum) {
        float m = (float) momentum;
        Map<String, float[]> expected = new LinkedHashMap<>();
        teacherBefore.forEach((name, t) -> {
            float[] s = student.get(name);
            float[] out = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                out[i] = (t[i] - s[i]) * m + s[i];
            }
            expected.put(name, out);
        });
        return expected;
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), 0f, name));
    }

    @Test
    void foldsTheSentWeightsExactlyAndPublishesTheNewVersion() {
        EmbeddingNetwork studentReplica = networks.newStudentReplica(manager);
        EmaUpdater ema = EmaUpdater.builder().setTeacher(teacher).setStudent(studentReplica).optSchedule(SCHEDULE)
                .build();
        ActorRef<EmaBroadcaster.Command> broadcaster = testKit.spawn(EmaBroadcaster.fromMessages(ema, teacher,
                studentReplica, 9), TinyStml.tensorThread());
        TestProbe<TeacherInference.Command> replica = testKit.createTestProbe(TeacherInference.Command.class);
        TestProbe<TeacherInference.Command> sharing = testKit.createTestProbe(TeacherInference.Command.class);
        TestProbe<EmaBroadcaster.Folded> student = testKit.createTestProbe(EmaBroadcaster.Folded.class);

        broadcaster.tell(new EmaBroadcaster.Subscribe(replica.ref(), true));
        TeacherInference.TeacherWeights current = replica.expectMessageClass(TeacherInference.TeacherWeights.class,
                TinyStml.WORK);
        assertEquals(HostWeights.of(teacher, 9), current.weights(), "a replica gets the current version at once");
        broadcaster.tell(new EmaBroadcaster.Subscribe(sharing.ref(), false));
        sharing.expectMessage(TinyStml.WORK, new TeacherInference.TeacherVersion(9));

        Map<String, float[]> teacherBefore = TinyStml.values(teacher);
        HostWeights studentWeights = HostWeights.of(networks.student(), 4);
        broadcaster.tell(new EmaBroadcaster.FoldIn(4, studentWeights, student.ref()));
        EmaBroadcaster.Folded folded = student.expectMessageClass(EmaBroadcaster.Folded.class, TinyStml.WORK);

        assertEquals(10, folded.version());
        assertEquals(SCHEDULE.momentum(9), folded.momentum(), "the momentum of the version folded from");
        Map<String, float[]> teacherAfter = TinyStml.values(teacher);
        assertSameValues(emaOf(teacherBefore, TinyStml.values(studentWeights), folded.momentum()), teacherAfter);
        String trainable = "02g_weight";
        assertFalse(Arrays.equals(teacherBefore.get(trainable), teacherAfter.get(trainable)), "the teacher moved");
        assertEquals(trainableDistance(ema, teacherAfter, TinyStml.values(studentWeights)), folded.distance(),
                folded.distance() * 1e-5, "version 10 measures the distance");
        replica.expectMessage(TinyStml.WORK, new TeacherInference.TeacherWeights(HostWeights.of(teacher, 10)));
        sharing.expectMessage(TinyStml.WORK, new TeacherInference.TeacherVersion(10));

        broadcaster.tell(new EmaBroadcaster.FoldIn(5, HostWeights.of(networks.student(), 5), student.ref()));
        EmaBroadcaster.Folded next = student.expectMessageClass(EmaBroadcaster.Folded.class, TinyStml.WORK);
        assertEquals(11, next.version());
        assertEquals(SCHEDULE.momentum(10), next.momentum());
        assertTrue(Double.isNaN(next.distance()), "measured every " + EmaBroadcaster.DISTANCE_EVERY + " versions");
        testKit.stop(broadcaster);
    }

    /** √Σ (t − s)² over the trainable pairs, in doubles. */
    private static double trainableDistance(EmaUpdater ema, Map<String, float[]> teacherValues,
            Map<String, float[]> studentValues) {
        double squared = 0;
        for (ParameterPair pair : ema.pairs().pairs()) {
            if (!pair.isRunningStatistic()) {
                float[] t = teacherValues.get(pair.name());
                float[] s = studentValues.get(pair.name());
                for (int i = 0; i < t.length; i++) {
                    squared += (double) (t[i] - s[i]) * (t[i] - s[i]);
                }
            }
        }
        return Math.sqrt(squared);
    }

    @Test
    void sharingTheStudentFoldsTheStudentNetworkItself() {
        EmaUpdater ema = EmaUpdater.builder().setTeacher(teacher).setStudent(networks.student())
                .optSchedule(SCHEDULE).build();
        ActorRef<EmaBroadcaster.Command> broadcaster = testKit.spawn(EmaBroadcaster.sharingStudent(ema, teacher, 0),
                TinyStml.tensorThread());
        TestProbe<EmaBroadcaster.Folded> student = testKit.createTestProbe(EmaBroadcaster.Folded.class);
        Map<String, float[]> teacherBefore = TinyStml.values(teacher);
        Map<String, float[]> studentValues = TinyStml.values(networks.student());

        broadcaster.tell(new EmaBroadcaster.FoldIn(0, null, student.ref()));
        EmaBroadcaster.Folded folded = student.expectMessageClass(EmaBroadcaster.Folded.class, TinyStml.WORK);

        assertEquals(1, folded.version());
        assertSameValues(emaOf(teacherBefore, studentValues, SCHEDULE.momentum(0)), TinyStml.values(teacher));
        testKit.stop(broadcaster);
    }

    @Test
    void aFoldWithoutWeightsStopsABroadcasterOnTheMessagePath() {
        EmbeddingNetwork studentReplica = networks.newStudentReplica(manager);
        EmaUpdater ema = EmaUpdater.builder().setTeacher(teacher).setStudent(studentReplica).build();
        ActorRef<EmaBroadcaster.Command> broadcaster = testKit.spawn(EmaBroadcaster.fromMessages(ema, teacher,
                studentReplica, 0), TinyStml.tensorThread());
        TestProbe<EmaBroadcaster.Folded> student = testKit.createTestProbe(EmaBroadcaster.Folded.class);
        Map<String, float[]> teacherBefore = TinyStml.values(teacher);

        broadcaster.tell(new EmaBroadcaster.FoldIn(0, null, student.ref()));

        student.expectTerminated(broadcaster, TinyStml.WORK);
        student.expectNoMessage(TinyStml.QUIET);
        assertSameValues(teacherBefore, TinyStml.values(teacher));
    }

    @Test
    void aFoldWithWeightsStopsABroadcasterSharingTheStudent() {
        EmaUpdater ema = EmaUpdater.builder().setTeacher(teacher).setStudent(networks.student()).build();
        ActorRef<EmaBroadcaster.Command> broadcaster = testKit.spawn(EmaBroadcaster.sharingStudent(ema, teacher, 0),
                TinyStml.tensorThread());
        TestProbe<EmaBroadcaster.Folded> student = testKit.createTestProbe(EmaBroadcaster.Folded.class);
        Map<String, float[]> teacherBefore = TinyStml.values(teacher);

        broadcaster.tell(new EmaBroadcaster.FoldIn(0, HostWeights.of(networks.student(), 0), student.ref()));

        student.expectTerminated(broadcaster, TinyStml.WORK);
        student.expectNoMessage(TinyStml.QUIET);
        assertSameValues(teacherBefore, TinyStml.values(teacher));
    }
}
