package org.stml.actors.transport;

import com.esotericsoftware.kryo.util.Pool;
import io.micrometer.core.instrument.Metrics;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.event.Logging;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.stml.monitoring.meter.TransportMeters;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/**
 * The Pekko serializer of every {@link WireMessage}: Kryo over an explicit {@link WireProtocol}, registration
 * required. Artery calls the {@link ByteBufferSerializer} methods on its own (direct) envelope buffers; in-process
 * serialization ({@code serialize-messages = on}) uses the {@code byte[]} methods. The manifest is the registration
 * id of the message's class in decimal; the frame repeats it after the magic bytes and the protocol version.
 *
 * <p>Bad input never reaches an actor and never stops the actor system: an inbound frame that is malformed,
 * truncated, of an unknown id or of another protocol version, an outbound message of an unregistered class, and an
 * outbound message larger than the transport's frame are each refused with a {@link WireFormatException} (or, for
 * the oversized one, the {@link BufferOverflowException} Pekko expects), which Pekko logs as one error record
 * without a stack trace and drops, and counted in {@code stml.transport.dropped{reason}} on Micrometer's global
 * registry.
 *
 * <p>Kryo instances are not thread-safe: each call borrows one, with its buffers, from a pool.
 */
public class KryoWireSerializer extends SerializerWithStringManifest implements ByteBufferSerializer {

    /** The serializer identifier, {@code "stml"} in ASCII; the same on every node. */
    public static final int IDENTIFIER = 0x73746D6C;

    private static final int POOL_CAPACITY = 16;

    private final WireProtocol protocol;
    private final TransportMeters meters = new TransportMeters(Metrics.globalRegistry);
    private final Pool<WireCodec> codecs;

    /**
     * Creates the serializer of the pipeline's table, {@link StmlWireProtocol#CURRENT}; Pekko calls this.
     *
     * @param system the actor system whose references the messages carry
     */
    public KryoWireSerializer(ExtendedActorSystem system) {
        this(system, StmlWireProtocol.CURRENT);
    }

    /**
     * Creates a serializer of another table (for a subclass that Pekko constructs, as tests do).
     *
     * @param system the actor system whose references the messages carry
     * @param protocol the table
     */
    protected KryoWireSerializer(ExtendedActorSystem system, WireProtocol protocol) {
        this.protocol = protocol;
        this.codecs = new Pool<>(true, true, POOL_CAPACITY) {
            @Override
            protected WireCodec create() {
                return new WireCodec(protocol, ActorRefResolver.get(Adapter.toTyped(system)));
            }
        };
        Logging.getLogger(system, getClass()).info("stml wire serializer {}: protocol {}, {} classes, registration "
                + "hash {}", IDENTIFIER, protocol.version(), protocol.registrations().size(), protocol.hash());
    }

    /**
     * Returns the table this serializer speaks.
     *
     * @return the protocol
     */
    public WireProtocol protocol() {
        return protocol;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        return Integer.toString(registration(message).id());
    }

    @Override
    public byte[] toBinary(Object message) {
        int id = registration(message).id();
        WireCodec codec = codecs.obtain();
        try {
            return codec.toBytes(message, id);
        } catch (WireFormatException problem) {
            throw outboundDrop(message, problem);
        } finally {
            codecs.free(codec);
        }
    }

    @Override
    public void toBinary(Object message, ByteBuffer buffer) {
        int id = registration(message).id();
        WireCodec codec = codecs.obtain();
        try {
            codec.write(message, id, buffer);
        } catch (WireFormatException problem) {
            throw outboundDrop(message, problem);
        } catch (BufferOverflowException oversized) {
            meters.dropped(DropReason.OVERSIZED);
            throw oversized;
        } finally {
            codecs.free(codec);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) {
        return fromBinary(ByteBuffer.wrap(bytes), manifest);
    }

    @Override
    public Object fromBinary(ByteBuffer buffer, String manifest) {
        int size = buffer.remaining();
        WireCodec codec = codecs.obtain();
        try {
            return codec.read(buffer, manifest);
        } catch (RuntimeException problem) {
            throw inboundDrop(problem, size, manifest);
        } finally {
            codecs.free(codec);
        }
    }

    private WireProtocol.Registration registration(Object message) {
        return protocol.registration(message.getClass()).orElseThrow(() -> outboundDrop(message,
                new WireFormatException(DropReason.UNREGISTERED, "its class has no registration")));
    }

    private WireFormatException outboundDrop(Object message, WireFormatException problem) {
        meters.dropped(problem.reason());
        return new WireFormatException(problem.reason(), "stml wire: cannot send a " + message.getClass().getName()
                + ": " + TransportMeters.tag(problem.reason()) + ": " + problem.getMessage() + " in " + protocol
                + "; register the class in " + StmlWireProtocol.class.getSimpleName());
    }

    private WireFormatException inboundDrop(RuntimeException problem, int size, String manifest) {
        DropReason reason = problem instanceof WireFormatException known ? known.reason() : DropReason.MALFORMED;
        meters.dropped(reason);
        String why = problem instanceof WireFormatException ? problem.getMessage() : firstLine(problem.toString());
        return new WireFormatException(reason, "stml wire: dropped an inbound frame of " + size + " bytes, manifest ["
                + manifest + "]: " + TransportMeters.tag(reason) + ": " + why + " (this node speaks " + protocol
                + ")");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
