package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.Optional;

/** Components of a primitive type: integers as zig-zag variable-length numbers, the rest at their fixed width. */
enum PrimitiveCodec implements FieldCodec {

    /** {@code boolean}, one byte. */
    BOOLEAN(boolean.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeBoolean((Boolean) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readBoolean();
        }
    },

    /** {@code byte}, one byte. */
    BYTE(byte.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeByte((Byte) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readByte();
        }
    },

    /** {@code short}, two bytes. */
    SHORT(short.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeShort((Short) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readShort();
        }
    },

    /** {@code char}, two bytes. */
    CHAR(char.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeChar((Character) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readChar();
        }
    },

    /** {@code int}, 1–5 bytes. */
    INT(int.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeVarInt((Integer) value, false);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readVarInt(false);
        }
    },

    /** {@code long}, 1–9 bytes. */
    LONG(long.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeVarLong((Long) value, false);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readVarLong(false);
        }
    },

    /** {@code float}, four bytes. */
    FLOAT(float.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeFloat((Float) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readFloat();
        }
    },

    /** {@code double}, eight bytes. */
    DOUBLE(double.class) {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeDouble((Double) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readDouble();
        }
    };

    private final Class<?> type;

    PrimitiveCodec(Class<?> type) {
        this.type = type;
    }

    /**
     * Returns the codec of a primitive type.
     *
     * @param type a class
     * @return its codec, or empty if it is not a primitive type with one
     */
    static Optional<FieldCodec> of(Class<?> type) {
        return Arrays.stream(values()).filter(codec -> codec.type == type).map(FieldCodec.class::cast).findFirst();
    }
}
