package org.stml.actors.config;

import java.util.List;

/** The settings of a run cannot be used; the message lists every problem, one line each, naming the key. */
public final class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems, one line each. */
    private final List<String> errors;

    /**
     * Creates the exception.
     *
     * @param errors the problems, at least one, each a single line naming the key
     */
    public InvalidSettingsException(List<String> errors) {
        super(String.join(System.lineSeparator(), errors));
        this.errors = List.copyOf(errors);
    }

    /**
     * Returns the problems, in the order they were found.
     *
     * @return one line per problem
     */
    public List<String> errors() {
        return errors;
    }
}
