package org.stml.actors.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stml.model.checkpoint.Provenance;

/**
 * The directory of one run: {@code config.conf} (the resolved configuration), {@code provenance.json} (the
 * {@link Provenance} its checkpoints also record), {@code events.jsonl} (one JSON object per event), and
 * {@code eval/before-training.json} and {@code eval/epoch-N.json} (after N epochs, from 1). Events and evaluations
 * are JSON objects on one line, written with Jackson; a number that is not finite is written as {@code null}.
 */
final class RunDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Returns a new, empty JSON object for an event's details or a report. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Creates the directory and writes the configuration and provenance. */
    static RunDirectory create(Path root, String config, Provenance provenance) {
        try {
            Files.createDirectories(root.resolve("eval"));
            Files.writeString(root.resolve("config.conf"), config, StandardCharsets.UTF_8);
            Files.writeString(root.resolve("provenance.json"), provenance.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    Path root() {
        return root;
    }

    synchronized void event(String type, ObjectNode details) {
        ObjectNode event = object().put("time", Instant.now().toString()).put("event", type);
        event.setAll(details);
        append(root.resolve("events.jsonl"), text(event));
    }

    synchronized void evaluation(int epochsTrained, ObjectNode metrics) {
        String name = epochsTrained == 0 ? "before-training.json" : "epoch-" + epochsTrained + ".json";
        write(root.resolve("eval").resolve(name), text(metrics));
    }

    /** The object on one line, its non-finite numbers (which JSON cannot hold) as null. */
    private static String text(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        List<String> nonFinite = new ArrayList<>();
        copy.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                nonFinite.add(field.getKey());
            }
        });
        nonFinite.forEach(key -> copy.set(key, NullNode.getInstance()));
        try {
            return JSON.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object could not be written: " + e.getOriginalMessage(), e);
        }
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
