package org.stml.model.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint cannot be written, read or used; the message is one line that names the checkpoint and, where there
 * is one, the file at fault, for example {@code checkpoint /x/step-000120: model-student.params is corrupt (sha-256
 * mismatch)}.
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception about a checkpoint.
     *
     * @param checkpoint the checkpoint directory
     * @param problem what is wrong, without the checkpoint's name
     */
    public CheckpointException(Path checkpoint, String problem) {
        super("checkpoint " + checkpoint + ": " + problem);
    }

    /**
     * Creates an exception about a checkpoint, with its cause.
     *
     * @param checkpoint the checkpoint directory
     * @param problem what is wrong, without the checkpoint's name
     * @param cause the underlying failure
     */
    public CheckpointException(Path checkpoint, String problem, Throwable cause) {
        super("checkpoint " + checkpoint + ": " + problem, cause);
    }
}
