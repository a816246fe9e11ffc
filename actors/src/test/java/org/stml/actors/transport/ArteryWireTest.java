package org.stml.actors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.event.Logging;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stml.actors.transport.TestMessages.Corrupt;
import org.stml.actors.transport.TestMessages.Damage;
import org.stml.actors.transport.TestMessages.NotInTable;
import org.stml.actors.transport.TestMessages.Ping;
import org.stml.actors.transport.TestMessages.Pong;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.TensorType;
import org.stml.monitoring.meter.TransportMeters;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/**
 * Two actor systems in this JVM talking Artery TCP on loopback: the sender's serializer damages frames on request
 * ({@link CorruptingWireSerializer}), the receiver's is the real one over the test table. Every bad frame and every
 * unsendable message costs exactly that message: one log line, one count under its reason, and the next message is
 * delivered as usual.
 */
class ArteryWireTest {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final Map<Damage, DropReason> REASONS = Map.of(Damage.TRUNCATE, DropReason.TRUNCATED,
            Damage.GARBAGE, DropReason.MALFORMED, Damage.TRAILING_BYTES, DropReason.MALFORMED,
            Damage.NEWER_VERSION, DropReason.NEWER_VERSION, Damage.OLDER_VERSION, DropReason.OLDER_VERSION,
            Damage.UNKNOWN_ID, DropReason.UNREGISTERED);

    private static DropCounts drops;
    private static ActorTestKit sender;
    private static ActorTestKit receiver;
    private static TestProbe<Logging.Error> senderErrors;
    private static TestProbe<Logging.Error> receiverErrors;
    private static TestProbe<WireMessage> unexpected;
    private static TestProbe<Pong> pongs;
    private static ActorRef<WireMessage> remoteEcho;
    private static int sequence;

    @BeforeAll
    static void startTwoNodes() {
        drops = new DropCounts();
        sender = ActorTestKit.create("sender", node(CorruptingWireSerializer.class));
        receiver = ActorTestKit.create("receiver", node(TestWireSerializer.class));
        senderErrors = errorsOf(sender);
        receiverErrors = errorsOf(receiver);
        unexpected = receiver.createTestProbe();
        ActorRef<WireMessage> echo = receiver.spawn(echo(unexpected.ref()), "echo");
        String path = ActorRefResolver.get(receiver.system()).toSerializationFormat(echo);
        assertTrue(path.startsWith("pekko://receiver@127.0.0.1:"), path);
        remoteEcho = ActorRefResolver.get(sender.system()).resolveActorRef(path);
        pongs = sender.createTestProbe();
    }

    @AfterAll
    static void stopTwoNodes() {
        sender.shutdownTestKit();
        receiver.shutdownTestKit();
        drops.close();
    }

    @AfterEach
    void nothingElseReachedTheActor() {
        unexpected.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void aTensorAndAReplyReferenceCrossTheNodesAndComeBack() {
        HostTensor tensor = HostTensor.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3, Float.NaN});
        int sent = ++sequence;
        remoteEcho.tell(new Ping(sent, "hello", tensor, pongs.ref()));
        assertEquals(new Pong(sent, tensor), pongs.expectMessage(DELIVERY, new Pong(sent, tensor)));
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedFrameIsDroppedOnOneLineAndTheNextMessageArrives(Damage damage) {
        DropReason reason = REASONS.get(damage);
        double before = drops.of(reason);
        remoteEcho.tell(new Corrupt(damage, ping(++sequence)));
        assertTheNextPingArrives();
        assertOneLine(receiverErrors, reason);
        assertEquals(before + 1, drops.of(reason), damage + " counted once as " + reason);
        senderErrors.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void anUnregisteredClassIsDroppedBySenderOnOneLine() {
        double before = drops.of(DropReason.UNREGISTERED);
        remoteEcho.tell(new NotInTable(++sequence));
        assertTheNextPingArrives();
        assertOneLine(senderErrors, DropReason.UNREGISTERED);
        assertEquals(before + 1, drops.of(DropReason.UNREGISTERED));
        receiverErrors.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void aMessageLargerThanTheFrameIsDroppedAndCounted() {
        double before = drops.of(DropReason.OVERSIZED);
        HostTensor big = new HostTensor(TensorType.UINT8, new long[] {300_000}, new byte[300_000]);
        remoteEcho.tell(new Ping(++sequence, "too big for a 256 KiB frame", big, pongs.ref()));
        assertTheNextPingArrives();
        assertEquals(before + 1, drops.of(DropReason.OVERSIZED));
        senderErrors.expectMessageClass(Logging.Error.class);
    }

    private static void assertTheNextPingArrives() {
        Ping ping = ping(++sequence);
        remoteEcho.tell(ping);
        pongs.expectMessage(DELIVERY, new Pong(ping.sequence(), ping.tensor()));
    }

    /** Exactly one error was logged for the drop, on one line, naming its reason. */
    private static void assertOneLine(TestProbe<Logging.Error> errors, DropReason reason) {
        Logging.Error error = errors.expectMessageClass(Logging.Error.class, DELIVERY);
        String line = error.message() + Logging.stackTraceFor(error.cause());
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("stml wire: ") && line.contains(": " + TransportMeters.tag(reason) + ": "), line);
        errors.expectNoMessage(Duration.ofMillis(200));
    }

    private static Ping ping(int sequence) {
        return new Ping(sequence, "ping " + sequence, HostTensor.ofFloats(new long[] {1}, new float[] {sequence}),
                pongs.ref());
    }

    private static Behavior<WireMessage> echo(ActorRef<WireMessage> unexpected) {
        return Behaviors.receive(WireMessage.class)
                .onMessage(Ping.class, ping -> {
                    ping.replyTo().tell(new Pong(ping.sequence(), ping.tensor()));
                    return Behaviors.same();
                })
                .onAnyMessage(message -> {
                    unexpected.tell(message);
                    return Behaviors.same();
                })
                .build();
    }

    private static TestProbe<Logging.Error> errorsOf(ActorTestKit node) {
        TestProbe<Logging.Error> errors = node.createTestProbe();
        node.system().eventStream().tell(new EventStream.Subscribe<>(Logging.Error.class, errors.ref()));
        return errors;
    }

    private static Config node(Class<? extends KryoWireSerializer> serializer) {
        return ConfigFactory.parseString("pekko.actor.provider = remote\n"
                + "pekko.remote.artery.transport = tcp\n"
                + "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
                + "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.actor.serializers.stml-wire = \"" + serializer.getName() + "\"\n")
                .withFallback(ConfigFactory.load());
    }
}
