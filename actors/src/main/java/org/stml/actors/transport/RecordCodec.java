package org.stml.actors.transport;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/**
 * The Kryo serializer of a registered record: its components in declaration order, each with the codec of its
 * declared type, no names and no per-component class ids; read back through the canonical constructor, so that a
 * record's own checks (a tensor's bytes fitting its shape) run on every received message.
 */
final class RecordCodec extends Serializer<Record> {

    private final Class<?> type;
    private final Method[] accessors;
    private final FieldCodec[] codecs;
    private final Constructor<?> constructor;

    /**
     * Builds the codec of a record.
     *
     * @param type the record class
     * @param registered the classes the protocol registers
     * @throws IllegalArgumentException if a component has a type the wire format does not carry
     */
    RecordCodec(Class<?> type, Set<Class<?>> registered) {
        super(false, true);
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        accessors = new Method[components.length];
        codecs = new FieldCodec[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            codecs[i] = FieldCodecs.of(components[i].getGenericType(), registered,
                    type.getName() + "." + components[i].getName());
            parameterTypes[i] = components[i].getType();
        }
        constructor = canonicalConstructor(type, parameterTypes);
    }

    @Override
    public void write(Kryo kryo, Output output, Record record) {
        for (int i = 0; i < codecs.length; i++) {
            codecs[i].write((WireKryo) kryo, output, component(record, i));
        }
    }

    @Override
    public Record read(Kryo kryo, Input input, Class<? extends Record> ignored) {
        Object[] values = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            values[i] = codecs[i].read((WireKryo) kryo, input);
        }
        return construct(values);
    }

    private Object component(Record record, int index) {
        try {
            return accessors[index].invoke(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + accessors[index], e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(accessors[index] + " failed", e.getCause());
        }
    }

    private Record construct(Object[] values) {
        try {
            return (Record) constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new WireFormatException(DropReason.MALFORMED, "the " + type.getSimpleName()
                    + " constructor refused the values read: " + e.getCause().getMessage());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(DropReason.MALFORMED, "values read do not fit the " + type.getSimpleName()
                    + " constructor: " + e.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct a " + type.getName(), e);
        }
    }

    private static Constructor<?> canonicalConstructor(Class<?> type, Class<?>[] parameterTypes) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor of "
                    + Arrays.toString(parameterTypes), e);
        }
    }
}
