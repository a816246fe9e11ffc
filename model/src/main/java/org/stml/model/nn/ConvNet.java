package org.stml.model.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/**
 * A small ConvNet that trains quickly on a CPU, for tests and demos: four stages of 3×3 convolution (no bias) → BN →
 * ReLU with widths w, 2w, 4w, 8w, and a 2×2 max-pool after each of the first three. A 32×32 input gives a 4×4
 * feature map, a 16×16 input a 2×2 one. The stem option is ignored.
 */
public final class ConvNet implements Backbone {

    /** The name this backbone is registered under. */
    public static final String NAME = "convnet";

    private static final int STAGES = 4;

    private final Block block;
    private final int featureChannels;

    /**
     * Builds the ConvNet.
     *
     * @param options the backbone options; the width is used
     */
    public ConvNet(BackboneOptions options) {
        SequentialBlock trunk = new SequentialBlock();
        int channels = options.width();
        for (int stage = 0; stage < STAGES; stage++) {
            trunk.add(Layers.conv(channels, 3, 1, 1)).add(Layers.batchNorm()).add(Activation::relu);
            if (stage < STAGES - 1) {
                trunk.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
                channels *= 2;
            }
        }
        this.block = Layers.withKaimingInit(trunk);
        this.featureChannels = channels;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int featureChannels() {
        return featureChannels;
    }
}
