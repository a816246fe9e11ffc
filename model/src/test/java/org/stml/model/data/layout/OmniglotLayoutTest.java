package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.BytesImageSource;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;

class OmniglotLayoutTest {

    private static final String SMALL1 = "images_background_small1";
    private static final String SMALL2 = "images_background_small2";

    @TempDir
    Path root;

    /**
     * small1: Latin, Greek (two characters), Balinese; small2: the same Greek entries, byte-identical, and
     * Japanese_(katakana). Union: 4 alphabets, 5 characters, 7 drawings (naively 7 characters, 10 drawings).
     */
    private void fixture() {
        Map<String, byte[]> small1 = new LinkedHashMap<>();
        small1.put(SMALL1 + "/", new byte[0]);
        small1.put(SMALL1 + "/Latin/character01/0001_01.png", Fixtures.png(1));
        small1.put(SMALL1 + "/Greek/character02/0022_02.png", Fixtures.png(2));
        small1.put(SMALL1 + "/Greek/character02/0022_01.png", Fixtures.png(3));
        small1.put(SMALL1 + "/Greek/character01/0021_01.png", Fixtures.png(4));
        small1.put(SMALL1 + "/Balinese/character01/0108_01.png", Fixtures.png(5));
        small1.put("__MACOSX/" + SMALL1 + "/Balinese/character01/._0108_01.png", new byte[] {0});
        small1.put(SMALL1 + "/Balinese/.DS_Store", new byte[] {0});
        Map<String, byte[]> small2 = new LinkedHashMap<>();
        small2.put(SMALL2 + "/Greek/character01/0021_01.png", Fixtures.png(4));
        small2.put(SMALL2 + "/Greek/character02/0022_01.png", Fixtures.png(3));
        small2.put(SMALL2 + "/Greek/character02/0022_02.png", Fixtures.png(2));
        small2.put(SMALL2 + "/Japanese_(katakana)/character01/0500_01.png", Fixtures.png(6));
        small2.put(SMALL2 + "/Japanese_(katakana)/character01/0500_02.png", Fixtures.png(7));
        small2.put(SMALL2 + "/Japanese_(katakana)/character01/readme.txt", new byte[] {0});
        Fixtures.zip(root.resolve(SMALL1 + ".zip"), small1);
        Fixtures.zip(root.resolve(SMALL2 + ".zip"), small2);
    }

    private static List<String> entries(ImageDataset dataset) {
        return dataset.records().stream().map(record -> record.source().location())
                .map(location -> location.substring(location.indexOf("!/") + 2)).collect(Collectors.toList());
    }

    @Test
    void deduplicatesAcrossZipsAndAlternatesCharacters() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("omniglot", root);

        // classes: 0 Balinese/01, 1 Greek/01, 2 Greek/02, 3 Japanese_(katakana)/01, 4 Latin/01
        assertEquals(List.of(SMALL1 + "/Balinese/character01/0108_01.png", SMALL1 + "/Greek/character02/0022_01.png",
                SMALL1 + "/Greek/character02/0022_02.png", SMALL1 + "/Latin/character01/0001_01.png"),
                entries(split.train()));
        assertEquals(List.of(0, 2, 2, 4), Fixtures.labels(split.train()));
        ImageDataset test = split.test().orElseThrow();
        assertEquals(List.of(SMALL1 + "/Greek/character01/0021_01.png",
                SMALL2 + "/Japanese_(katakana)/character01/0500_01.png",
                SMALL2 + "/Japanese_(katakana)/character01/0500_02.png"), entries(test));
        assertEquals(List.of(1, 3, 3), Fixtures.labels(test));
        assertEquals(7, split.train().size() + test.size());
        assertEquals(5, split.train().classCount() + test.classCount());
    }

    @Test
    void holdsTheEntryBytesWithTheZipInTheLocation() {
        fixture();
        BytesImageSource first = (BytesImageSource) DatasetLayouts.open("omniglot", root).train().get(0).source();
        assertEquals(root.resolve(SMALL1 + ".zip") + "!/" + SMALL1 + "/Balinese/character01/0108_01.png",
                first.location());
        assertArrayEquals(Fixtures.png(5), first.bytes());
    }

    @Test
    void splitsByAlphabet() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("omniglot", root,
                LayoutOptions.builder().optOmniglotSplit(OmniglotSplit.BY_ALPHABET).build());
        assertEquals(List.of(0, 1, 2, 2), Fixtures.labels(split.train()));
        assertEquals(List.of(3, 3, 4), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void readsASingleZipGivenByPath() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("omniglot", root.resolve(SMALL2 + ".zip"));
        // classes: 0 Greek/01, 1 Greek/02, 2 Japanese_(katakana)/01
        assertEquals(List.of(0, 2, 2), Fixtures.labels(split.train()));
        assertEquals(List.of(1, 1), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void aDuplicateWithDifferentBytesIsReported() {
        Fixtures.zip(root.resolve(SMALL1 + ".zip"), Map.of(SMALL1 + "/Greek/character01/0021_01.png", Fixtures.png(1)));
        Fixtures.zip(root.resolve(SMALL2 + ".zip"), Map.of(SMALL2 + "/Greek/character01/0021_01.png", Fixtures.png(2)));
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("omniglot", root));
        assertEquals("omniglot: " + root.resolve(SMALL2 + ".zip") + "!/" + SMALL2 + "/Greek/character01/0021_01.png"
                + " differs from " + root.resolve(SMALL1 + ".zip") + "!/" + SMALL1 + "/Greek/character01/0021_01.png"
                + "; the same drawing must be byte-identical in every zip", e.getMessage());
    }

    @Test
    void anEntryOutsideTheLayoutIsReported() {
        Fixtures.zip(root.resolve(SMALL1 + ".zip"), Map.of("Greek/0021_01.png", Fixtures.png(1)));
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("omniglot", root));
        assertEquals("omniglot: expected entries like images_background_small1/Greek/character01/0394_01.png in "
                + root.resolve(SMALL1 + ".zip") + ", found Greek/0021_01.png", e.getMessage());
    }

    @Test
    void aFolderWithoutTheZipsIsReported() {
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("omniglot", root));
        assertEquals("omniglot: expected images_background_small1.zip and/or images_background_small2.zip in "
                + root + " (or the path of one zip)", e.getMessage());
    }

    @Test
    void aZipWithoutDrawingsIsEmpty() {
        Fixtures.zip(root.resolve(SMALL1 + ".zip"), Map.of(SMALL1 + "/readme.txt", new byte[] {1}));
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("omniglot", root));
        assertTrue(e.getMessage().startsWith("omniglot: no PNG entries like "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" in " + root), e.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsReported() throws Exception {
        Path file = Files.writeString(root.resolve("omniglot.zip"), "not a zip");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("omniglot", file));
        assertTrue(e.getMessage().startsWith("omniglot: cannot read " + file), e.getMessage());
    }

    @Test
    void publishedCountsFollowTheSplitMode() {
        OmniglotLayout layout = new OmniglotLayout();
        assertEquals(OmniglotLayout.PUBLISHED_ALTERNATE, layout.publishedCounts(LayoutOptions.defaults()).orElseThrow());
        assertEquals(4_840, OmniglotLayout.PUBLISHED_ALTERNATE.trainImages() + OmniglotLayout.PUBLISHED_ALTERNATE
                .testImages());
        assertEquals(OmniglotLayout.CHARACTERS, OmniglotLayout.PUBLISHED_BY_ALPHABET.trainClasses()
                + OmniglotLayout.PUBLISHED_BY_ALPHABET.testClasses());
        assertEquals(OmniglotLayout.PUBLISHED_BY_ALPHABET, layout.publishedCounts(
                LayoutOptions.builder().optOmniglotSplit(OmniglotSplit.BY_ALPHABET).build()).orElseThrow());
    }
}
