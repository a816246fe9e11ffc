package org.stml.actors.pipeline;

/**
 * When the neighbour table is rebuilt inside an epoch: at its start and at the first step of every block of
 * {@code rebuildEvery} steps. A table serves the steps of one block, so no batch beyond the current block may be
 * requested before the next table exists.
 */
final class RebuildSchedule {

    private final int rebuildEvery;
    private int block;

    /** @param rebuildEvery steps per table, {@link Integer#MAX_VALUE} for one table per epoch */
    RebuildSchedule(int rebuildEvery) {
        this.rebuildEvery = rebuildEvery;
    }

    /** The epoch starts at {@code firstStep}: 0 with a new table, or inside the block of a restored one. */
    void startAt(int firstStep) {
        block = firstStep == 0 ? 0 : (firstStep - 1) / rebuildEvery;
    }

    /** True when {@code step} is the first of a block that has no table yet. */
    boolean dueAt(int step) {
        return step / rebuildEvery != block;
    }

    /** Marks the table of the block holding {@code step} as built. */
    void rebuiltAt(int step) {
        block = step / rebuildEvery;
    }

    /** The last step the current table serves. */
    long blockEnd() {
        return (long) (block + 1) * rebuildEvery - 1;
    }
}
