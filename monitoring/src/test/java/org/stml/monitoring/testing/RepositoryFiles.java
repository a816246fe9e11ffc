package org.stml.monitoring.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's files from a module's working directory (where Surefire runs the tests). */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /**
     * Resolves a path relative to the repository root.
     *
     * @param relative e.g. {@code monitoring/grafana/stml-dashboard.json}
     * @return the absolute path
     * @throws IllegalStateException if no parent of the working directory holds it
     */
    public static Path resolve(String relative) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
