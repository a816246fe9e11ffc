package org.stml.actors.cli;

/** Training stopped for a reason that retrying the same command would not fix; the message says what to change. */
final class TrainingFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrainingFailedException(String message) {
        super(message);
    }
}
