package org.stml.model.data.layout;

/**
 * A dataset on disk does not have the expected layout: a missing root or file, an empty dataset, a malformed list
 * line or annotation, or images that the lists name but that do not exist. The message is one line that names the
 * layout and the path and says what was expected there.
 */
public final class DatasetLayoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the layout, the path and what was expected
     */
    public DatasetLayoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a failed read.
     *
     * @param message one line naming the layout, the path and what was expected
     * @param cause the I/O or parse failure
     */
    public DatasetLayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
