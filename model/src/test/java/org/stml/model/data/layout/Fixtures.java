package org.stml.model.data.layout;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

/** Writes tiny real files in dataset layouts for the layout tests. */
final class Fixtures {

    private static final Map<String, byte[]> ENCODED = new ConcurrentHashMap<>();

    private Fixtures() {}

    /** Writes a 2×2 image encoded by the file's extension (PNG for unknown ones), creating the parent folders. */
    static Path image(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String format = switch (extension) {
            case "jpg", "jpeg" -> "jpeg";
            case "bmp", "gif" -> extension;
            default -> "png";
        };
        return write(file, ENCODED.computeIfAbsent(format, Fixtures::encode));
    }

    /** Writes images with the given names into a folder. */
    static void images(Path folder, String... names) {
        for (String name : names) {
            image(folder.resolve(name));
        }
    }

    /** Writes a text file, creating the parent folders. */
    static Path text(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes to a file, creating the parent folders. */
    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the bytes of a tiny PNG whose pixel encodes {@code seed}, so that drawings can differ. */
    static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, seed);
        return encode(image, "png");
    }

    /** Writes a zip with the given entries, in the given order. */
    static Path zip(Path file, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(file.getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new ZipEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the labels of a dataset as a list. */
    static List<Integer> labels(ImageDataset dataset) {
        return dataset.records().stream().map(ImageRecord::label).collect(Collectors.toList());
    }

    /** Returns the locations of a dataset relative to a root folder, with {@code /} separators. */
    static List<String> relative(Path root, ImageDataset dataset) {
        return dataset.records().stream()
                .map(record -> root.relativize(Path.of(record.source().location())).toString().replace('\\', '/'))
                .collect(Collectors.toList());
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x336699);
        return encode(image, format);
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
