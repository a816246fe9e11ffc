package org.stml.model.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's parameters and BN running statistics in DJL's own format ({@link Block#saveParameters},
 * {@link Block#loadParameters}).
 *
 * <p>DJL's load replaces every parameter's array with a new one. This class makes that replacement complete: the new
 * arrays live in the manager of the old ones, take their gradient requirement from the parameter as
 * {@link Parameter#initialize} does, must have the old shapes and data types, and the old arrays are closed, so
 * loading leaks nothing. Anything that cached the old arrays (a {@code ParameterStore}) must drop them.
 */
final class ParameterFiles {

    private ParameterFiles() {}

    /** Writes every parameter of an initialised block. */
    static void save(Block block, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    /**
     * Loads every parameter of an initialised block in place of its current arrays.
     *
     * @throws IOException if the stream is short, in another format, or holds other shapes than the block's; the
     *     block's parameters are then undefined and the network must be discarded
     */
    static void load(Block block, InputStream in) throws IOException {
        List<Parameter> parameters = new ArrayList<>();
        List<NDArray> previous = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            parameters.add(entry.getValue());
            previous.add(entry.getValue().getArray());
        }
        NDManager manager = previous.get(0).getManager();
        try {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (MalformedModelException e) {
            throw new IOException("is not a parameter file of this network (" + e.getMessage() + ")", e);
        }
        if (in.read() >= 0) {
            throw new IOException("has trailing bytes");
        }
        for (int i = 0; i < parameters.size(); i++) {
            adopt(parameters.get(i), previous.get(i));
        }
    }

    private static void adopt(Parameter parameter, NDArray previous) throws IOException {
        NDArray loaded = parameter.getArray();
        if (!loaded.getShape().equals(previous.getShape()) || loaded.getDataType() != previous.getDataType()) {
            throw new IOException("holds " + parameter.getName() + " as " + loaded.getDataType() + " "
                    + loaded.getShape() + " but the network has " + previous.getDataType() + " "
                    + previous.getShape());
        }
        if (parameter.requiresGradient()) {
            loaded.setRequiresGradient(true);
        }
        previous.close();
    }
}
