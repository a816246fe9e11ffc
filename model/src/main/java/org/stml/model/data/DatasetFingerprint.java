package org.stml.model.data;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A cheap identity of a dataset, to tell whether a run continues on the data it started with.
 *
 * <p>For files ({@link #ofFolder}): the number of regular files under the dataset root (all of them, hidden ones
 * included, symbolic links followed) and the SHA-256 over the files sorted by relative path (UTF-8 bytes, unsigned),
 * each contributing {@code path NUL size LF} with {@code /} as separator and the size in decimal bytes. It costs one
 * {@code stat} per file and reads no file, so a file removed, added, renamed or resized changes it, but a file
 * rewritten with the same size does not. On Linux it equals
 * {@code find -L ROOT -type f -printf '%P\0%s\n' | LC_ALL=C sort | sha256sum}.
 *
 * <p>For generated data ({@link #ofGenerator}): the number of images and the SHA-256 of the generator's settings.
 *
 * @param kind what was counted
 * @param count the number of files or generated images
 * @param sha256 the digest, lower-case hex
 */
public record DatasetFingerprint(Kind kind, long count, String sha256) {

    private static final int SHOWN_HEX_DIGITS = 12;

    /** What a fingerprint counts. */
    public enum Kind {
        /** The files under a dataset root. */
        FILES("files"),
        /** The images a generator makes. */
        GENERATED("generated images");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        /**
         * Returns the plural noun of what is counted.
         *
         * @return for example {@code files}
         */
        public String noun() {
            return noun;
        }
    }

    /**
     * Checks the fields.
     *
     * @param kind what was counted
     * @param count the number of files or generated images
     * @param sha256 the digest, lower-case hex
     */
    public DatasetFingerprint {
        Objects.requireNonNull(kind, "kind");
        if (count < 0 || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a dataset fingerprint needs a count >= 0 and a SHA-256 in lower-case "
                    + "hex, got " + count + " and " + sha256);
        }
    }

    /**
     * Fingerprints the files under a dataset root.
     *
     * @param root the dataset root
     * @return the fingerprint
     * @throws IOException if the root or a file under it cannot be read, naming it
     */
    public static DatasetFingerprint ofFolder(Path root) throws IOException {
        List<SizedFile> files = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
                            files.add(new SizedFile(relative.getBytes(StandardCharsets.UTF_8), attributes.size()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        throw new IOException("cannot read " + file + " (" + e + ")", e);
                    }
                });
        files.sort(Comparator.comparing(SizedFile::path, Arrays::compareUnsigned));
        MessageDigest digest = newDigest();
        for (SizedFile file : files) {
            digest.update(file.path());
            digest.update((byte) 0);
            digest.update((file.size() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return new DatasetFingerprint(Kind.FILES, files.size(), HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Fingerprints generated data by its generator's settings.
     *
     * @param settings every setting that shapes the images, in a fixed order, for example
     *     {@code synthetic size=64 seed=0 train-classes=40 test-classes=40 instances=30}
     * @param images the number of images generated
     * @return the fingerprint
     */
    public static DatasetFingerprint ofGenerator(String settings, long images) {
        MessageDigest digest = newDigest();
        digest.update(settings.getBytes(StandardCharsets.UTF_8));
        return new DatasetFingerprint(Kind.GENERATED, images, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Describes the fingerprint in a few words, the digest shortened.
     *
     * @return for example {@code 50000 files, sha256 ab12cd34ef56…}
     */
    public String describe() {
        return String.format(Locale.ROOT, "%d %s, sha256 %s…", count, kind.noun(),
                sha256.substring(0, SHOWN_HEX_DIGITS));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A file's path relative to the root, as UTF-8, and its size in bytes. */
    private record SizedFile(byte[] path, long size) {}
}
