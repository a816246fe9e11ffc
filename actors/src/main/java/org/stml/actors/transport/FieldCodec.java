package org.stml.actors.transport;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Writes and reads one record component of a declared type; {@link FieldCodecs} picks one per type. */
interface FieldCodec {

    /**
     * Writes a value.
     *
     * @param kryo the pooled Kryo of this thread
     * @param output where
     * @param value the component's value, possibly null where the type allows it
     */
    void write(WireKryo kryo, Output output, Object value);

    /**
     * Reads a value written by {@link #write}.
     *
     * @param kryo the pooled Kryo of this thread
     * @param input where from
     * @return the value
     */
    Object read(WireKryo kryo, Input input);
}
