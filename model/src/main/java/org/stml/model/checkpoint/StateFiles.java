package org.stml.model.checkpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.optim.AdamPState;

/**
 * The two binary files of a checkpoint besides the parameters, both little-endian.
 *
 * <p>{@code optimizer.bin}: the 8 ASCII bytes {@code STMLADMP}; int32 version (1); int32 step t; int32 count; then
 * count entries sorted by parameter name, each an int32 byte length and the UTF-8 name, an int32 rank and rank int64
 * dimensions, then the first moment and the second moment as float32 values, row-major.
 *
 * <p>{@code neighbours.bin}: the 8 ASCII bytes {@code STMLNBRS}; int32 version (1); int32 n; int32 K; then n × K
 * int32 dataset indices, row-major (row i: the neighbours of image i, nearest first).
 */
final class StateFiles {

    private static final byte[] OPTIMIZER_MAGIC = "STMLADMP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEIGHBOURS_MAGIC = "STMLNBRS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 16;

    private StateFiles() {}

    /** Writes an AdamP state in the {@code optimizer.bin} format. */
    static void writeOptimizer(AdamPState state, OutputStream out) throws IOException {
        Writer writer = new Writer(out);
        writer.bytes(OPTIMIZER_MAGIC);
        writer.ints(new int[] {VERSION, state.step(), state.moments().size()});
        for (Map.Entry<String, AdamPState.Moments> entry : new TreeMap<>(state.moments()).entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            long[] shape = entry.getValue().shape();
            writer.ints(new int[] {name.length});
            writer.bytes(name);
            writer.ints(new int[] {shape.length});
            writer.longs(shape);
            writer.floats(entry.getValue().first());
            writer.floats(entry.getValue().second());
        }
    }

    /** Reads an AdamP state in the {@code optimizer.bin} format. */
    static AdamPState readOptimizer(InputStream in) throws IOException {
        Reader reader = new Reader(in);
        reader.magic(OPTIMIZER_MAGIC);
        int step = reader.nonNegative("step");
        int count = reader.nonNegative("entry count");
        Map<String, AdamPState.Moments> moments = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = new String(reader.bytes(reader.nonNegative("name length")), StandardCharsets.UTF_8);
            long[] shape = reader.longs(reader.nonNegative("rank"));
            int size = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
            moments.put(name, new AdamPState.Moments(shape, reader.floats(size), reader.floats(size)));
        }
        reader.end();
        return new AdamPState(step, moments);
    }

    /** Writes a neighbour table in the {@code neighbours.bin} format. */
    static void writeNeighbours(NeighbourTable table, OutputStream out) throws IOException {
        Writer writer = new Writer(out);
        writer.bytes(NEIGHBOURS_MAGIC);
        writer.ints(new int[] {VERSION, table.size(), table.neighbours()});
        writer.ints(table.toArray());
    }

    /** Reads a neighbour table in the {@code neighbours.bin} format. */
    static NeighbourTable readNeighbours(InputStream in) throws IOException {
        Reader reader = new Reader(in);
        reader.magic(NEIGHBOURS_MAGIC);
        int size = reader.nonNegative("n");
        int neighbours = reader.nonNegative("K");
        int[] table = reader.ints(Math.multiplyExact(size, neighbours));
        reader.end();
        return NeighbourTable.of(neighbours, table);
    }

    /** Writes little-endian values through a reused buffer. */
    private static final class Writer {
        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

        Writer(OutputStream out) {
            this.out = out;
        }

        void bytes(byte[] bytes) throws IOException {
            out.write(bytes);
        }

        void ints(int[] values) throws IOException {
            for (int i = 0; i < values.length; i += CHUNK / Integer.BYTES) {
                int n = Math.min(CHUNK / Integer.BYTES, values.length - i);
                buffer.clear().asIntBuffer().put(values, i, n);
                out.write(buffer.array(), 0, n * Integer.BYTES);
            }
        }

        void longs(long[] values) throws IOException {
            for (int i = 0; i < values.length; i += CHUNK / Long.BYTES) {
                int n = Math.min(CHUNK / Long.BYTES, values.length - i);
                buffer.clear().asLongBuffer().put(values, i, n);
                out.write(buffer.array(), 0, n * Long.BYTES);
            }
        }

        void floats(float[] values) throws IOException {
            for (int i = 0; i < values.length; i += CHUNK / Float.BYTES) {
                int n = Math.min(CHUNK / Float.BYTES, values.length - i);
                buffer.clear().asFloatBuffer().put(values, i, n);
                out.write(buffer.array(), 0, n * Float.BYTES);
            }
        }
    }

    /** Reads little-endian values, failing on short input. */
    private static final class Reader {
        private final DataInputStream in;

        Reader(InputStream in) {
            this.in = new DataInputStream(in);
        }

        void magic(byte[] expected) throws IOException {
            if (!Arrays.equals(bytes(expected.length), expected)) {
                throw new IOException("does not start with " + new String(expected, StandardCharsets.US_ASCII));
            }
            int version = nonNegative("version");
            if (version != VERSION) {
                throw new IOException("has version " + version + ", this build reads " + VERSION);
            }
        }

        int nonNegative(String what) throws IOException {
            int value = ints(1)[0];
            if (value < 0) {
                throw new IOException("has a negative " + what + ": " + value);
            }
            return value;
        }

        byte[] bytes(int count) throws IOException {
            byte[] bytes = new byte[count];
            in.readFully(bytes);
            return bytes;
        }

        int[] ints(int count) throws IOException {
            int[] values = new int[count];
            buffer(Math.multiplyExact(count, Integer.BYTES)).asIntBuffer().get(values);
            return values;
        }

        long[] longs(int count) throws IOException {
            long[] values = new long[count];
            buffer(Math.multiplyExact(count, Long.BYTES)).asLongBuffer().get(values);
            return values;
        }

        float[] floats(int count) throws IOException {
            float[] values = new float[count];
            buffer(Math.multiplyExact(count, Float.BYTES)).asFloatBuffer().get(values);
            return values;
        }

        void end() throws IOException {
            if (in.read() >= 0) {
                throw new IOException("has trailing bytes");
            }
        }

        private ByteBuffer buffer(int bytes) throws IOException {
            return ByteBuffer.wrap(bytes(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
