package org.stml.actors.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The directory of one run: {@code config.conf} (the resolved configuration), {@code provenance.json} (versions,
 * host, seed, start time), {@code events.jsonl} (one JSON object per event), and {@code eval/before-training.json} and
 * {@code eval/epoch-N.json} (after N epochs, from 1).
 */
final class RunDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Returns the directory a run writes to: {@code --run-dir} when given, else {@code stml.run.dir} when set, else
     * {@code runs/<UTC timestamp>} under the working directory.
     */
    static Path choose(Path requested, String configured) {
        if (requested != null) {
            return requested;
        }
        return configured.isBlank() ? Path.of("runs", STAMP.format(Instant.now())) : Path.of(configured);
    }

    /** Creates the directory and writes the configuration and provenance. */
    static RunDirectory create(Path root, String config, JsonObject provenance) {
        try {
            Files.createDirectories(root.resolve("eval"));
            Files.writeString(root.resolve("config.conf"), config, StandardCharsets.UTF_8);
            Files.writeString(root.resolve("provenance.json"), provenance + System.lineSeparator(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    Path root() {
        return root;
    }

    synchronized void event(String type, JsonObject details) {
        JsonObject event = new JsonObject().put("time", Instant.now().toString()).put("event", type).putAll(details);
        append(root.resolve("events.jsonl"), event.toString());
    }

    synchronized void evaluation(int epochsTrained, JsonObject metrics) {
        String name = epochsTrained == 0 ? "before-training.json" : "epoch-" + epochsTrained + ".json";
        write(root.resolve("eval").resolve(name), metrics.toString());
    }

    private static void append(Path file, String json) {
        String line = json + System.lineSeparator();
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
