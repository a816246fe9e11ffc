package org.stml.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A ResNet unit: {@code relu(residual(x) + shortcut(x))}, where the shortcut is the identity, or a 1×1 strided
 * convolution plus BN when the shape changes.
 */
final class ResidualBlock extends AbstractBlock {

    /** Channel expansion of the bottleneck: it outputs 4 · width channels. */
    static final int BOTTLENECK_EXPANSION = 4;

    private static final byte VERSION = 1;

    private final Block residual;
    private final Block shortcut;

    private ResidualBlock(Block residual, Block shortcut) {
        super(VERSION);
        this.residual = addChildBlock("residual", residual);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    /**
     * The ResNet-18/34 basic block: 3×3 conv (stride) → BN → ReLU → 3×3 conv → BN.
     *
     * @param inChannels input channels
     * @param channels output channels
     * @param stride stride of the first convolution
     * @return the block
     */
    static ResidualBlock basic(int inChannels, int channels, int stride) {
        SequentialBlock residual = new SequentialBlock()
                .add(Layers.conv(channels, 3, stride, 1))
                .add(Layers.batchNorm())
                .add(Activation::relu)
                .add(Layers.conv(channels, 3, 1, 1))
                .add(Layers.batchNorm());
        return new ResidualBlock(residual, shortcut(inChannels, channels, stride));
    }

    /**
     * The ResNet-50 bottleneck (torchvision v1.5, stride on the 3×3): 1×1 conv → BN → ReLU → 3×3 conv (stride) → BN
     * → ReLU → 1×1 conv to {@code 4 · width} channels → BN.
     *
     * @param inChannels input channels
     * @param width bottleneck width; the block outputs {@code 4 · width} channels
     * @param stride stride of the 3×3 convolution
     * @return the block
     */
    static ResidualBlock bottleneck(int inChannels, int width, int stride) {
        SequentialBlock residual = new SequentialBlock()
                .add(Layers.conv(width, 1, 1, 0))
                .add(Layers.batchNorm())
                .add(Activation::relu)
                .add(Layers.conv(width, 3, stride, 1))
                .add(Layers.batchNorm())
                .add(Activation::relu)
                .add(Layers.conv(width * BOTTLENECK_EXPANSION, 1, 1, 0))
                .add(Layers.batchNorm());
        return new ResidualBlock(residual, shortcut(inChannels, width * BOTTLENECK_EXPANSION, stride));
    }

    private static Block shortcut(int inChannels, int outChannels, int stride) {
        if (stride == 1 && inChannels == outChannels) {
            return null;
        }
        return new SequentialBlock().add(Layers.conv(outChannels, 1, stride, 0)).add(Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray branch = residual.forward(parameterStore, inputs, training, params).singletonOrThrow();
        NDArray identity = shortcut == null
                ? inputs.singletonOrThrow()
                : shortcut.forward(parameterStore, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(branch.add(identity)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return residual.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        residual.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
