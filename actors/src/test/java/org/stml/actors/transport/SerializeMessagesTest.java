package org.stml.actors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stml.actors.transport.WireValues.assertSameValue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.event.Logging;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stml.actors.transport.TestMessages.AllKinds;
import org.stml.actors.transport.TestMessages.NotInTable;
import org.stml.actors.transport.TestMessages.Ping;
import org.stml.actors.transport.TestMessages.Pong;
import org.stml.model.tensor.HostTensor;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/** One actor system with {@code serialize-messages = on}: every message between actors goes through Kryo. */
class SerializeMessagesTest {

    private static DropCounts drops;
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        drops = new DropCounts();
        testKit = ActorTestKit.create("serializing", ConfigFactory.parseString(
                "pekko.actor.serialize-messages = on\n"
                        + "pekko.actor.serializers.stml-wire = \"" + TestWireSerializer.class.getName() + "\"")
                .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
        drops.close();
    }

    @Test
    void aMessageArrivesAsAKryoCopyOfItself() {
        TestProbe<Pong> pongs = testKit.createTestProbe();
        TestProbe<WireMessage> received = testKit.createTestProbe();
        ActorRef<WireMessage> echo = testKit.spawn(echo(received.ref()));
        HostTensor tensor = HostTensor.ofFloats(new long[] {3}, new float[] {1, 2, 3});
        Ping ping = new Ping(1, "local", tensor, pongs.ref());
        echo.tell(ping);
        Pong pong = pongs.expectMessage(new Pong(1, tensor));
        assertNotSame(tensor.data(), pong.echo().data(), "the reply is a copy");
        Ping arrived = (Ping) received.receiveMessage();
        assertEquals(ping, arrived);
        assertNotSame(ping, arrived, "the request is a copy");

        AllKinds everything = WireValues.allKinds(pongs.ref());
        echo.tell(everything);
        assertSameValue(everything, received.receiveMessage(), "AllKinds");
    }

    /** Pekko's own check of serializability wraps the serializer's refusal and logs it once. */
    @Test
    void anUnregisteredMessageIsRefusedCountedAndTheActorCarriesOn() {
        TestProbe<Pong> pongs = testKit.createTestProbe();
        TestProbe<WireMessage> received = testKit.createTestProbe();
        TestProbe<Logging.Error> errors = testKit.createTestProbe();
        testKit.system().eventStream().tell(new EventStream.Subscribe<>(Logging.Error.class, errors.ref()));
        ActorRef<WireMessage> echo = testKit.spawn(echo(received.ref()));
        double before = drops.of(DropReason.UNREGISTERED);

        echo.tell(new NotInTable(7));
        WireFormatException refused = wireCause(errors.receiveMessage().cause());
        assertEquals(DropReason.UNREGISTERED, refused.reason());
        assertTrue(refused.getMessage().startsWith("stml wire: cannot send a " + NotInTable.class.getName()),
                refused.getMessage());
        assertEquals(before + 1, drops.of(DropReason.UNREGISTERED));
        echo.tell(new Ping(2, "after", null, pongs.ref()));
        pongs.expectMessage(new Pong(2, null));
        received.expectMessageClass(Ping.class);
        errors.expectNoMessage(Duration.ofMillis(200));
    }

    private static WireFormatException wireCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WireFormatException refused) {
                return refused;
            }
        }
        throw new AssertionError("no WireFormatException behind " + error);
    }

    private static Behavior<WireMessage> echo(ActorRef<WireMessage> received) {
        return Behaviors.receive(WireMessage.class)
                .onMessage(Ping.class, ping -> {
                    received.tell(ping);
                    ping.replyTo().tell(new Pong(ping.sequence(), ping.tensor()));
                    return Behaviors.same();
                })
                .onAnyMessage(message -> {
                    received.tell(message);
                    return Behaviors.same();
                })
                .build();
    }
}
