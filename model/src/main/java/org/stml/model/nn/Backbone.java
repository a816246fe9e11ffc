package org.stml.model.nn;

import ai.djl.nn.Block;

/**
 * A convolutional trunk: maps an N×3×H×W image batch to a feature map N×C×h×w and knows its channel count C.
 *
 * <p>Adding a backbone means writing one class implementing this interface and registering its name in
 * {@link Backbones}.
 */
public interface Backbone {

    /**
     * Returns the name this backbone is registered under, for example {@code "resnet18"}.
     *
     * @return the backbone name
     */
    String name();

    /**
     * Returns the block computing the feature map. Each backbone instance owns exactly one block.
     *
     * @return the trunk block
     */
    Block block();

    /**
     * Returns the number of channels C of the feature map, which is also the width of the pooled feature.
     *
     * @return the feature channel count
     */
    int featureChannels();
}
