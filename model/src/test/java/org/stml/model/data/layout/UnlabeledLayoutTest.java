package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageRecord;

class UnlabeledLayoutTest {

    @TempDir
    Path root;

    @Test
    void everyImageRecursivelyUnlabelledWithoutHeldOutSet() {
        Fixtures.images(root, "b.jpg", "a.png", "deep/er/c.JPEG", "deep/d.bmp", "._a.png", ".DS_Store",
                "__MACOSX/._b.jpg", ".cache/e.png");
        Fixtures.text(root.resolve("notes.md"), "no image");
        DatasetSplit split = DatasetLayouts.open("unlabeled", root);

        assertEquals(List.of("a.png", "b.jpg", "deep/d.bmp", "deep/er/c.JPEG"), Fixtures.relative(root, split.train()));
        assertTrue(split.train().records().stream().noneMatch(ImageRecord::isLabelled));
        assertEquals(0, split.train().classCount());
        assertTrue(split.test().isEmpty());
        assertEquals(root.getFileName() + ": 4 images, unlabelled", split.summary());
    }

    @Test
    void aFolderWithoutImagesIsReported() {
        Fixtures.text(root.resolve("readme.txt"), "nothing here");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("unlabeled", root));
        assertEquals("unlabeled: no image files (.jpg, .jpeg, .png, .bmp, .gif) under " + root, e.getMessage());
    }
}
