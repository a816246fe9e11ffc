package org.stml.actors.cli;

import java.io.PrintStream;

/**
 * Where a command writes for the user. On a terminal a progress line is redrawn in place and cleared before any other
 * line; elsewhere (piped, or under CI) every progress update is a line of its own. Safe to use from several threads.
 */
final class Console {

    private final PrintStream out;
    private final boolean terminal;
    private int progressWidth;

    Console(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Returns a console on the given stream, treated as a terminal only when it is standard output, the process has an
     * interactive console and the {@code CI} environment variable is not set.
     */
    static Console forStream(PrintStream out) {
        return new Console(out, out == System.out && System.console() != null && System.getenv("CI") == null);
    }

    boolean terminal() {
        return terminal;
    }

    /** Writes a line, clearing the progress line first on a terminal. */
    synchronized void line(String text) {
        clearProgress();
        out.println(text);
    }

    /** Redraws the progress line on a terminal; writes it as a line of its own elsewhere. */
    synchronized void progress(String text) {
        if (!terminal) {
            out.println(text);
            return;
        }
        out.print("\r" + text + " ".repeat(Math.max(0, progressWidth - text.length())));
        out.flush();
        progressWidth = text.length();
    }

    /** Clears the progress line, if one is drawn (callers hold the lock). */
    private void clearProgress() {
        if (progressWidth > 0) {
            out.print("\r" + " ".repeat(progressWidth) + "\r");
            progressWidth = 0;
        }
    }
}
