package org.stml.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A numbered copy of a network's weights (every parameter, BatchNorm running statistics included), taken at one
 * moment and owned by whoever holds the snapshot: it closes the copies with {@link #close()}. This is how a version
 * of the teacher (or of the student) travels to an actor that runs a replica of the network while the original
 * keeps changing.
 */
public final class WeightSnapshot implements AutoCloseable {

    private final long version;
    private final NDManager manager;
    private final Map<String, NDArray> arrays;

    private WeightSnapshot(long version, NDManager manager, Map<String, NDArray> arrays) {
        this.version = version;
        this.manager = manager;
        this.arrays = arrays;
    }

    /**
     * Copies every parameter of {@code block} into new arrays owned by the snapshot. The block must not change while
     * the copy is taken.
     *
     * @param block the network to copy
     * @param version the version the copy stands for (for a teacher: the EMA updates it has absorbed)
     * @param parent the manager under which the snapshot's own manager is created
     * @return the snapshot
     */
    public static WeightSnapshot of(Block block, long version, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray source = entry.getValue().getArray();
            NDArray copy = manager.create(source.getShape(), source.getDataType(), source.getDevice());
            source.copyTo(copy);
            arrays.put(entry.getKey(), copy);
        }
        return new WeightSnapshot(version, manager, arrays);
    }

    /**
     * Returns the version this snapshot stands for.
     *
     * @return the version
     */
    public long version() {
        return version;
    }

    /**
     * Overwrites every parameter of {@code replica} with the snapshot's copy of the same name, in place.
     *
     * @param replica a network of the same architecture as the one copied
     * @throws IllegalArgumentException if a parameter of {@code replica} is missing from the snapshot or has another
     *     shape
     */
    public void copyInto(Block replica) {
        for (Pair<String, Parameter> entry : replica.getParameters()) {
            NDArray copy = arrays.get(entry.getKey());
            NDArray target = entry.getValue().getArray();
            if (copy == null || !copy.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("the snapshot does not fit the replica at parameter "
                        + entry.getKey() + ": " + (copy == null ? "missing" : copy.getShape() + " vs "
                        + target.getShape()));
            }
            copy.copyTo(target);
        }
    }

    /** Frees the copies. */
    @Override
    public void close() {
        manager.close();
    }
}
