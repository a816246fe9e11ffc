package org.stml.model.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;

/**
 * A numbered copy of a network's weights in host memory: every parameter, BatchNorm running statistics included, by
 * name, in the network's parameter order. This is how a version of the teacher or of the student travels to an actor
 * that holds a replica: the receiver overwrites its replica with {@link #copyInto(Block)}. It owns no native memory.
 *
 * @param version what the copy stands for: for a teacher the EMA updates it has absorbed, for a student its step
 * @param names the parameter names
 * @param tensors the parameter values, one per name
 */
public record HostWeights(long version, String[] names, HostTensor[] tensors) {

    /** Checks that every name has a tensor. */
    public HostWeights {
        if (names.length != tensors.length) {
            throw new IllegalArgumentException(names.length + " parameter names but " + tensors.length + " tensors");
        }
    }

    /**
     * Copies every parameter of a network to the host. The network must not change while the copy is taken.
     *
     * @param block the network
     * @param version the version the copy stands for
     * @return the copy
     */
    public static HostWeights of(Block block, long version) {
        var parameters = block.getParameters();
        String[] names = new String[parameters.size()];
        HostTensor[] tensors = new HostTensor[parameters.size()];
        int i = 0;
        for (Pair<String, Parameter> entry : parameters) {
            names[i] = entry.getKey();
            tensors[i] = HostTensor.of(entry.getValue().getArray());
            i++;
        }
        return new HostWeights(version, names, tensors);
    }

    /**
     * Overwrites every parameter of {@code replica} with the copy of the same name, in place.
     *
     * @param replica a network of the architecture that was copied
     * @throws IllegalArgumentException if the parameters do not match by name, order and shape
     */
    public void copyInto(Block replica) {
        var parameters = replica.getParameters();
        if (parameters.size() != names.length) {
            throw new IllegalArgumentException("weights of " + names.length + " parameters do not fit a network of "
                    + parameters.size());
        }
        int i = 0;
        for (Pair<String, Parameter> entry : parameters) {
            if (!entry.getKey().equals(names[i])) {
                throw new IllegalArgumentException("the weights do not fit the replica at parameter " + i + ": "
                        + names[i] + " vs " + entry.getKey());
            }
            NDArray target = entry.getValue().getArray();
            tensors[i].copyInto(target);
            i++;
        }
    }

    /**
     * Returns the bytes of all tensors together.
     *
     * @return the payload size
     */
    public long payloadBytes() {
        long bytes = 0;
        for (HostTensor tensor : tensors) {
            bytes += tensor.data().length;
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostWeights weights && version == weights.version
                && Arrays.equals(names, weights.names) && Arrays.equals(tensors, weights.tensors);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(version) + Arrays.hashCode(names)) + Arrays.hashCode(tensors);
    }

    @Override
    public String toString() {
        return "HostWeights[version " + version + ", " + names.length + " tensors, " + payloadBytes() + " bytes]";
    }
}
