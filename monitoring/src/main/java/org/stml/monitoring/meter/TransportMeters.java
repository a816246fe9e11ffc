package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The transport between actors: the messages the wire serializer dropped, by reason. Every drop is also one log
 * line; the counter lets an alert see it.
 */
public final class TransportMeters {

    /** Why a message was dropped, as the {@code reason} tag. */
    public enum DropReason {
        /** An inbound frame that is not a well-formed frame of this protocol (bad magic, garbage, extra bytes). */
        MALFORMED,
        /** An inbound frame that ends before its message does. */
        TRUNCATED,
        /** A class without a registration: an inbound id or manifest not in the table, or an outbound message. */
        UNREGISTERED,
        /** An inbound frame written by a newer protocol version than this node speaks. */
        NEWER_VERSION,
        /** An inbound frame written by an older protocol version than this node speaks. */
        OLDER_VERSION,
        /** An outbound message larger than the transport's frame. */
        OVERSIZED
    }

    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

    /**
     * Registers the transport meters; registering them again in the same registry returns the same counters.
     *
     * @param registry where
     */
    public TransportMeters(MeterRegistry registry) {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("stml.transport.dropped").tag("reason", tag(reason))
                    .description("Messages between actors dropped by the wire serializer, by reason")
                    .register(registry));
        }
    }

    /**
     * Records a dropped message.
     *
     * @param reason why
     */
    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    /**
     * Returns the {@code reason} tag of a drop reason.
     *
     * @param reason the reason
     * @return its tag value, e.g. {@code newer-version}
     */
    public static String tag(DropReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
