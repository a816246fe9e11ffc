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

class FolderLayoutTest {

    @TempDir
    Path root;

    /** Four classes, written out of order, with nested folders, every accepted extension and files to skip. */
    private void fixture() {
        Fixtures.images(root.resolve("zebra"), "z1.gif");
        Fixtures.images(root.resolve("dog"), "b.jpeg", "a.JPG", "nested/c.png", "._a.JPG", ".hidden.png");
        Fixtures.text(root.resolve("dog").resolve("labels.csv"), "not an image");
        Fixtures.images(root.resolve("dog").resolve(".thumbnails"), "t.png");
        Fixtures.images(root.resolve("cat"), "x.bmp", "y.PNG");
        Fixtures.images(root.resolve("fish"), "f.webp", "f.png");
        Fixtures.images(root.resolve(".git"), "ignored.png");
        Fixtures.image(root.resolve("stray.png"));
    }

    @Test
    void classesInSortedOrderFirstHalfTrains() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("folder", root);

        assertEquals(List.of("cat/x.bmp", "cat/y.PNG", "dog/a.JPG", "dog/b.jpeg", "dog/nested/c.png"),
                Fixtures.relative(root, split.train()));
        assertEquals(List.of(0, 0, 1, 1, 1), Fixtures.labels(split.train()));
        assertEquals(List.of("fish/f.png", "zebra/z1.gif"), Fixtures.relative(root, split.test().orElseThrow()));
        assertEquals(List.of(2, 3), Fixtures.labels(split.test().orElseThrow()));
        assertEquals(root.getFileName() + " train", split.train().name());
    }

    @Test
    void explicitTrainClassCount() {
        fixture();
        DatasetSplit split =
                DatasetLayouts.open("folder", root, LayoutOptions.builder().optTrainClasses(3).build());
        assertEquals(List.of(0, 0, 1, 1, 1, 2), Fixtures.labels(split.train()));
        assertEquals(List.of(3), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void everyClassTrainingLeavesNoHeldOutSet() {
        fixture();
        DatasetSplit split =
                DatasetLayouts.open("folder", root, LayoutOptions.builder().optTrainFraction(1).build());
        assertEquals(4, split.train().classCount());
        assertTrue(split.test().isEmpty());
    }

    @Test
    void tooManyTrainClassesIsReported() {
        fixture();
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
                () -> DatasetLayouts.open("folder", root, LayoutOptions.builder().optTrainClasses(5).build()));
        assertEquals("folder: 5 train classes were asked for, but " + root + " has only 4 class folders",
                e.getMessage());
    }

    @Test
    void aFlatFolderPointsToTheUnlabeledLayout() {
        Fixtures.images(root, "a.png", "b.png");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("folder", root));
        assertTrue(e.getMessage().startsWith("folder: expected one folder per class (images inside) under " + root),
                e.getMessage());
        assertTrue(e.getMessage().contains("'unlabeled'"), e.getMessage());
    }

    @Test
    void heldOutClassFoldersWithoutImagesAreReported() throws Exception {
        Fixtures.images(root.resolve("a"), "1.png");
        Files.createDirectories(root.resolve("b"));
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("folder", root));
        assertEquals("folder: no images (.jpg, .jpeg, .png, .bmp, .gif) in the last 1 class folders under " + root,
                e.getMessage());
    }

    @Test
    void aRootThatIsAFileIsReported() {
        Path file = Fixtures.image(root.resolve("one.png"));
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("folder", file));
        assertEquals("folder: dataset root " + file + " is not a folder", e.getMessage());
    }
}
