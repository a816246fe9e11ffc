package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageRecord;

class DatasetLayoutsTest {

    @TempDir
    Path root;

    @Test
    void namesAreTheSevenLayouts() {
        assertEquals(List.of("cub", "cars", "sop", "folder", "omniglot", "cifar10", "unlabeled"),
                DatasetLayouts.names());
        for (String name : DatasetLayouts.names()) {
            assertEquals(name, DatasetLayouts.get(name).name());
        }
        assertInstanceOf(CubLayout.class, DatasetLayouts.get(" CUB "));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open("imagenet", root));
        assertEquals("unknown dataset layout 'imagenet'; known layouts: cub, cars, sop, folder, omniglot, cifar10, "
                + "unlabeled", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cub", "cars", "sop", "folder", "omniglot", "cifar10", "unlabeled"})
    void aMissingRootIsNamed(String layout) {
        Path missing = root.resolve("no-such-folder");
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open(layout, missing));
        assertEquals(layout + ": dataset root " + missing + " does not exist", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cub", "cars", "sop", "folder", "omniglot", "cifar10", "unlabeled"})
    void anEmptyRootFailsWithOneLineNamingIt(String layout) {
        DatasetLayoutException e =
                assertThrows(DatasetLayoutException.class, () -> DatasetLayouts.open(layout, root));
        assertTrue(e.getMessage().startsWith(layout + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void theOrderIsSortedAndRepeatable() {
        for (String name : List.of("b/2.png", "a/10.png", "b/1.png", "a/2.png", "a/sub/0.png", "a/1.png")) {
            Fixtures.image(root.resolve(name));
        }
        DatasetSplit first = DatasetLayouts.open("folder", root);
        DatasetSplit second = DatasetLayouts.open("folder", root);
        assertEquals(List.of("a/1.png", "a/10.png", "a/2.png", "a/sub/0.png"), Fixtures.relative(root, first.train()));
        assertEquals(locations(first), locations(second));
        assertEquals(locations(DatasetLayouts.open("unlabeled", root)),
                locations(DatasetLayouts.open("unlabeled", root)));
    }

    @Test
    void layoutsWithoutPublishedCountsNeverWarn() {
        Fixtures.image(root.resolve("x.png"));
        DatasetSplit split = DatasetLayouts.open("unlabeled", root);
        assertTrue(DatasetLayouts.verifyPublishedCounts("unlabeled", split, LayoutOptions.defaults()).isEmpty());
        assertTrue(DatasetLayouts.verifyPublishedCounts("folder", split, LayoutOptions.defaults()).isEmpty());
    }

    private static List<String> locations(DatasetSplit split) {
        List<ImageRecord> records = new ArrayList<>(split.train().records());
        split.test().ifPresent(test -> records.addAll(test.records()));
        return records.stream().map(record -> record.source().location()).collect(Collectors.toList());
    }
}
