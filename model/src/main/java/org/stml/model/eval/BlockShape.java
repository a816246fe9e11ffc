package org.stml.model.eval;

/**
 * The shape of one block of the query × database distance matrix: at most a given number of elements, roughly
 * square when both sides are large, widened along one side when the other is small.
 *
 * @param queryRows query rows per block
 * @param databaseRows database rows per block
 */
record BlockShape(int queryRows, int databaseRows) {

    /**
     * Chooses the block shape for a search.
     *
     * @param maxElements the largest number of distance-matrix elements in one block, at least 1
     * @param queryCount the number of queries, at least 1
     * @param databaseCount the number of database items, at least 1
     * @return a shape whose {@code queryRows × databaseRows} does not exceed {@code maxElements}
     */
    static BlockShape of(long maxElements, int queryCount, int databaseCount) {
        long side = Math.max(1, (long) Math.sqrt((double) maxElements));
        int databaseRows = (int) Math.min(databaseCount, maxElements / Math.min(queryCount, side));
        int queryRows = (int) Math.min(queryCount, maxElements / databaseRows);
        return new BlockShape(queryRows, databaseRows);
    }
}
