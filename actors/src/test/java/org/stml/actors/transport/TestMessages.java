package org.stml.actors.transport;

import org.apache.pekko.actor.typed.ActorRef;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;

/** The messages of the transport tests, registered in {@link TestProtocol#TABLE} (all but {@link NotInTable}). */
final class TestMessages {

    private TestMessages() {}

    /** A request over the wire: a tensor and where to answer. */
    record Ping(int sequence, String text, HostTensor tensor, ActorRef<Pong> replyTo) implements WireMessage {}

    /** The answer: the sequence number and the tensor echoed. */
    record Pong(int sequence, HostTensor echo) implements WireMessage {}

    /** What {@link CorruptingWireSerializer} does to the frame of a ping. */
    enum Damage {
        /** Cut the frame in half. */
        TRUNCATE,
        /** Replace every byte with noise. */
        GARBAGE,
        /** Append bytes after the message. */
        TRAILING_BYTES,
        /** Stamp the next protocol version into the header. */
        NEWER_VERSION,
        /** Stamp the previous protocol version into the header. */
        OLDER_VERSION,
        /** Use a registration id (and manifest) the table does not have. */
        UNKNOWN_ID
    }

    /** A ping that {@link CorruptingWireSerializer} sends as a damaged frame. */
    record Corrupt(Damage damage, Ping ping) implements WireMessage {}

    /** A message whose class is deliberately missing from the table. */
    record NotInTable(int value) implements WireMessage {}

    /** A message declared by interface: the value's class id travels with it. */
    record Envelope(WireMessage inner) implements WireMessage {}

    /** A chain of records as deep as one likes, to check the depth limit. */
    record Chain(int depth, Chain next) implements WireMessage {}

    /** Every kind of component the wire format carries, null where a reference is allowed. */
    record AllKinds(boolean flag, byte octet, short small, char letter, int count, long big, float ratio,
            double precise, String text, String nothing, TensorType type, TensorType noType, byte[] bytes,
            int[] ints, long[] longs, float[] floats, double[] doubles, float[] noFloats, HostTensor tensor,
            HostTensor noTensor, HostTensor[] tensors, String[] names, HostWeights weights,
            ActorRef<Pong> replyTo, ActorRef<Pong> noReplyTo, ActorRef<Pong>[] replyTos, float[][] matrix,
            WireMessage inner, WireMessage noInner) implements WireMessage {}
}
