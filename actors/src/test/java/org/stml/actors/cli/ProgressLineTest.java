package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.stml.actors.pipeline.StepEnd;
import org.stml.actors.pipeline.StepTelemetry;
import org.stml.model.train.PhaseTimes;
import org.stml.model.train.StepResult;

class ProgressLineTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong();

    @Test
    void whenPipedItWritesALineEveryPeriodWithEveryField() {
        ProgressLine progress = new ProgressLine(new Console(stream(), false), 3, 10, clock::get);
        for (int step = 0; step < 5; step++) {
            clock.set(step * 4 * SECOND);
            progress.step(end(0, step, 2.0 + step));
        }
        String[] lines = output().split("\n");
        assertEquals(2, lines.length, "steps at 0, 4, 8, 12, 16 s with a 10 s period print at 0 and 12 s");
        assertEquals("epoch 1/3  step 4/5  48 img/s  loss 3.5000 (rc_f 1.7500 rc_g 1.7500 kl 0.0100)  lag 1  "
                + "ETA 11s  R@1 -", lines[1]);
        assertFalse(output().contains("\r"));
    }

    @Test
    void theLastRecallAndALaterEpochShowUp() {
        ProgressLine progress = new ProgressLine(new Console(stream(), false), 3, 1, clock::get);
        progress.recall(0.61234);
        progress.step(end(2, 0, 1.0));
        assertTrue(output().startsWith("epoch 3/3  step 1/5  "), output());
        assertTrue(output().strip().endsWith("R@1 0.6123"), output());
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndClearedBeforeOtherLines() {
        Console console = new Console(stream(), true);
        ProgressLine progress = new ProgressLine(console, 1, 30, clock::get);
        progress.step(end(0, 0, 1.0));
        clock.set(SECOND);
        progress.step(end(0, 1, 1.0));
        console.line("epoch 1/1 done");
        String text = output();
        assertTrue(text.startsWith("\repoch 1/1  step 1/5"), text);
        assertTrue(text.contains("\repoch 1/1  step 2/5"), "redrawn after 250 ms, not after 30 s: " + text);
        assertTrue(text.endsWith("\repoch 1/1 done\n"), text);
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42s", ProgressLine.duration(42.2));
        assertEquals("3m05s", ProgressLine.duration(185));
        assertEquals("2h01m", ProgressLine.duration(7290));
    }

    private static StepEnd end(int epoch, int step, double total) {
        StepResult result = new StepResult(step, (float) total, (float) total / 2, (float) total / 2, 0.01f, 0.9,
                true, new PhaseTimes(0, 0, 0, 0, 0, 0));
        return new StepEnd(epoch, step, 5, result, 1, 48, step + 1.0, null, 0,
                new StepTelemetry(0, 0, step, Double.NaN, 1, 1, 0.5, 1, false));
    }

    private PrintStream stream() {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
