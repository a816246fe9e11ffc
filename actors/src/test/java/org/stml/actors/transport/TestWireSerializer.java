package org.stml.actors.transport;

import org.apache.pekko.actor.ExtendedActorSystem;

/** The wire serializer over the test table, for actor systems configured by the tests. */
public class TestWireSerializer extends KryoWireSerializer {

    /**
     * Creates the serializer; Pekko calls this.
     *
     * @param system the actor system
     */
    public TestWireSerializer(ExtendedActorSystem system) {
        super(system, TestProtocol.TABLE);
    }
}
