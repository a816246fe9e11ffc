package org.stml.actors.cli;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.stml.actors.pipeline.StepEnd;
import org.stml.model.train.StepResult;

/**
 * The training progress line: epoch, step, images per second, the epoch's mean loss terms, the teacher lag, the
 * estimated time left and the last Recall@1. Redrawn a few times a second on a terminal, written every
 * {@code stml.run.progress-every-seconds} elsewhere.
 */
final class ProgressLine {

    /** The shortest interval between two redraws on a terminal. */
    private static final long TERMINAL_INTERVAL_NANOS = 250_000_000L;

    private final Console console;
    private final int epochs;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastPrinted = Long.MIN_VALUE;
    private int epoch = -1;
    private long images;
    private int seen;
    private int applied;
    private double total;
    private double contrastiveLow;
    private double contrastiveHigh;
    private double distillation;
    private volatile double recallAt1 = Double.NaN;

    /**
     * Creates the progress line.
     *
     * @param console where it is drawn
     * @param epochs the run's number of epochs
     * @param everySeconds the interval between lines when the console is not a terminal
     * @param clock nanosecond time source
     */
    ProgressLine(Console console, int epochs, int everySeconds, LongSupplier clock) {
        this.console = console;
        this.epochs = epochs;
        this.intervalNanos = console.terminal() ? TERMINAL_INTERVAL_NANOS : everySeconds * 1_000_000_000L;
        this.clock = clock;
    }

    /** Notes the latest Recall@1 (from any thread). */
    void recall(double value) {
        recallAt1 = value;
    }

    /** Accounts for a finished step and draws the line if it is due. */
    void step(StepEnd end) {
        if (end.epoch() != epoch) {
            epoch = end.epoch();
            images = 0;
            seen = 0;
            applied = 0;
            total = 0;
            contrastiveLow = 0;
            contrastiveHigh = 0;
            distillation = 0;
        }
        images += end.images();
        seen++;
        StepResult result = end.result();
        if (result.applied()) {
            applied++;
            total += result.total();
            contrastiveLow += result.contrastiveLow();
            contrastiveHigh += result.contrastiveHigh();
            distillation += result.distillation();
        }
        long now = clock.getAsLong();
        if (lastPrinted == Long.MIN_VALUE || now - lastPrinted >= intervalNanos) {
            lastPrinted = now;
            console.progress(text(end));
        }
    }

    /** The line for the given step. */
    String text(StepEnd end) {
        int done = end.step() + 1;
        double seconds = Math.max(end.epochSeconds(), 1e-9);
        long stepsLeft = (end.stepsInEpoch() - done) + (long) (epochs - end.epoch() - 1) * end.stepsInEpoch();
        double secondsLeft = stepsLeft * seconds / Math.max(seen, 1);
        return String.format(Locale.ROOT, "epoch %d/%d  step %d/%d  %.0f img/s  loss %s  lag %d  ETA %s  R@1 %s",
                end.epoch() + 1, epochs, done, end.stepsInEpoch(), images / seconds, loss(), end.teacherLag(),
                duration(secondsLeft), Double.isNaN(recallAt1) ? "-" : String.format(Locale.ROOT, "%.4f", recallAt1));
    }

    private String loss() {
        if (applied == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.4f (rc_f %.4f rc_g %.4f kl %.4f)", total / applied,
                contrastiveLow / applied, contrastiveHigh / applied, distillation / applied);
    }

    static String duration(double seconds) {
        long whole = Math.round(seconds);
        if (whole >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60);
        }
        return whole >= 60 ? String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60) : whole + "s";
    }
}
