package org.stml.monitoring.meter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The meters on Micrometer's in-memory registry. */
class SimpleRegistryMetersTest extends MetersTck {

    @Override
    protected MeterRegistry newRegistry() {
        return new SimpleMeterRegistry();
    }
}
