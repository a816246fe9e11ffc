package org.stml.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.sampler.NeighbourTable;

/** The batch loader on its own: the sampler's batches, decoded and augmented deterministically, on request. */
class BatchLoaderTest {

    private static ActorTestKit testKit;
    private static ParallelImageLoader images;

    @BeforeAll
    static void start() {
        testKit = TinyStml.testKit(BatchLoaderTest.class);
        images = ParallelImageLoader.builder().optThreads(2).build();
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
        images.close();
    }

    private ActorRef<BatchLoader.Command> spawnLoader() {
        return testKit.spawn(BatchLoader.create(TinyStml.DATASET, images, TinyStml.transform(), TinyStml.BATCH,
                TinyStml.SEED, 2));
    }

    private static BatchLoader.LoadedBatch request(ActorRef<BatchLoader.Command> loader, int epoch, int step,
            TestProbe<BatchLoader.LoadedBatch> probe) {
        loader.tell(new BatchLoader.RequestBatch(epoch, step, probe.ref()));
        return probe.expectMessageClass(BatchLoader.LoadedBatch.class, TinyStml.WORK);
    }

    @Test
    void answersTheSamplersBatchInTwoViews() {
        NeighbourTable table = TinyStml.shiftedTable(1);
        ActorRef<BatchLoader.Command> loader = spawnLoader();
        TestProbe<BatchLoader.LoadedBatch> probe = testKit.createTestProbe(BatchLoader.LoadedBatch.class);
        loader.tell(BatchLoader.UseTable.of(table));

        BatchLoader.LoadedBatch loaded = request(loader, 1, 3, probe);

        assertEquals(1, loaded.epoch());
        assertEquals(3, loaded.step());
        HostBatch batch = loaded.batch();
        assertEquals(2, batch.views());
        assertEquals(TinyStml.BATCH, batch.images());
        assertEquals(TinyStml.SIZE, batch.size());
        int[] drawn = TinyStml.batchIndices(table, 1, 3);
        int[] bothViews = new int[2 * drawn.length];
        System.arraycopy(drawn, 0, bothViews, 0, drawn.length);
        System.arraycopy(drawn, 0, bothViews, drawn.length, drawn.length);
        assertArrayEquals(bothViews, batch.datasetIndices(), "view-major: the sampler's batch once per view");
        assertTrue(loaded.loadNanos() > 0);
        int row = 3 * TinyStml.SIZE * TinyStml.SIZE;
        assertFalse(Arrays.equals(Arrays.copyOfRange(batch.pixels(), 0, row),
                Arrays.copyOfRange(batch.pixels(), drawn.length * row, (drawn.length + 1) * row)),
                "the two views of an image are augmented differently");
        testKit.stop(loader);
    }

    @Test
    void theSameRequestTwiceGivesTheSamePixels() {
        ActorRef<BatchLoader.Command> loader = spawnLoader();
        TestProbe<BatchLoader.LoadedBatch> probe = testKit.createTestProbe(BatchLoader.LoadedBatch.class);
        loader.tell(BatchLoader.UseTable.of(TinyStml.shiftedTable(1)));

        HostBatch first = request(loader, 0, 2, probe).batch();
        HostBatch other = request(loader, 0, 1, probe).batch();
        HostBatch again = request(loader, 0, 2, probe).batch();

        assertArrayEquals(first.datasetIndices(), again.datasetIndices());
        assertArrayEquals(first.pixels(), again.pixels(), "augmentation is seeded by (seed, epoch, step)");
        assertFalse(Arrays.equals(first.pixels(), other.pixels()), "another step draws another batch");
        testKit.stop(loader);
    }

    @Test
    void aNewTableChangesTheBatches() {
        NeighbourTable next = TinyStml.shiftedTable(7);
        ActorRef<BatchLoader.Command> loader = spawnLoader();
        TestProbe<BatchLoader.LoadedBatch> probe = testKit.createTestProbe(BatchLoader.LoadedBatch.class);
        loader.tell(BatchLoader.UseTable.of(TinyStml.shiftedTable(1)));
        int[] before = request(loader, 0, 0, probe).batch().datasetIndices();

        loader.tell(BatchLoader.UseTable.of(next));
        int[] after = request(loader, 0, 0, probe).batch().datasetIndices();

        assertFalse(Arrays.equals(before, after));
        assertArrayEquals(TinyStml.batchIndices(next, 0, 0), Arrays.copyOf(after, TinyStml.BATCH));
        testKit.stop(loader);
    }

    @Test
    void aRequestBeforeAnyTableStopsTheLoader() {
        ActorRef<BatchLoader.Command> loader = spawnLoader();
        TestProbe<BatchLoader.LoadedBatch> probe = testKit.createTestProbe(BatchLoader.LoadedBatch.class);

        loader.tell(new BatchLoader.RequestBatch(0, 0, probe.ref()));

        probe.expectTerminated(loader, TinyStml.WORK);
        probe.expectNoMessage(TinyStml.QUIET);
    }

    @Test
    void registersWithTheReceptionist() {
        ActorRef<BatchLoader.Command> loader = spawnLoader();
        TestProbe<Receptionist.Listing> probe = testKit.createTestProbe(Receptionist.Listing.class);

        probe.awaitAssert(TinyStml.WORK, () -> {
            testKit.system().receptionist().tell(Receptionist.find(BatchLoader.SERVICE_KEY, probe.ref()));
            Receptionist.Listing listing = probe.expectMessageClass(Receptionist.Listing.class);
            assertTrue(listing.getServiceInstances(BatchLoader.SERVICE_KEY).contains(loader), listing.toString());
            return listing;
        });
        testKit.stop(loader);
    }
}
