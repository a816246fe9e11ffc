package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.FileImageSource;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

class PublishedCountsTest {

    /** A dataset of {@code images} fake records spread over {@code classes} labels from {@code firstLabel}. */
    private static ImageDataset fake(String name, int images, int classes, int firstLabel) {
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            records.add(new ImageRecord(new FileImageSource(Path.of("fake", i + ".jpg")), firstLabel + i % classes));
        }
        return new ImageDataset(name, records);
    }

    @Test
    void theRealCountsAreDocumented() {
        assertEquals(5_864, CubLayout.TRAIN_IMAGES);
        assertEquals(5_924, CubLayout.TEST_IMAGES);
        assertEquals(8_054, CarsLayout.TRAIN_IMAGES);
        assertEquals(8_131, CarsLayout.TEST_IMAGES);
        assertEquals(59_551, SopLayout.TRAIN_IMAGES);
        assertEquals(11_318, SopLayout.TRAIN_CLASSES);
        assertEquals(60_502, SopLayout.TEST_IMAGES);
        assertEquals(11_316, SopLayout.TEST_CLASSES);
        assertEquals(4_840, OmniglotLayout.IMAGES);
        assertEquals(242, OmniglotLayout.CHARACTERS);
        assertEquals(25_000, Cifar10Layout.TRAIN_IMAGES);
        assertEquals(5_000, Cifar10Layout.TEST_IMAGES);
    }

    @Test
    void matchingCountsGiveNoWarning() {
        DatasetSplit split = new DatasetSplit(fake("x train", 7, 3, 0), Optional.of(fake("x test", 5, 2, 3)));
        assertTrue(new PublishedCounts("X", 7, 3, 5, 2).check(split).isEmpty());
    }

    @Test
    void aShortTestSetGivesOneLineWithBothCounts() {
        DatasetSplit split = new DatasetSplit(fake("CUB-200-2011 train", 5_864, 100, 0),
                Optional.of(fake("CUB-200-2011 test", 3_043, 100, 100)));
        String warning = DatasetLayouts.verifyPublishedCounts("cub", split, LayoutOptions.defaults()).orElseThrow();
        assertEquals("CUB-200-2011: loaded 5,864 train images in 100 classes and 3,043 test images in 100 classes, "
                + "but the published dataset has 5,864 in 100 and 5,924 in 100; the download may be incomplete or "
                + "mixed with other files", warning);
    }

    @Test
    void theRealCountsOfCubGiveNoWarning() {
        DatasetSplit split = new DatasetSplit(fake("train", 5_864, 100, 0), Optional.of(fake("test", 5_924, 100, 100)));
        assertTrue(DatasetLayouts.verifyPublishedCounts("cub", split, LayoutOptions.defaults()).isEmpty());
    }

    @Test
    void aMissingHeldOutSetCountsAsEmpty() {
        DatasetSplit split = new DatasetSplit(fake("x", 4, 2, 0), Optional.empty());
        assertTrue(new PublishedCounts("X", 4, 2, 0, 0).check(split).isEmpty());
        assertTrue(new PublishedCounts("X", 4, 2, 1, 1).check(split).orElseThrow()
                .contains("0 test images in 0 classes"));
    }

    @Test
    void anExtraClassIsNoticedEvenWithTheRightImageCount() {
        DatasetSplit split = new DatasetSplit(fake("x train", 8, 4, 0), Optional.of(fake("x test", 4, 2, 4)));
        assertTrue(new PublishedCounts("X", 8, 3, 4, 2).check(split).isPresent());
    }
}
