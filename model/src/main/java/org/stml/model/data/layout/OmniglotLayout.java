package org.stml.model.data.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.stml.model.data.BytesImageSource;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

/**
 * Omniglot background sets read straight from their zips: the root is a folder holding
 * {@code images_background_small1.zip} and/or {@code images_background_small2.zip}, or the path of one zip. Entries
 * are {@code <top>/<Alphabet>/characterNN/IIII_RR.png}; each PNG is read into memory once
 * ({@link BytesImageSource}, location {@code <zip>!/<entry>}).
 *
 * <p>Drawings are deduplicated by {@code <Alphabet>/<character>/<file>}, keeping the first zip in name order: Greek
 * and Latin are in both small sets, byte-identical (an entry that differs is an error). The union of the two small
 * sets is 8 alphabets, 242 characters, 4,840 images. A class is an (alphabet, character) pair in sorted order, its
 * label the position in that order, kept in both halves. {@link OmniglotSplit} chooses the halves. Records are in
 * class order, then file-name order. Hidden entries and {@code __MACOSX/} are skipped.
 */
public final class OmniglotLayout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "omniglot";

    /** The zip names looked for in a root folder, in reading order. */
    public static final List<String> ZIPS = List.of("images_background_small1.zip", "images_background_small2.zip");

    /** Alphabets in the union of both small sets. */
    public static final int ALPHABETS = 8;

    /** Characters (classes) in the union of both small sets. */
    public static final int CHARACTERS = 242;

    /** Images in the union of both small sets. */
    public static final int IMAGES = 4_840;

    /** The published counts of both small sets under {@link OmniglotSplit#ALTERNATE_CHARACTERS}. */
    public static final PublishedCounts PUBLISHED_ALTERNATE = new PublishedCounts("Omniglot", 2_420, 121, 2_420, 121);

    /** The published counts of both small sets under {@link OmniglotSplit#BY_ALPHABET}. */
    public static final PublishedCounts PUBLISHED_BY_ALPHABET = new PublishedCounts("Omniglot", 2_340, 117, 2_500, 125);

    private static final String DATASET = "Omniglot";
    private static final String EXAMPLE = "images_background_small1/Greek/character01/0394_01.png";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Map<Glyph, Map<String, BytesImageSource>> characters = new TreeMap<>();
        for (Path zip : zips(root)) {
            readZip(zip, characters);
        }
        if (characters.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": no PNG entries like " + EXAMPLE + " in " + root);
        }
        Set<String> trainAlphabets = trainAlphabets(characters.keySet());
        List<ImageRecord> train = new ArrayList<>();
        List<ImageRecord> test = new ArrayList<>();
        int label = 0;
        for (Map.Entry<Glyph, Map<String, BytesImageSource>> character : characters.entrySet()) {
            boolean trains = options.omniglotSplit() == OmniglotSplit.ALTERNATE_CHARACTERS
                    ? label % 2 == 0
                    : trainAlphabets.contains(character.getKey().alphabet());
            for (BytesImageSource source : character.getValue().values()) {
                (trains ? train : test).add(new ImageRecord(source, label));
            }
            label++;
        }
        ImageDataset trainSet = new ImageDataset(DATASET + " train", train);
        return new DatasetSplit(trainSet,
                test.isEmpty() ? Optional.empty() : Optional.of(new ImageDataset(DATASET + " test", test)));
    }

    @Override
    public Optional<PublishedCounts> publishedCounts(LayoutOptions options) {
        return Optional.of(options.omniglotSplit() == OmniglotSplit.ALTERNATE_CHARACTERS
                ? PUBLISHED_ALTERNATE
                : PUBLISHED_BY_ALPHABET);
    }

    private static List<Path> zips(Path root) {
        if (root != null && Files.isRegularFile(root)) {
            return List.of(root);
        }
        Path folder = LayoutFiles.requireFolder(NAME, root);
        List<Path> zips = ZIPS.stream().map(folder::resolve).filter(Files::isRegularFile).collect(Collectors.toList());
        if (zips.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": expected " + String.join(" and/or ", ZIPS) + " in " + folder
                    + " (or the path of one zip)");
        }
        return zips;
    }

    private static void readZip(Path path, Map<Glyph, Map<String, BytesImageSource>> characters) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (ZipEntry entry : entries) {
                if (isDrawing(entry)) {
                    add(characters, path, entry.getName(), read(zip, entry));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw LayoutFiles.unreadable(NAME, path, e);
        }
    }

    private static boolean isDrawing(ZipEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory() && name.toLowerCase(Locale.ROOT).endsWith(".png") && !name.startsWith("__MACOSX/")
                && Arrays.stream(name.split("/")).noneMatch(part -> part.startsWith("."));
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static void add(Map<Glyph, Map<String, BytesImageSource>> characters, Path zip, String name,
            byte[] bytes) {
        String[] parts = name.split("/");
        if (parts.length != 4) {
            throw new DatasetLayoutException(
                    NAME + ": expected entries like " + EXAMPLE + " in " + zip + ", found " + name);
        }
        BytesImageSource source = new BytesImageSource(zip + "!/" + name, bytes);
        Map<String, BytesImageSource> drawings =
                characters.computeIfAbsent(new Glyph(parts[1], parts[2]), key -> new TreeMap<>());
        BytesImageSource previous = drawings.putIfAbsent(parts[3], source);
        if (previous != null && !Arrays.equals(previous.bytes(), bytes)) {
            throw new DatasetLayoutException(NAME + ": " + source.location() + " differs from "
                    + previous.location() + "; the same drawing must be byte-identical in every zip");
        }
    }

    private static Set<String> trainAlphabets(Set<Glyph> characters) {
        List<String> alphabets =
                characters.stream().map(Glyph::alphabet).distinct().sorted().collect(Collectors.toList());
        return Set.copyOf(alphabets.subList(0, Math.max(1, alphabets.size() / 2)));
    }

    /** One Omniglot character (a class), ordered by alphabet, then character folder. */
    private record Glyph(String alphabet, String folder) implements Comparable<Glyph> {

        private static final Comparator<Glyph> ORDER =
                Comparator.comparing(Glyph::alphabet).thenComparing(Glyph::folder);

        @Override
        public int compareTo(Glyph other) {
            return ORDER.compare(this, other);
        }
    }
}
