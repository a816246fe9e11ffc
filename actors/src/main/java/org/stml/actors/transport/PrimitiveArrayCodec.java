package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Primitive arrays, the bulk of every tensor message: the length plus one as a variable-length number (zero for
 * null), then the elements as raw little-endian bytes, copied in bulk through a {@link ByteBuffer} view. No loop
 * over the elements, no object per element: the only allocation on reading is the array itself.
 */
enum PrimitiveArrayCodec implements FieldCodec {

    /** {@code byte[]}. */
    BYTES(byte[].class, Byte.BYTES) {
        @Override
        int length(Object array) {
            return ((byte[]) array).length;
        }

        @Override
        void put(ByteBuffer region, Object array) {
            region.put((byte[]) array);
        }

        @Override
        Object get(ByteBuffer region, int length) {
            byte[] array = new byte[length];
            region.get(array);
            return array;
        }
    },

    /** {@code int[]}. */
    INTS(int[].class, Integer.BYTES) {
        @Override
        int length(Object array) {
            return ((int[]) array).length;
        }

        @Override
        void put(ByteBuffer region, Object array) {
            region.asIntBuffer().put((int[]) array);
        }

        @Override
        Object get(ByteBuffer region, int length) {
            int[] array = new int[length];
            region.asIntBuffer().get(array);
            return array;
        }
    },

    /** {@code long[]}. */
    LONGS(long[].class, Long.BYTES) {
        @Override
        int length(Object array) {
            return ((long[]) array).length;
        }

        @Override
        void put(ByteBuffer region, Object array) {
            region.asLongBuffer().put((long[]) array);
        }

        @Override
        Object get(ByteBuffer region, int length) {
            long[] array = new long[length];
            region.asLongBuffer().get(array);
            return array;
        }
    },

    /** {@code float[]}. */
    FLOATS(float[].class, Float.BYTES) {
        @Override
        int length(Object array) {
            return ((float[]) array).length;
        }

        @Override
        void put(ByteBuffer region, Object array) {
            region.asFloatBuffer().put((float[]) array);
        }

        @Override
        Object get(ByteBuffer region, int length) {
            float[] array = new float[length];
            region.asFloatBuffer().get(array);
            return array;
        }
    },

    /** {@code double[]}. */
    DOUBLES(double[].class, Double.BYTES) {
        @Override
        int length(Object array) {
            return ((double[]) array).length;
        }

        @Override
        void put(ByteBuffer region, Object array) {
            region.asDoubleBuffer().put((double[]) array);
        }

        @Override
        Object get(ByteBuffer region, int length) {
            double[] array = new double[length];
            region.asDoubleBuffer().get(array);
            return array;
        }
    };

    private final Class<?> type;
    private final int width;

    PrimitiveArrayCodec(Class<?> type, int width) {
        this.type = type;
        this.width = width;
    }

    /**
     * Returns the codec of a primitive array type.
     *
     * @param type a class
     * @return its codec, or empty if it is not an array type with one ({@code boolean[]}, {@code short[]} and
     *     {@code char[]} have none)
     */
    static Optional<FieldCodec> of(Class<?> type) {
        return Arrays.stream(values()).filter(codec -> codec.type == type).map(FieldCodec.class::cast).findFirst();
    }

    @Override
    public void write(WireKryo kryo, Output output, Object value) {
        if (value == null) {
            output.writeVarInt(0, true);
            return;
        }
        int length = length(value);
        output.writeVarInt(length + 1, true);
        put(Regions.claim(output, (long) length * width), value);
    }

    @Override
    public Object read(WireKryo kryo, Input input) {
        int length = FieldCodecs.readLength(input);
        if (length < 0) {
            return null;
        }
        return get(Regions.take(input, (long) length * width, "a " + type.getSimpleName()), length);
    }

    abstract int length(Object array);

    abstract void put(ByteBuffer region, Object array);

    abstract Object get(ByteBuffer region, int length);
}
