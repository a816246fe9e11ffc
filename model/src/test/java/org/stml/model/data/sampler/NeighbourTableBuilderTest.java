package org.stml.model.data.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stml.model.data.BytesImageSource;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;

/**
 * Rebuilds the neighbour table from real images (synthetic shapes through the parallel loader) and a real network's
 * g head: neighbours share the class far above chance, and an unreadable image is skipped, not fatal.
 */
class NeighbourTableBuilderTest {

    private static final int CLASSES = 20;
    private static final int INSTANCES = 12;

    @Test
    void neighboursOfTheStudentsGEmbeddingShareTheClassFarAboveChance() {
        SyntheticShapes shapes = new SyntheticShapes(24, 5);
        ImageDataset train = SyntheticDataset.split(shapes, CLASSES, 0, INSTANCES).train();
        ImageDataset withCorrupt = withCorruptImageAt(train, 7);
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            StmlNetworks networks = StmlNetworks.builder()
                    .setBackbone("convnet")
                    .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(16).build())
                    .optImageSize(24, 24)
                    .build(manager);
            NeighbourTableBuilder builder = NeighbourTableBuilder.builder()
                    .setLoader(loader)
                    .setTransform(new SquashTransform(24, Normalization.UNIT))
                    .optNeighbours(5)
                    .optChunk(64)
                    .build();
            NeighbourTableBuilder.Rebuild rebuild = builder.rebuild(networks.student(),
                    new ParameterStore(manager, false), withCorrupt, manager);

            assertEquals(1, rebuild.skippedImages());
            assertArrayEquals(new int[] {7, 7, 7, 7, 7}, rebuild.table().row(7), "an unreadable image lists itself");
            assertTrue(rebuild.embedNanos() > 0 && rebuild.searchNanos() > 0);
            double share = sameClassShare(rebuild.table(), withCorrupt);
            assertTrue(share > 5.0 / CLASSES, "neighbours sharing the class: " + share + ", chance " + 1.0 / CLASSES);
            for (int i = 0; i < withCorrupt.size(); i++) {
                for (int neighbour : rebuild.table().row(i)) {
                    assertTrue(i == 7 || neighbour != 7, "the unreadable image is nobody's neighbour");
                }
            }
        }
    }

    @Test
    void smallerEmbeddingChunksAndSearchBlocksGiveTheSameTable() {
        ImageDataset train = SyntheticDataset.split(new SyntheticShapes(16, 3), 6, 0, 10).train();
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            StmlNetworks networks = StmlNetworks.builder().setBackbone("convnet")
                    .optBackboneOptions(BackboneOptions.builder().optWidth(8).build()).optImageSize(16, 16)
                    .build(manager);
            NeighbourTableBuilder.Builder builder = NeighbourTableBuilder.builder().setLoader(loader)
                    .setTransform(new SquashTransform(16, Normalization.UNIT)).optNeighbours(3);
            NeighbourTable whole = builder.build().rebuild(networks.student(), new ParameterStore(manager, false),
                    train, manager).table();
            NeighbourTable chunked = builder.optChunk(7).optChunkElements(50).build().rebuild(networks.student(),
                    new ParameterStore(manager, false), train, manager).table();
            for (int i = 0; i < train.size(); i++) {
                assertArrayEquals(whole.row(i), chunked.row(i), "row " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> builder.optChunkElements(0).build());
        }
    }

    private static ImageDataset withCorruptImageAt(ImageDataset dataset, int position) {
        List<ImageRecord> records = new ArrayList<>(dataset.records());
        ImageRecord replaced = records.get(position);
        records.set(position, new ImageRecord(new BytesImageSource("corrupt.jpg", new byte[] {1, 2, 3}),
                replaced.label()));
        return new ImageDataset("synthetic with a corrupt file", records);
    }

    private static double sameClassShare(NeighbourTable table, ImageDataset dataset) {
        int same = 0;
        int pairs = 0;
        for (int i = 0; i < table.size(); i++) {
            int[] row = table.row(i);
            for (int r = 1; r < row.length; r++) {
                same += dataset.get(i).label() == dataset.get(row[r]).label() ? 1 : 0;
                pairs++;
            }
        }
        return (double) same / pairs;
    }
}
