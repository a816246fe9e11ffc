package org.stml.actors.transport;

import org.stml.actors.transport.TestMessages.AllKinds;
import org.stml.actors.transport.TestMessages.Chain;
import org.stml.actors.transport.TestMessages.Corrupt;
import org.stml.actors.transport.TestMessages.Damage;
import org.stml.actors.transport.TestMessages.Envelope;
import org.stml.actors.transport.TestMessages.Ping;
import org.stml.actors.transport.TestMessages.Pong;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;

/** The table of the transport tests: the pipeline's host types under their ids, then the test messages. */
final class TestProtocol {

    /** Version 3, so that both a newer and an older version exist. */
    static final WireProtocol TABLE = WireProtocol.builder()
            .setVersion(3)
            .register(16, TensorType.class)
            .register(17, HostTensor.class)
            .register(18, HostWeights.class)
            .register(32, Ping.class)
            .register(33, Pong.class)
            .register(34, Corrupt.class)
            .register(35, Damage.class)
            .register(36, Envelope.class)
            .register(37, Chain.class)
            .register(38, AllKinds.class)
            .build();

    private TestProtocol() {}
}
