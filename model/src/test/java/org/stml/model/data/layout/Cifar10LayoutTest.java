package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.DatasetSplit;

class Cifar10LayoutTest {

    private static final List<String> CLASSES_REVERSED = List.of("cat", "bird", "automobile", "airplane");

    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("cifar10");
    }

    /** Four classes: 3 train-folder images and 1 test-folder image each, written in reverse order. */
    private void fixture() {
        for (String name : CLASSES_REVERSED) {
            Fixtures.images(root().resolve("train").resolve(name), "0002.jpg", "0000.jpg", "0001.jpg", "._0000.jpg");
            Fixtures.images(root().resolve("test").resolve(name), "0000.jpg");
        }
    }

    @Test
    void firstHalfOfTheClassesTrainsAndTheRestComeFromTheTestFolder() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("cifar10", dir);

        assertEquals("CIFAR-10 train", split.train().name());
        assertEquals(List.of("train/airplane/0000.jpg", "train/airplane/0001.jpg", "train/airplane/0002.jpg",
                "train/automobile/0000.jpg", "train/automobile/0001.jpg", "train/automobile/0002.jpg"),
                Fixtures.relative(root(), split.train()));
        assertEquals(List.of(0, 0, 0, 1, 1, 1), Fixtures.labels(split.train()));
        assertEquals(List.of("test/bird/0000.jpg", "test/cat/0000.jpg"),
                Fixtures.relative(root(), split.test().orElseThrow()));
        assertEquals(List.of(2, 3), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void heldOutClassesCanComeFromTheTrainFolder() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("cifar10", root(),
                LayoutOptions.builder().optHeldOutFromTrainFolder(true).optTrainClasses(3).build());
        assertEquals(9, split.train().size());
        assertEquals(List.of("train/cat/0000.jpg", "train/cat/0001.jpg", "train/cat/0002.jpg"),
                Fixtures.relative(root(), split.test().orElseThrow()));
        assertEquals(List.of(3, 3, 3), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void differentClassFoldersInTestAreReported() {
        fixture();
        Fixtures.images(root().resolve("test").resolve("deer"), "0000.jpg");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cifar10", dir));
        assertTrue(e.getMessage().startsWith("cifar10: the class folders of " + root().resolve("test")),
                e.getMessage());
    }

    @Test
    void aMissingTrainFolderNamesTheExpectedPaths() {
        Fixtures.images(dir.resolve("test").resolve("cat"), "0000.jpg");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cifar10", dir));
        assertTrue(e.getMessage().startsWith("cifar10: expected the folders " + dir.resolve("train") + " and "
                + dir.resolve("test")), e.getMessage());
    }

    @Test
    void aMissingTestFolderIsReported() {
        Fixtures.images(root().resolve("train").resolve("cat"), "0000.jpg");
        Fixtures.images(root().resolve("train").resolve("dog"), "0000.jpg");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("cifar10", root()));
        assertTrue(e.getMessage().startsWith("cifar10: expected the held-out folder " + root().resolve("test")),
                e.getMessage());
    }

    @Test
    void publishedCountsFollowTheSplit() {
        Cifar10Layout layout = new Cifar10Layout();
        assertEquals(new PublishedCounts("CIFAR-10", 25_000, 5, 5_000, 5),
                layout.publishedCounts(LayoutOptions.defaults()).orElseThrow());
        assertEquals(new PublishedCounts("CIFAR-10", 25_000, 5, 25_000, 5),
                layout.publishedCounts(LayoutOptions.builder().optHeldOutFromTrainFolder(true).build())
                        .orElseThrow());
        assertEquals(new PublishedCounts("CIFAR-10", 40_000, 8, 2_000, 2),
                layout.publishedCounts(LayoutOptions.builder().optTrainClasses(8).build()).orElseThrow());
        assertTrue(layout.publishedCounts(LayoutOptions.builder().optTrainClasses(11).build()).isEmpty());
    }
}
