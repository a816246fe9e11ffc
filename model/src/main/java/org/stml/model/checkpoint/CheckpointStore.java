package org.stml.model.checkpoint;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.stml.model.train.TrainerState;

/**
 * A directory of checkpoints {@code step-NNNNNN} (named by the trainer's step counter), with the text files
 * {@code latest} and {@code best} naming the newest and the best checkpoint.
 *
 * <p>{@link #save} writes every file into a temporary directory {@code .tmp-step-NNNNNN} next to the target, syncs
 * each file and the directory, and renames the directory into place (atomic on one file system), then replaces
 * {@code best} (if the new checkpoint's metric beats the current best's) and {@code latest}, each written to a
 * temporary file and moved into place atomically. Finally it deletes temporary directories left by a crash and the
 * checkpoints beyond the newest {@code keep-last}, never the ones {@code latest} or {@code best} name. A directory
 * with a step name is therefore always complete, and so is every checkpoint {@code latest} names. One writer per
 * directory.
 */
public final class CheckpointStore {

    /** The name of the file naming the newest checkpoint. */
    public static final String LATEST = "latest";

    /** The name of the file naming the best checkpoint. */
    public static final String BEST = "best";

    static final String STUDENT = "model-student.params";
    static final String TEACHER = "model-teacher.params";
    static final String OPTIMIZER = "optimizer.bin";
    static final String NEIGHBOURS = "neighbours.bin";
    static final String CONFIG = "config.conf";

    private static final String TEMP_PREFIX = ".tmp-";
    private static final String SCORE = "score";
    private static final Pattern CHECKPOINT_NAME = Pattern.compile("step-\\d{6,}");

    private final Path root;
    private final int keepLast;
    private final String bestMetric;

    private CheckpointStore(Builder builder) {
        this.root = builder.root;
        this.keepLast = builder.keepLast;
        this.bestMetric = builder.bestMetric;
    }

    /**
     * Returns a builder; the directory is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes a checkpoint atomically, updates {@code best} and {@code latest}, and rotates.
     *
     * @param snapshot what to save; its trainer must not step meanwhile
     * @return the new checkpoint's directory
     * @throws IOException if writing fails (the temporary directory is then removed) or a checkpoint of that step
     *     exists already
     */
    public synchronized Path save(Snapshot snapshot) throws IOException {
        Files.createDirectories(root);
        TrainerState state = snapshot.trainer().exportState();
        String name = String.format(Locale.ROOT, "step-%06d", state.step());
        Path target = root.resolve(name);
        if (Files.exists(target)) {
            throw new CheckpointException(target, "exists already");
        }
        Path temp = root.resolve(TEMP_PREFIX + name);
        deleteRecursively(temp);
        Files.createDirectory(temp);
        try {
            writeContents(temp, snapshot, state);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(temp);
            throw e;
        }
        syncDirectory(root);
        updateBest(name, snapshot.metrics());
        writePointer(LATEST, name);
        rotate();
        return target;
    }

    /**
     * Records the best metric of a checkpoint evaluated after it was saved (by an evaluator running beside training),
     * in a file {@code score} in the checkpoint's directory, and moves {@code best} to it if it beats the current
     * best. A checkpoint rotated away before its evaluation finished is not scored.
     *
     * @param step the trainer step the checkpoint was saved at
     * @param value the value of the best metric
     * @return true if the checkpoint still existed and was scored
     * @throws IOException if the score or the pointer cannot be written
     */
    public synchronized boolean score(long step, double value) throws IOException {
        String name = String.format(Locale.ROOT, "step-%06d", step);
        Path checkpoint = root.resolve(name);
        if (!Files.isDirectory(checkpoint)) {
            return false;
        }
        Path temp = checkpoint.resolve(TEMP_PREFIX + SCORE);
        byte[] line = (bestMetric + " " + value + "\n").getBytes(StandardCharsets.UTF_8);
        write(temp, out -> out.write(line));
        Files.move(temp, checkpoint.resolve(SCORE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(checkpoint);
        updateBest(name, Map.of(bestMetric, value));
        return true;
    }

    /**
     * Opens and validates the checkpoint {@code latest} names.
     *
     * @return the checkpoint, or empty if no checkpoint was saved yet
     * @throws CheckpointException if {@code latest} names a missing or invalid checkpoint
     */
    public Optional<Checkpoint> latest() throws IOException {
        return pointer(LATEST);
    }

    /**
     * Opens and validates the checkpoint {@code best} names.
     *
     * @return the checkpoint, or empty if no checkpoint had the best metric yet
     * @throws CheckpointException if {@code best} names a missing or invalid checkpoint
     */
    public Optional<Checkpoint> best() throws IOException {
        return pointer(BEST);
    }

    /**
     * Lists the complete checkpoints, oldest first; temporary directories are not listed.
     *
     * @return the checkpoint directories
     * @throws IOException if the directory cannot be listed
     */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> CHECKPOINT_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isDirectory)
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf))
                    .toList();
        }
    }

    private void writeContents(Path directory, Snapshot snapshot, TrainerState state) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put(STUDENT, write(directory.resolve(STUDENT), out -> ParameterFiles.save(
                snapshot.trainer().student(), out)));
        files.put(TEACHER, write(directory.resolve(TEACHER), out -> ParameterFiles.save(
                snapshot.trainer().teacher(), out)));
        files.put(OPTIMIZER, write(directory.resolve(OPTIMIZER), out -> StateFiles.writeOptimizer(
                state.optimizer(), out)));
        files.put(NEIGHBOURS, write(directory.resolve(NEIGHBOURS), out -> StateFiles.writeNeighbours(
                snapshot.table(), out)));
        byte[] config = snapshot.config().getBytes(StandardCharsets.UTF_8);
        files.put(CONFIG, write(directory.resolve(CONFIG), out -> out.write(config)));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, state.step(), state.skippedSteps(),
                snapshot.epoch(), snapshot.stepInEpoch(), state.epoch(), snapshot.seed(),
                Sha256.ofText(snapshot.config()), Instant.now(), snapshot.metrics(), snapshot.provenance(), files);
        byte[] json = manifest.toJson().getBytes(StandardCharsets.UTF_8);
        write(directory.resolve(Manifest.FILE_NAME), out -> out.write(json));
        syncDirectory(directory);
    }

    /** Writes a new file through a digest, syncs it to disk, and returns its SHA-256. */
    private static String write(Path file, FileContents contents) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (FileOutputStream stream = new FileOutputStream(file.toFile())) {
            OutputStream out = new BufferedOutputStream(new DigestOutputStream(stream, digest), 1 << 16);
            contents.writeTo(out);
            out.flush();
            stream.getChannel().force(true);
        }
        return Sha256.hex(digest);
    }

    private void updateBest(String name, Map<String, Double> metrics) throws IOException {
        Double value = metrics.get(bestMetric);
        if (value == null) {
            return;
        }
        Optional<Double> current = currentBest();
        if (current.isEmpty() || value > current.get()) {
            writePointer(BEST, name);
        }
    }

    /** Returns the best metric of the checkpoint {@code best} names, or empty if there is none or it is unusable. */
    private Optional<Double> currentBest() throws IOException {
        Optional<String> name = readPointer(BEST);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path checkpoint = root.resolve(name.get());
            Path score = checkpoint.resolve(SCORE);
            if (Files.exists(score)) {
                String[] words = Files.readString(score, StandardCharsets.UTF_8).strip().split(" ");
                return words.length == 2 && words[0].equals(bestMetric)
                        ? Optional.of(Double.parseDouble(words[1])) : Optional.empty();
            }
            String json = Files.readString(checkpoint.resolve(Manifest.FILE_NAME));
            return Optional.ofNullable(Manifest.parse(json).metrics().get(bestMetric));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Replaces a pointer file atomically: a temporary file, synced, then moved into place. */
    private void writePointer(String pointer, String name) throws IOException {
        Path temp = root.resolve(TEMP_PREFIX + pointer);
        byte[] line = (name + "\n").getBytes(StandardCharsets.UTF_8);
        write(temp, out -> out.write(line));
        Files.move(temp, root.resolve(pointer), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(root);
    }

    private Optional<String> readPointer(String pointer) throws IOException {
        Path file = root.resolve(pointer);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String name = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!CHECKPOINT_NAME.matcher(name).matches()) {
            throw new CheckpointException(file, "does not name a checkpoint: '" + name + "'");
        }
        return Optional.of(name);
    }

    private Optional<Checkpoint> pointer(String pointer) throws IOException {
        Optional<String> name = readPointer(pointer);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Checkpoint.open(root.resolve(name.get())));
    }

    /** Deletes leftover temporary directories, then every checkpoint but the newest keep-last and the named ones. */
    private void rotate() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path temp : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteRecursively(temp);
            }
        }
        Set<String> kept = new HashSet<>();
        readPointer(LATEST).ifPresent(kept::add);
        readPointer(BEST).ifPresent(kept::add);
        List<Path> checkpoints = new ArrayList<>(list());
        for (Path old : checkpoints.subList(0, Math.max(0, checkpoints.size() - keepLast))) {
            if (!kept.contains(old.getFileName().toString())) {
                deleteRecursively(old);
            }
        }
    }

    private static long stepOf(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("step-".length()));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }

    /** Syncs a directory's entries to disk, so that creations and renames in it survive a crash. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Writes a file's contents to a stream. */
    @FunctionalInterface
    private interface FileContents {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Describes the effective options.
     *
     * @return the directory, the number of recent checkpoints kept and the metric that selects the best
     */
    @Override
    public String toString() {
        return "CheckpointStore[root=" + root + ", keepLast=" + keepLast + ", bestMetric=" + bestMetric + "]";
    }

    /** Builds a {@link CheckpointStore}. */
    public static final class Builder {
        private Path root;
        private int keepLast = 3;
        private String bestMetric = "recall_at_1";

        private Builder() {}

        /**
         * Sets the directory of the checkpoints, created on the first save; required.
         *
         * @param root the directory, for example {@code runs/cub/checkpoints}
         * @return this builder
         */
        public Builder setDirectory(Path root) {
            this.root = root;
            return this;
        }

        /**
         * Sets how many of the newest checkpoints rotation keeps (besides those {@code latest} and {@code best}
         * name).
         *
         * @param keepLast at least 1, default 3
         * @return this builder
         */
        public Builder optKeepLast(int keepLast) {
            this.keepLast = keepLast;
            return this;
        }

        /**
         * Sets the metric that decides {@code best}; higher is better.
         *
         * @param bestMetric a metric name given to {@link Snapshot.Builder#optMetric}, default {@code recall_at_1}
         * @return this builder
         */
        public Builder optBestMetric(String bestMetric) {
            this.bestMetric = bestMetric;
            return this;
        }

        /**
         * Builds the store.
         *
         * @return the store
         * @throws IllegalArgumentException if keep-last is below 1
         */
        public CheckpointStore build() {
            Objects.requireNonNull(root, "a checkpoint store needs a directory");
            Objects.requireNonNull(bestMetric, "bestMetric");
            if (keepLast < 1) {
                throw new IllegalArgumentException("keep-last must be >= 1, got " + keepLast);
            }
            return new CheckpointStore(this);
        }
    }
}
