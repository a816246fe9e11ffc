package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/**
 * Picks the codec of a record component from its declared type. The wire format carries: primitives; {@code String};
 * {@code byte[]}, {@code int[]}, {@code long[]}, {@code float[]}, {@code double[]} (bulk, little-endian); registered
 * records and enums; arrays of any of these but primitives; typed {@link ActorRef}s (by their
 * {@code ActorRefResolver} string, so they resolve on any node); and interfaces, whose values must be of a
 * registered class (written with its id). Every reference may be null. Anything else — boxed numbers, collections,
 * other generic types, classes that are not registered — is refused when the protocol is built.
 */
final class FieldCodecs {

    private FieldCodecs() {}

    /**
     * Returns the codec of a declared type.
     *
     * @param type the component's generic type
     * @param registered the classes the protocol registers
     * @param where the component, for the message if the type is refused
     * @return the codec
     * @throws IllegalArgumentException if the wire format does not carry the type
     */
    static FieldCodec of(Type type, Set<Class<?>> registered, String where) {
        if (type instanceof GenericArrayType array) {
            return new ObjectArrayCodec(erasure(array.getGenericComponentType(), where),
                    of(array.getGenericComponentType(), registered, where));
        }
        Class<?> raw = erasure(type, where);
        if (type instanceof ParameterizedType && raw != ActorRef.class) {
            throw refused(where, type, "generic types other than ActorRef are not carried; use an array");
        }
        Optional<FieldCodec> primitive = raw.isArray() ? PrimitiveArrayCodec.of(raw) : PrimitiveCodec.of(raw);
        if (primitive.isPresent()) {
            return primitive.get();
        }
        if (raw.isArray() && !raw.getComponentType().isPrimitive()) {
            return new ObjectArrayCodec(raw.getComponentType(), of(raw.getComponentType(), registered, where));
        }
        return reference(raw, type, registered, where);
    }

    private static FieldCodec reference(Class<?> raw, Type type, Set<Class<?>> registered, String where) {
        if (raw == String.class) {
            return StringCodec.INSTANCE;
        }
        if (raw == ActorRef.class) {
            return ActorRefCodec.INSTANCE;
        }
        if (raw.isRecord() || raw.isEnum()) {
            if (!registered.contains(raw)) {
                throw refused(where, type, "register " + raw.getName() + " in the protocol too");
            }
            return new RegisteredCodec(raw);
        }
        if (raw.isInterface()) {
            return new InterfaceCodec(raw);
        }
        throw refused(where, type, "the wire format carries primitives, String, byte/int/long/float/double arrays, "
                + "registered records and enums, arrays of them, typed ActorRefs and interfaces");
    }

    /**
     * Reads a length written as length + 1 (zero for null).
     *
     * @param input where from
     * @return the length, or -1 for null
     * @throws WireFormatException if the number is not a length
     */
    static int readLength(Input input) {
        int lengthPlusOne = input.readVarInt(true);
        if (lengthPlusOne < 0) {
            throw new WireFormatException(DropReason.MALFORMED, "a length of " + Integer.toUnsignedString(
                    lengthPlusOne) + " is more than an array can hold");
        }
        return lengthPlusOne - 1;
    }

    private static Class<?> erasure(Type type, String where) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            return Array.newInstance(erasure(array.getGenericComponentType(), where), 0).getClass();
        }
        throw refused(where, type, "type variables and wildcards are not carried");
    }

    private static IllegalArgumentException refused(String where, Type type, String why) {
        return new IllegalArgumentException(where + " has type " + type.getTypeName() + ", which the wire format "
                + "does not carry: " + why);
    }

    /** UTF-8 strings: the byte length plus one (zero for null), then the bytes. */
    private enum StringCodec implements FieldCodec {
        INSTANCE;

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            if (value == null) {
                output.writeVarInt(0, true);
                return;
            }
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            output.writeVarInt(utf8.length + 1, true);
            Regions.claim(output, utf8.length).put(utf8);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int length = readLength(input);
            if (length < 0) {
                return null;
            }
            ByteBuffer region = Regions.take(input, length, "a string");
            byte[] utf8 = new byte[length];
            region.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }

    /** Typed actor references as their {@code ActorRefResolver} serialization format, which includes the node. */
    private enum ActorRefCodec implements FieldCodec {
        INSTANCE;

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            StringCodec.INSTANCE.write(kryo, output,
                    value == null ? null : kryo.resolver().toSerializationFormat((ActorRef<?>) value));
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            String path = (String) StringCodec.INSTANCE.read(kryo, input);
            return path == null ? null : kryo.resolver().resolveActorRef(path);
        }
    }

    /** A registered record or enum, written by its Kryo serializer behind a null marker; no class id needed. */
    private record RegisteredCodec(Class<?> type) implements FieldCodec {

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            kryo.writeObjectOrNull(output, value, type);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return kryo.readObjectOrNull(input, type);
        }
    }

    /** A value declared as an interface: its registration id, then the value, which must implement the interface. */
    private record InterfaceCodec(Class<?> type) implements FieldCodec {

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            if (value != null && kryo.protocol().registration(value.getClass()).isEmpty()) {
                throw new WireFormatException(DropReason.UNREGISTERED, "its " + type.getSimpleName() + " value, a "
                        + value.getClass().getName() + ", has no registration");
            }
            kryo.writeClassAndObject(output, value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            Object value = kryo.readClassAndObject(input);
            if (value != null && !type.isInstance(value)) {
                throw new WireFormatException(DropReason.MALFORMED, "a " + value.getClass().getName()
                        + " where a " + type.getName() + " belongs");
            }
            return value;
        }
    }

    /** Arrays of references: the length plus one (zero for null), then each element with the element's codec. */
    private record ObjectArrayCodec(Class<?> elementType, FieldCodec elements) implements FieldCodec {

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            if (value == null) {
                output.writeVarInt(0, true);
                return;
            }
            int length = Array.getLength(value);
            output.writeVarInt(length + 1, true);
            for (int i = 0; i < length; i++) {
                elements.write(kryo, output, Array.get(value, i));
            }
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int length = readLength(input);
            if (length < 0) {
                return null;
            }
            if (length > Regions.remaining(input)) {
                throw new WireFormatException(DropReason.TRUNCATED, "the frame ends inside an array of " + length
                        + " " + elementType.getSimpleName() + " (" + Regions.remaining(input) + " bytes left)");
            }
            Object array = Array.newInstance(elementType, length);
            for (int i = 0; i < length; i++) {
                Array.set(array, i, elements.read(kryo, input));
            }
            return array;
        }
    }
}
