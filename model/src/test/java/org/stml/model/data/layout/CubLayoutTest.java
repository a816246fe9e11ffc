package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.DatasetSplit;

class CubLayoutTest {

    @TempDir
    Path dir;

    /** Folders 001, 002, 101, 102 with 2, 3, 1, 2 images, plus files that must be skipped. */
    private Path fixture() {
        Path images = dir.resolve("CUB_200_2011").resolve("images");
        Fixtures.images(images.resolve("001.Black_footed_Albatross"), "Black_Footed_Albatross_0002.jpg",
                "Black_Footed_Albatross_0001.jpg", "._Black_Footed_Albatross_0001.jpg", ".DS_Store");
        Fixtures.images(images.resolve("002.Laysan_Albatross"), "c.jpg", "a.jpg", "b.JPG");
        Fixtures.text(images.resolve("002.Laysan_Albatross").resolve("notes.txt"), "not an image");
        Fixtures.images(images.resolve("101.Rock_Wren"), "x.jpg");
        Fixtures.images(images.resolve("102.Winter_Wren"), "y.jpg", "z.jpg");
        Fixtures.text(images.resolve("README"), "stray file next to the class folders");
        Fixtures.images(images.resolve("._101.Rock_Wren"), "ignored.jpg");
        return dir.resolve("CUB_200_2011");
    }

    @Test
    void splitsByClassNumberAndKeepsGlobalLabels() {
        Path root = fixture();
        DatasetSplit split = DatasetLayouts.open("cub", root);
        Path images = root.resolve("images");

        assertEquals("CUB-200-2011 train", split.train().name());
        assertEquals(List.of("001.Black_footed_Albatross/Black_Footed_Albatross_0001.jpg",
                "001.Black_footed_Albatross/Black_Footed_Albatross_0002.jpg", "002.Laysan_Albatross/a.jpg",
                "002.Laysan_Albatross/b.JPG", "002.Laysan_Albatross/c.jpg"), Fixtures.relative(images, split.train()));
        assertEquals(List.of(0, 0, 1, 1, 1), Fixtures.labels(split.train()));
        assertEquals(2, split.train().classCount());

        assertEquals("CUB-200-2011 test", split.test().orElseThrow().name());
        assertEquals(List.of("101.Rock_Wren/x.jpg", "102.Winter_Wren/y.jpg", "102.Winter_Wren/z.jpg"),
                Fixtures.relative(images, split.test().orElseThrow()));
        assertEquals(List.of(100, 101, 101), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void acceptsTheParentOfTheDatasetFolder() {
        Path root = fixture();
        DatasetSplit fromParent = DatasetLayouts.open("cub", dir);
        DatasetSplit fromFolder = DatasetLayouts.open("cub", root);
        assertEquals(fromFolder.train().records(), fromParent.train().records());
        assertEquals(fromFolder.test().orElseThrow().records(), fromParent.test().orElseThrow().records());
    }

    @Test
    void theSplitIsByClassNumberNotByHalfOfTheFoldersFound() {
        Path images = dir.resolve("images");
        for (String folder : List.of("001.a", "002.b", "003.c", "004.d")) {
            Fixtures.images(images.resolve(folder), "1.jpg");
        }
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cub", dir));
        assertTrue(e.getMessage().contains("no test images (class folders 101-200"), e.getMessage());
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    }

    @Test
    void missingImagesFolderNamesTheExpectedPath() {
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cub", dir));
        assertTrue(e.getMessage().startsWith("cub: expected the folder " + dir.resolve("images")), e.getMessage());
        assertTrue(e.getMessage().contains("001.Black_footed_Albatross"), e.getMessage());
    }

    @Test
    void emptyImagesFolderAsksForClassFolders() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cub", dir));
        assertEquals("cub: expected class folders like 001.Black_footed_Albatross under " + images, e.getMessage());
    }

    @Test
    void aFolderNotNamedNnnDotNameIsReported() {
        Path images = dir.resolve("images");
        Fixtures.images(images.resolve("001.a"), "1.jpg");
        Fixtures.images(images.resolve("birds"), "1.jpg");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cub", dir));
        assertTrue(e.getMessage().endsWith("found " + images.resolve("birds")), e.getMessage());
    }

    @Test
    void aClassNumberAbove200IsReported() {
        Path images = dir.resolve("images");
        Fixtures.images(images.resolve("201.extra"), "1.jpg");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cub", dir));
        assertTrue(e.getMessage().contains(images.resolve("201.extra").toString()), e.getMessage());
    }

    @Test
    void aDuplicateClassNumberIsReported() {
        Path images = dir.resolve("images");
        Fixtures.images(images.resolve("001.a"), "1.jpg");
        Fixtures.images(images.resolve("001.b"), "1.jpg");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cub", dir));
        assertEquals("cub: two class folders have the number 001 under " + images, e.getMessage());
    }

    @Test
    void publishedCountsAreTheRealOnes() {
        assertEquals(5_864, CubLayout.TRAIN_IMAGES);
        assertEquals(5_924, CubLayout.TEST_IMAGES);
        assertEquals(new PublishedCounts("CUB-200-2011", 5_864, 100, 5_924, 100),
                new CubLayout().publishedCounts(LayoutOptions.defaults()).orElseThrow());
    }
}
