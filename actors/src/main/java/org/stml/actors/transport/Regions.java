package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.ByteBufferOutput;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/**
 * Raw little-endian regions of a frame, for bulk copies of primitive arrays: the next {@code n} bytes of the
 * {@link ByteBufferOutput} or {@link ByteBufferInput} a {@link WireCodec} works on, as a {@link ByteBuffer} of their
 * own, and the Kryo position moved past them.
 */
final class Regions {

    private Regions() {}

    /**
     * Claims the next bytes of the output for the caller to fill.
     *
     * @param output the codec's output
     * @param bytes how many
     * @return a little-endian buffer of exactly those bytes
     * @throws BufferOverflowException if the frame has no room for them
     */
    static ByteBuffer claim(Output output, long bytes) {
        ByteBufferOutput out = (ByteBufferOutput) output;
        ByteBuffer buffer = out.getByteBuffer();
        int start = out.position();
        if (bytes > buffer.limit() - start) {
            throw new BufferOverflowException();
        }
        out.setPosition(start + (int) bytes);
        return buffer.slice(start, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Takes the next bytes of the input for the caller to read.
     *
     * @param input the codec's input
     * @param bytes how many
     * @param what what they hold, for the message if the frame is shorter
     * @return a little-endian buffer of exactly those bytes
     * @throws WireFormatException if the frame ends before them
     */
    static ByteBuffer take(Input input, long bytes, String what) {
        ByteBufferInput in = (ByteBufferInput) input;
        int start = in.position();
        if (bytes > remaining(in)) {
            throw new WireFormatException(DropReason.TRUNCATED, "the frame ends inside " + what + " of " + bytes
                    + " bytes (" + remaining(in) + " left)");
        }
        in.setPosition(start + (int) bytes);
        return in.getByteBuffer().slice(start, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Returns the bytes left to read.
     *
     * @param input the codec's input
     * @return the bytes between its position and the end of the frame
     */
    static int remaining(Input input) {
        return input.limit() - input.position();
    }
}
