package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.DatasetSplit;

class SopLayoutTest {

    private static final String HEADER = "image_id class_id super_class_id path\n";

    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("Stanford_Online_Products");
    }

    /** Three train classes with 2–3 images each and two test classes, in list order, not path order. */
    private void fixture() {
        Fixtures.text(root().resolve("Ebay_train.txt"), HEADER
                + "1 1 1 bicycle_final/111085122871_0.JPG\n"
                + "2 1 1 bicycle_final/111085122871_1.JPG\n"
                + "3 2 1 bicycle_final/111265328556_0.JPG\n"
                + "4 2 1 bicycle_final/111265328556_1.JPG\n"
                + "5 2 1 bicycle_final/111265328556_2.JPG\n"
                + "6 3 2 cabinet_final/110973250986_0.JPG\n"
                + "7 3 2 cabinet_final/110973250986_1.JPG\n");
        Fixtures.text(root().resolve("Ebay_test.txt"), HEADER
                + "8 5 12 toaster_final/291227512442_1.JPG\n"
                + "9 5 12 toaster_final/291227512442_0.JPG\n"
                + "\n"
                + "10 4 11 table_final/261206889425_0.JPG\n"
                + "11 4 11 table_final/261206889425_1.JPG\n");
        for (String path : List.of("bicycle_final/111085122871_0.JPG", "bicycle_final/111085122871_1.JPG",
                "bicycle_final/111265328556_0.JPG", "bicycle_final/111265328556_1.JPG",
                "bicycle_final/111265328556_2.JPG", "cabinet_final/110973250986_0.JPG",
                "cabinet_final/110973250986_1.JPG", "toaster_final/291227512442_1.JPG",
                "toaster_final/291227512442_0.JPG", "table_final/261206889425_0.JPG",
                "table_final/261206889425_1.JPG")) {
            Fixtures.image(root().resolve(path));
        }
    }

    @Test
    void skipsTheHeaderAndLabelsClassIdMinusOne() {
        fixture();
        DatasetSplit split = DatasetLayouts.open("sop", root());

        assertEquals("Stanford Online Products train", split.train().name());
        assertEquals(7, split.train().size());
        assertEquals(3, split.train().classCount());
        assertEquals(List.of(0, 0, 1, 1, 1, 2, 2), Fixtures.labels(split.train()));
        assertEquals("bicycle_final/111085122871_0.JPG", Fixtures.relative(root(), split.train()).get(0));

        assertEquals(List.of("toaster_final/291227512442_1.JPG", "toaster_final/291227512442_0.JPG",
                "table_final/261206889425_0.JPG", "table_final/261206889425_1.JPG"),
                Fixtures.relative(root(), split.test().orElseThrow()));
        assertEquals(List.of(4, 4, 3, 3), Fixtures.labels(split.test().orElseThrow()));
    }

    @Test
    void acceptsTheParentOfTheDatasetFolder() {
        fixture();
        assertEquals(DatasetLayouts.open("sop", root()).train().records(),
                DatasetLayouts.open("sop", dir).train().records());
    }

    @Test
    void aMalformedLineNamesFileAndLine() {
        fixture();
        Fixtures.text(root().resolve("Ebay_train.txt"),
                HEADER + "1 1 1 bicycle_final/111085122871_0.JPG\n2 x 1 bicycle_final/111085122871_1.JPG\n");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertTrue(e.getMessage().startsWith("sop: " + root().resolve("Ebay_train.txt") + ":3: expected "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("got '2 x 1 bicycle_final/111085122871_1.JPG'"), e.getMessage());
    }

    @Test
    void aLineWithTooFewFieldsIsMalformed() {
        fixture();
        Fixtures.text(root().resolve("Ebay_test.txt"), HEADER + "8 5 toaster_final/291227512442_1.JPG\n");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertTrue(e.getMessage().startsWith("sop: " + root().resolve("Ebay_test.txt") + ":2: "), e.getMessage());
    }

    @Test
    void aClassIdOfZeroIsMalformed() {
        fixture();
        Fixtures.text(root().resolve("Ebay_test.txt"), HEADER + "8 0 12 toaster_final/291227512442_1.JPG\n");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertTrue(e.getMessage().startsWith("sop: " + root().resolve("Ebay_test.txt") + ":2: "), e.getMessage());
    }

    @Test
    void aMissingHeaderIsReportedOnLineOne() {
        fixture();
        Fixtures.text(root().resolve("Ebay_train.txt"), "1 1 1 bicycle_final/111085122871_0.JPG\n");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertEquals("sop: " + root().resolve("Ebay_train.txt") + ":1: expected the header 'image_id class_id "
                + "super_class_id path', got '1 1 1 bicycle_final/111085122871_0.JPG'", e.getMessage());
    }

    @Test
    void missingImagesAreCountedAndTheFirstIsNamed() {
        fixture();
        Fixtures.text(root().resolve("Ebay_test.txt"), HEADER + "8 5 12 toaster_final/291227512442_1.JPG\n"
                + "9 5 12 toaster_final/gone_0.JPG\n10 5 12 toaster_final/gone_1.JPG\n");
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertEquals("sop: 2 of the 3 images listed in " + root().resolve("Ebay_test.txt")
                + " do not exist, the first: " + root().resolve("toaster_final/gone_0.JPG"), e.getMessage());
    }

    @Test
    void missingListFilesNameTheExpectedPaths() {
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertTrue(e.getMessage().startsWith("sop: expected the list files " + dir.resolve("Ebay_train.txt")),
                e.getMessage());

        Fixtures.text(root().resolve("Ebay_train.txt"), HEADER + "1 1 1 a.JPG\n");
        Fixtures.image(root().resolve("a.JPG"));
        e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertEquals("sop: expected the list file " + root().resolve("Ebay_test.txt"), e.getMessage());
    }

    @Test
    void aListWithOnlyTheHeaderIsEmpty() {
        fixture();
        Fixtures.text(root().resolve("Ebay_test.txt"), HEADER);
        DatasetLayoutException e = assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("sop", dir));
        assertEquals("sop: " + root().resolve("Ebay_test.txt") + " lists no images after its header",
                e.getMessage());
    }

    @Test
    void publishedCountsAreTheRealOnes() {
        assertEquals(new PublishedCounts("Stanford Online Products", 59_551, 11_318, 60_502, 11_316),
                new SopLayout().publishedCounts(LayoutOptions.defaults()).orElseThrow());
    }
}
