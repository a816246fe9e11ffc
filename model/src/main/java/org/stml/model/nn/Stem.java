package org.stml.model.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/** The input stem of a ResNet backbone: the layers before the first residual stage. */
public enum Stem {

    /** ImageNet stem: 7×7 stride-2 convolution, BN, ReLU, 3×3 stride-2 max-pool with padding 1 (4× down-sampling). */
    IMAGENET {
        @Override
        public Block build(int channels) {
            return convBnRelu(channels, 7, 2, 3)
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
    },

    /** CIFAR stem: 3×3 stride-1 convolution, BN, ReLU, no max-pool (no down-sampling). */
    CIFAR {
        @Override
        public Block build(int channels) {
            return convBnRelu(channels, 3, 1, 1);
        }
    };

    /**
     * Builds a fresh stem block producing {@code channels} feature channels.
     *
     * @param channels the number of output channels
     * @return the stem block
     */
    public abstract Block build(int channels);

    private static SequentialBlock convBnRelu(int channels, int kernel, int stride, int padding) {
        return new SequentialBlock()
                .add(Layers.conv(channels, kernel, stride, padding))
                .add(Layers.batchNorm())
                .add(Activation::relu);
    }
}
