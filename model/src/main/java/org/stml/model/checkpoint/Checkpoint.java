package org.stml.model.checkpoint;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.optim.AdamPState;
import org.stml.model.train.StmlTrainer;
import org.stml.model.train.TrainerState;

/**
 * A checkpoint directory whose manifest and files have been validated: the manifest is present and parses, its
 * format version is known, every file it lists exists and has the SHA-256 the manifest records. Each failure is one
 * line naming the checkpoint and the file, for example {@code checkpoint /x/step-000120: model-student.params is
 * corrupt (sha-256 mismatch)}.
 */
public final class Checkpoint {

    private static final List<String> REQUIRED = List.of(CheckpointStore.STUDENT, CheckpointStore.TEACHER,
            CheckpointStore.OPTIMIZER, CheckpointStore.NEIGHBOURS, CheckpointStore.CONFIG);

    private final Path directory;
    private final Manifest manifest;

    private Checkpoint(Path directory, Manifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /**
     * Opens a checkpoint and validates its manifest and the hash of every file.
     *
     * @param directory the checkpoint directory, for example {@code checkpoints/step-000120}
     * @return the checkpoint
     * @throws CheckpointException if the checkpoint is missing, incomplete, corrupt or of an unknown format
     */
    public static Checkpoint open(Path directory) throws CheckpointException {
        if (!Files.isDirectory(directory)) {
            throw new CheckpointException(directory, "is not a directory");
        }
        Manifest manifest = readManifest(directory);
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new CheckpointException(directory, "format version " + manifest.formatVersion()
                    + " is not supported (this build reads " + Manifest.FORMAT_VERSION + ")");
        }
        for (String required : REQUIRED) {
            if (!manifest.files().containsKey(required)) {
                throw new CheckpointException(directory, Manifest.FILE_NAME + " does not list " + required);
            }
        }
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            verify(directory, file.getKey(), file.getValue());
        }
        return new Checkpoint(directory, manifest);
    }

    private static Manifest readManifest(Path directory) throws CheckpointException {
        String json;
        try {
            json = Files.readString(directory.resolve(Manifest.FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(directory, Manifest.FILE_NAME + " is missing (incomplete or not a "
                    + "checkpoint)", e);
        } catch (IOException e) {
            throw new CheckpointException(directory, Manifest.FILE_NAME + " cannot be read (" + e + ")", e);
        }
        try {
            return Manifest.parse(json);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CheckpointException(directory, Manifest.FILE_NAME + " is malformed (" + e.getMessage() + ")",
                    e);
        }
    }

    private static void verify(Path directory, String name, String sha256) throws CheckpointException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new CheckpointException(directory, Manifest.FILE_NAME + " lists a bad file name '" + name + "'");
        }
        Path file = directory.resolve(name);
        String actual;
        try {
            actual = Sha256.ofFile(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(directory, name + " is missing", e);
        } catch (IOException e) {
            throw new CheckpointException(directory, name + " cannot be read (" + e + ")", e);
        }
        if (!actual.equals(sha256)) {
            throw new CheckpointException(directory, name + " is corrupt (sha-256 mismatch)");
        }
    }

    /**
     * Returns the checkpoint's directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the validated manifest.
     *
     * @return the manifest
     */
    public Manifest manifest() {
        return manifest;
    }

    /**
     * Returns the resolved configuration text the checkpoint was written with.
     *
     * @return the configuration text
     * @throws CheckpointException if the file cannot be read
     */
    public String config() throws CheckpointException {
        return read(CheckpointStore.CONFIG, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Compares the checkpoint's configuration with this run's on the keys that matter; identical texts (same
     * SHA-256) differ in nothing.
     *
     * @param currentConfig this run's resolved configuration text
     * @param flatten turns a configuration text into flattened key → value pairs (for example with a HOCON parser)
     * @param keysThatMatter keys or key prefixes that must not differ
     * @return the differences
     * @throws CheckpointException if the configuration file cannot be read
     */
    public ConfigDifference compareConfig(String currentConfig, Function<String, Map<String, String>> flatten,
            Set<String> keysThatMatter) throws CheckpointException {
        if (Sha256.ofText(currentConfig).equals(manifest.configSha256())) {
            return ConfigDifference.between(Map.of(), Map.of(), Set.of());
        }
        return ConfigDifference.between(flatten.apply(config()), flatten.apply(currentConfig), keysThatMatter);
    }

    /**
     * Refuses to resume when the configurations differ in a key that matters, unless overridden.
     *
     * @param currentConfig this run's resolved configuration text
     * @param flatten turns a configuration text into flattened key → value pairs
     * @param keysThatMatter keys or key prefixes that must not differ
     * @param override resume even if they differ
     * @return the differences, empty unless overridden
     * @throws CheckpointException listing every difference, one per line, if they differ and {@code override} is
     *     false
     */
    public ConfigDifference requireCompatibleConfig(String currentConfig,
            Function<String, Map<String, String>> flatten, Set<String> keysThatMatter, boolean override)
            throws CheckpointException {
        ConfigDifference difference = compareConfig(currentConfig, flatten, keysThatMatter);
        if (!difference.isEmpty() && !override) {
            throw new CheckpointException(directory, "configuration differs in keys that matter (override to resume "
                    + "anyway):\n" + difference.format());
        }
        return difference;
    }

    /**
     * Reads the sampler's neighbour table.
     *
     * @return the table
     * @throws CheckpointException if the file is malformed
     */
    public NeighbourTable neighbourTable() throws CheckpointException {
        return read(CheckpointStore.NEIGHBOURS, StateFiles::readNeighbours);
    }

    /**
     * Restores the full training state into a trainer that has not stepped yet: the student's and the teacher's
     * parameters and BN statistics (replacing their arrays, the old ones closed), the optimizer's moments and step,
     * the schedule position and the counters.
     *
     * @param trainer a fresh trainer over networks of the checkpoint's architecture
     * @return where the run continues
     * @throws CheckpointException if a file does not fit the networks; the networks must then be discarded
     * @throws IllegalStateException if the trainer has already stepped
     */
    public ResumePoint restore(StmlTrainer trainer) throws CheckpointException {
        AdamPState optimizer = read(CheckpointStore.OPTIMIZER, StateFiles::readOptimizer);
        NeighbourTable table = neighbourTable();
        loadWeights(trainer.student(), trainer.teacher());
        try {
            trainer.restoreState(new TrainerState(manifest.step(), manifest.skippedSteps(),
                    manifest.scheduleEpoch(), optimizer));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(directory, CheckpointStore.OPTIMIZER + " does not fit the student ("
                    + e.getMessage() + ")", e);
        }
        return new ResumePoint(manifest.epoch(), manifest.stepInEpoch(), manifest.seed(), table);
    }

    /**
     * Restores only the networks: the student's and the teacher's parameters and BN statistics (replacing their
     * arrays, the old ones closed), for evaluating or embedding without an optimizer. The checkpoint was validated
     * when it was opened, so a corrupt file is refused exactly as by {@link #restore(StmlTrainer)}.
     *
     * @param networks networks of the checkpoint's architecture
     * @throws CheckpointException if a parameter file does not fit the networks; they must then be discarded
     */
    public void restoreWeights(StmlNetworks networks) throws CheckpointException {
        loadWeights(networks.student(), networks.teacher());
    }

    private void loadWeights(EmbeddingNetwork student, EmbeddingNetwork teacher) throws CheckpointException {
        read(CheckpointStore.STUDENT, in -> {
            ParameterFiles.load(student, in);
            return null;
        });
        read(CheckpointStore.TEACHER, in -> {
            ParameterFiles.load(teacher, in);
            return null;
        });
    }

    /** Reads one file of the checkpoint, turning every failure into one line naming the file. */
    private <T> T read(String name, FileReader<T> reader) throws CheckpointException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(directory.resolve(name)), 1 << 16)) {
            return reader.read(in);
        } catch (EOFException e) {
            throw new CheckpointException(directory, name + " is truncated", e);
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(directory, name + " " + e.getMessage(), e);
        }
    }

    /** Reads a file's contents from a stream. */
    @FunctionalInterface
    private interface FileReader<T> {
        T read(InputStream in) throws IOException;
    }
}
