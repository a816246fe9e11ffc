package org.stml.actors.transport;

import com.esotericsoftware.kryo.Kryo;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * A Kryo instance set up for one wire protocol: every class registered with its id, registration required, no
 * references, a bounded nesting depth. It also carries what the codecs need besides the bytes: the protocol and the
 * actor system's {@link ActorRefResolver}. Not thread-safe, like every Kryo: instances are pooled.
 */
final class WireKryo extends Kryo {

    /** Deepest nesting of records in one message; deeper frames are malformed rather than a stack overflow. */
    static final int MAX_DEPTH = 64;

    private final WireProtocol protocol;
    private final ActorRefResolver resolver;

    WireKryo(WireProtocol protocol, ActorRefResolver resolver) {
        this.protocol = protocol;
        this.resolver = resolver;
        setRegistrationRequired(true);
        setReferences(false);
        setMaxDepth(MAX_DEPTH);
        protocol.registerWith(this);
    }

    WireProtocol protocol() {
        return protocol;
    }

    ActorRefResolver resolver() {
        return resolver;
    }
}
