package org.stml.actors.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stml.model.checkpoint.CheckpointStore;
import org.stml.model.checkpoint.Manifest;

/** Finds the checkpoint a command-line path means. */
final class CheckpointPaths {

    private CheckpointPaths() {}

    /** A checkpoint directory as given, or the one named by {@code latest} under a run or checkpoints folder. */
    static Path resolve(Path path) {
        if (Files.exists(path.resolve(Manifest.FILE_NAME))) {
            return path;
        }
        Path folder = Files.isDirectory(path.resolve("checkpoints")) ? path.resolve("checkpoints") : path;
        try {
            return CheckpointStore.builder().setDirectory(folder).build().latest()
                    .orElseThrow(() -> new IllegalArgumentException("no checkpoint under " + path))
                    .directory();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
