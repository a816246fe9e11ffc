package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** simplelogger.properties silences DJL's CUDA probe only. */
class LoggingTest {

    @Test
    void theCudaProbeLogsErrorsOnlyAndEveryOtherLoggerStillWarns() {
        Logger probe = LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils");
        assertFalse(probe.isWarnEnabled(), "'Failed to detect GPU count' is a warning of this logger");
        assertTrue(probe.isErrorEnabled());
        for (String other : new String[] {"ai.djl.engine.Engine", "ai.djl.pytorch.jni.LibUtils", "ai.djl.util",
                "org.apache.pekko", "org.stml.actors.cli.Main"}) {
            assertTrue(LoggerFactory.getLogger(other).isWarnEnabled(), other);
            assertFalse(LoggerFactory.getLogger(other).isInfoEnabled(), other);
        }
    }
}
