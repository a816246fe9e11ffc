package org.stml.model.data.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.stml.model.data.FileImageSource;
import org.stml.model.data.ImageRecord;

/**
 * File-system helpers shared by the layouts: folder checks, sorted listings that skip hidden entries (which include
 * macOS {@code ._} resource forks) and non-image files, and the check that listed images exist.
 */
final class LayoutFiles {

    /** The image file extensions the layouts accept (lower case): what ImageIO with TwelveMonkeys reads. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    /** The accepted extensions, for messages. */
    static final String EXTENSIONS_TEXT = ".jpg, .jpeg, .png, .bmp, .gif";

    private LayoutFiles() {}

    /**
     * Tells whether a file or folder name is hidden: it starts with a dot, as do {@code .DS_Store} and the macOS
     * resource forks {@code ._name}.
     */
    static boolean isHidden(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }

    /** Tells whether a file name is a visible image by its extension, case-insensitively. */
    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Checks that the dataset root exists and is a folder. */
    static Path requireFolder(String layout, Path root) {
        if (root == null) {
            throw new DatasetLayoutException(layout + ": no dataset root given");
        }
        if (!Files.exists(root)) {
            throw new DatasetLayoutException(layout + ": dataset root " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetLayoutException(layout + ": dataset root " + root + " is not a folder");
        }
        return root;
    }

    /**
     * Returns the folder that holds {@code marker}: the root itself, or its child {@code nested} (a dataset's own
     * folder, when the root given is its parent); null when neither holds it.
     */
    static Path locate(String layout, Path root, String marker, String nested) {
        requireFolder(layout, root);
        if (Files.exists(root.resolve(marker))) {
            return root;
        }
        Path inner = root.resolve(nested);
        return Files.exists(inner.resolve(marker)) ? inner : null;
    }

    /** Lists the visible sub-folders of a folder, sorted by name. */
    static List<Path> subfolders(String layout, Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).filter(path -> !isHidden(path))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString())).collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(layout, folder, e);
        }
    }

    /**
     * Lists the visible image files in a folder, sorted by their path relative to it; recursive listings skip
     * hidden folders and follow links.
     */
    static List<Path> images(String layout, Path folder, boolean recursive) {
        int depth = recursive ? Integer.MAX_VALUE : 1;
        try (Stream<Path> entries = Files.walk(folder, depth, FileVisitOption.FOLLOW_LINKS)) {
            return entries.filter(path -> isVisible(folder, path))
                    .filter(path -> isImageName(path.getFileName().toString())).filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> folder.relativize(path).toString()))
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(layout, folder, e);
        }
    }

    /**
     * Returns how many of the leading classes train under the options, failing when an explicit count exceeds the
     * classes found in the folder.
     */
    static int trainClassCount(String layout, LayoutOptions options, int classes, Path folder) {
        int count = options.trainClassCount(classes);
        if (count > classes) {
            throw new DatasetLayoutException(layout + ": " + count + " train classes were asked for, but " + folder
                    + " has only " + classes + " class folders");
        }
        return count;
    }

    /** Returns the last name of a folder, for the dataset name. */
    static String displayName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    /** Labels files, keeping their order. */
    static List<ImageRecord> records(List<Path> files, int label) {
        return files.stream().map(path -> new ImageRecord(new FileImageSource(path), label))
                .collect(Collectors.toList());
    }

    /** Fails, naming the count and the first one, when some of the images a list file names do not exist. */
    static void requireExisting(String layout, Path listFile, List<ListedImage> images) {
        List<Path> missing = images.stream().map(ListedImage::path).filter(path -> !Files.isRegularFile(path))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new DatasetLayoutException(String.format(Locale.ROOT,
                    "%s: %,d of the %,d images listed in %s do not exist, the first: %s", layout, missing.size(),
                    images.size(), listFile, missing.get(0)));
        }
    }

    /** Wraps a failed read of a path. */
    static DatasetLayoutException unreadable(String layout, Path path, Exception cause) {
        Throwable reason = cause instanceof UncheckedIOException ? cause.getCause() : cause;
        return new DatasetLayoutException(
                layout + ": cannot read " + path + " (" + reason.getClass().getSimpleName() + ": "
                        + reason.getMessage() + ")", reason);
    }

    private static boolean isVisible(Path folder, Path path) {
        return StreamSupport.stream(folder.relativize(path).spliterator(), false)
                .noneMatch(part -> part.toString().startsWith("."));
    }
}
