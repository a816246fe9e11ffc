package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.ByteBufferOutput;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/**
 * One Kryo instance with its input, output and scratch buffer: what a thread borrows from the serializer's pool for
 * one message. A frame is a header — the magic bytes {@code 'S' 'W'}, the protocol version (two bytes,
 * little-endian), the registration id of the message's class (variable length) — then the message.
 */
final class WireCodec {

    /** The first two bytes of every frame, {@code 'S' 'W'}, read as a little-endian number. */
    static final int MAGIC = 'S' | 'W' << 8;
    /** Where the version starts in a frame. */
    static final int VERSION_OFFSET = 2;
    /** The shortest header: magic, version and a one-byte id. */
    static final int MIN_HEADER_BYTES = 5;

    private static final int FIRST_SCRATCH_BYTES = 64 * 1024;
    private static final int MAX_SCRATCH_BYTES = Integer.MAX_VALUE - 16;
    private static final ByteBuffer NO_BUFFER = ByteBuffer.allocate(0);

    private final WireProtocol protocol;
    private final WireKryo kryo;
    private final ByteBufferOutput output = new ByteBufferOutput();
    private final ByteBufferInput input = new FrameInput();
    private ByteBuffer scratch = ByteBuffer.allocate(FIRST_SCRATCH_BYTES);

    WireCodec(WireProtocol protocol, ActorRefResolver resolver) {
        this.protocol = protocol;
        this.kryo = new WireKryo(protocol, resolver);
    }

    /**
     * Writes the frame of a message into a buffer, from its position; on success the position is moved past the frame,
     * on failure it is left where it was.
     *
     * @param message the message
     * @param id its registration id
     * @param target where
     * @return the frame's size
     * @throws BufferOverflowException if the frame does not fit between the position and the limit
     */
    int write(Object message, int id, ByteBuffer target) {
        int start = target.position();
        output.setBuffer(target.slice());
        try {
            output.writeShort(MAGIC);
            output.writeShort(protocol.version());
            output.writeVarInt(id, true);
            kryo.writeObject(output, message);
            int size = output.position();
            target.position(start + size);
            return size;
        } catch (KryoBufferOverflowException e) {
            throw new BufferOverflowException();
        } finally {
            output.setBuffer(NO_BUFFER);
            kryo.reset();
        }
    }

    /**
     * Writes the frame of a message into a new array, through a scratch buffer that grows as needed and is kept.
     *
     * @param message the message
     * @param id its registration id
     * @return the frame
     */
    byte[] toBytes(Object message, int id) {
        while (true) {
            scratch.clear();
            try {
                return Arrays.copyOf(scratch.array(), write(message, id, scratch));
            } catch (BufferOverflowException e) {
                if (scratch.capacity() >= MAX_SCRATCH_BYTES) {
                    throw e;
                }
                scratch = ByteBuffer.allocate((int) Math.min(MAX_SCRATCH_BYTES, 2L * scratch.capacity()));
            }
        }
    }

    /**
     * Reads the frame between a buffer's position and its limit; the position is moved past it.
     *
     * @param source the frame
     * @param manifest the manifest Pekko sent with it: the registration id in decimal
     * @return the message
     * @throws WireFormatException if the frame is not one this protocol reads; Kryo's exceptions for a body it
     *     cannot decode
     */
    Object read(ByteBuffer source, String manifest) {
        int start = source.position();
        input.setBuffer(source.slice());
        try {
            Object message = readFrame(manifest);
            source.position(start + input.position());
            return message;
        } finally {
            input.setBuffer(NO_BUFFER);
            kryo.reset();
        }
    }

    private Object readFrame(String manifest) {
        if (input.limit() < MIN_HEADER_BYTES) {
            throw new WireFormatException(DropReason.TRUNCATED, "shorter than the " + MIN_HEADER_BYTES
                    + "-byte header");
        }
        int magic = input.readShortUnsigned();
        if (magic != MAGIC) {
            throw new WireFormatException(DropReason.MALFORMED, String.format("starts with 0x%04x, not the stml "
                    + "wire magic 0x%04x", magic, MAGIC));
        }
        checkVersion(input.readShortUnsigned());
        int id = input.readVarInt(true);
        WireProtocol.Registration registration = protocol.registration(id).orElseThrow(() -> new WireFormatException(
                DropReason.UNREGISTERED, "registration id " + id + " is not in the table"));
        checkManifest(manifest, id);
        Object message = kryo.readObject(input, registration.type());
        if (input.position() != input.limit()) {
            throw new WireFormatException(DropReason.MALFORMED, (input.limit() - input.position())
                    + " bytes follow the " + registration.type().getSimpleName());
        }
        return message;
    }

    private void checkVersion(int version) {
        if (version > protocol.version()) {
            throw new WireFormatException(DropReason.NEWER_VERSION, "written by wire protocol " + version
                    + ", newer than this node's; upgrade this node");
        }
        if (version < protocol.version()) {
            throw new WireFormatException(DropReason.OLDER_VERSION, "written by wire protocol " + version
                    + ", older than this node's; upgrade the sender");
        }
    }

    private static void checkManifest(String manifest, int id) {
        if (!Integer.toString(id).equals(manifest)) {
            throw new WireFormatException(DropReason.MALFORMED, "the frame holds registration id " + id
                    + " but its manifest says " + manifest);
        }
    }

    /** A Kryo input over one whole frame: needing more bytes than are left means the frame is truncated. */
    private static final class FrameInput extends ByteBufferInput {

        @Override
        protected int require(int required) {
            int remaining = limit - position;
            if (remaining < required) {
                throw new WireFormatException(DropReason.TRUNCATED, "the frame ends inside the message ("
                        + required + " more bytes needed, " + remaining + " left)");
            }
            return remaining;
        }
    }
}
