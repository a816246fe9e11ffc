package org.stml.actors.transport;

import org.stml.monitoring.meter.TransportMeters.DropReason;
import scala.util.control.NoStackTrace;

/**
 * A message the wire serializer refuses: an inbound frame it cannot read or an outbound message it cannot write. The
 * message names what was dropped, where from and why, on one line.
 *
 * <p>It carries no stack trace and is a Scala {@code NoStackTrace}, so that Pekko, which logs every serialization
 * failure with its cause, prints just this message with its own: inline with Pekko's default logger, on the next
 * line through SLF4J. One log record per dropped message, never a stack trace.
 */
public final class WireFormatException extends IllegalArgumentException implements NoStackTrace {

    private final DropReason reason;

    /**
     * Creates the exception.
     *
     * @param reason the drop reason it is counted under
     * @param message what was dropped and why, one line
     */
    public WireFormatException(DropReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Returns why the message was dropped.
     *
     * @return the reason it is counted under
     */
    public DropReason reason() {
        return reason;
    }

    /** Records no stack trace: the message says everything. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
