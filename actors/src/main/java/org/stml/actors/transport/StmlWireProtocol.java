package org.stml.actors.transport;

import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;

/**
 * The wire protocol of the pipeline: THE table of every class that travels between its actors. To add a message,
 * make its record implement {@link WireMessage}, register it (and every record or enum its components name) below
 * with the next free id, and raise the version. Never reuse or renumber an id within a version.
 */
public final class StmlWireProtocol {

    /** The table every node of this build speaks. */
    public static final WireProtocol CURRENT = WireProtocol.builder()
            .setVersion(1)
            .register(16, TensorType.class)
            .register(17, HostTensor.class)
            .register(18, HostWeights.class)
            .build();

    private StmlWireProtocol() {}
}
