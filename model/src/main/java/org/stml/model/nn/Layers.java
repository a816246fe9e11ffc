package org.stml.model.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/** Layer factories shared by the backbones, with torchvision's conventions. */
final class Layers {

    /** Kaiming-normal with fan_out, as torchvision: standard deviation √(2 / fan_out). */
    private static final Initializer KAIMING_FAN_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);

    /** DJL BN momentum keeping 0.9 of the old running value, i.e. PyTorch momentum 0.1. */
    private static final float BN_MOMENTUM = 0.9f;

    /** BN epsilon, as PyTorch. */
    private static final float BN_EPSILON = 1e-5f;

    private Layers() {}

    /**
     * A square convolution without bias.
     *
     * @param filters output channels
     * @param kernel kernel side
     * @param stride stride on both axes
     * @param padding zero padding on both axes
     * @return the convolution block
     */
    static Block conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
    }

    /**
     * A batch normalisation over the channel axis with PyTorch momentum 0.1 and ε 1e-5.
     *
     * @return the BN block (weight 1, bias 0, running mean 0, running variance 1 at init)
     */
    static Block batchNorm() {
        return BatchNorm.builder().optMomentum(BN_MOMENTUM).optEpsilon(BN_EPSILON).build();
    }

    /**
     * Sets Kaiming-normal (fan_out) on every convolution weight of a trunk; BN keeps its defaults.
     *
     * @param trunk a block whose only {@link Parameter.Type#WEIGHT} parameters are convolution kernels
     * @param <B> the block type
     * @return the same block
     */
    static <B extends Block> B withKaimingInit(B trunk) {
        trunk.setInitializer(KAIMING_FAN_OUT, Parameter.Type.WEIGHT);
        return trunk;
    }
}
