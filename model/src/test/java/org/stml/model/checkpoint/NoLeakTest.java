package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and restoring leave as many arrays in the networks' manager as there were. */
class NoLeakTest {

    @Test
    void saveAndRestoreLeakNoArray(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).build();
        try (TinyRun first = new TinyRun(4)) {
            first.training.runEpoch(0, 0, 2, null, first.manager, step -> { });
            int before = first.manager.getManagedArrays().size();
            store.save(Snapshot.builder().setTrainer(first.trainer).setPosition(0, 2)
                    .setNeighbourTable(first.training.neighbourTable()).setConfig("").build());
            assertEquals(before, first.manager.getManagedArrays().size(), "arrays after save");
        }
        try (TinyRun resumed = new TinyRun(5)) {
            int before = resumed.manager.getManagedArrays().size();
            store.latest().orElseThrow().restore(resumed.trainer);
            assertEquals(before, resumed.manager.getManagedArrays().size(), "arrays after restore");
            resumed.training.runEpoch(0, 2, 3, store.latest().orElseThrow().neighbourTable(), resumed.manager,
                    step -> { });
        }
    }
}
