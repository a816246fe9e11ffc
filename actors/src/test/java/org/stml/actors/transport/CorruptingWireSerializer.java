package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.stml.actors.transport.TestMessages.Corrupt;

/**
 * A deliberately broken sender: the test serializer, except that a {@link Corrupt} goes out as the frame of its ping
 * damaged as it says, under the ping's manifest (or the unknown id's). Same identifier, so the receiver's real
 * serializer reads the damage.
 */
public class CorruptingWireSerializer extends TestWireSerializer {

    /** A registration id the test table does not have. */
    static final int UNKNOWN_ID = 999;

    /**
     * Creates the serializer; Pekko calls this.
     *
     * @param system the actor system
     */
    public CorruptingWireSerializer(ExtendedActorSystem system) {
        super(system);
    }

    @Override
    public String manifest(Object message) {
        if (message instanceof Corrupt corrupt) {
            return corrupt.damage() == TestMessages.Damage.UNKNOWN_ID ? Integer.toString(UNKNOWN_ID)
                    : super.manifest(corrupt.ping());
        }
        return super.manifest(message);
    }

    @Override
    public byte[] toBinary(Object message) {
        return message instanceof Corrupt corrupt ? damaged(corrupt) : super.toBinary(message);
    }

    @Override
    public void toBinary(Object message, ByteBuffer buffer) {
        if (message instanceof Corrupt corrupt) {
            buffer.put(damaged(corrupt));
        } else {
            super.toBinary(message, buffer);
        }
    }

    private byte[] damaged(Corrupt corrupt) {
        byte[] frame = super.toBinary(corrupt.ping());
        return switch (corrupt.damage()) {
            case TRUNCATE -> Arrays.copyOf(frame, frame.length / 2);
            case GARBAGE -> noise(frame.length);
            case TRAILING_BYTES -> Arrays.copyOf(frame, frame.length + 3);
            case NEWER_VERSION -> withVersion(frame, protocol().version() + 1);
            case OLDER_VERSION -> withVersion(frame, protocol().version() - 1);
            case UNKNOWN_ID -> withId(frame, UNKNOWN_ID);
        };
    }

    private static byte[] noise(int length) {
        byte[] noise = new byte[length];
        new Random(7).nextBytes(noise);
        return noise;
    }

    private static byte[] withVersion(byte[] frame, int version) {
        byte[] stamped = frame.clone();
        stamped[WireCodec.VERSION_OFFSET] = (byte) version;
        stamped[WireCodec.VERSION_OFFSET + 1] = (byte) (version >>> 8);
        return stamped;
    }

    /** The header of {@code frame} (whose id takes one byte) with another id, then its body. */
    private static byte[] withId(byte[] frame, int id) {
        try (Output output = new Output(frame.length + 8)) {
            output.writeBytes(frame, 0, WireCodec.VERSION_OFFSET + 2);
            output.writeVarInt(id, true);
            output.writeBytes(frame, WireCodec.MIN_HEADER_BYTES, frame.length - WireCodec.MIN_HEADER_BYTES);
            return output.toBytes();
        }
    }
}
