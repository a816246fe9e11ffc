package org.stml.model.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A torchvision-layout ResNet trunk without its classifier: stem, then four stages of widths 64, 128, 256, 512 with
 * strides 1, 2, 2, 2. ResNet-18 uses basic blocks {@code [2, 2, 2, 2]} (pooled width 512, 11,176,512 trainable
 * parameters); ResNet-50 uses bottlenecks {@code [3, 4, 6, 3]} (pooled width 2048, 23,508,032 trainable parameters).
 * Convolutions have no bias and a Kaiming-normal (fan_out) init; BN starts at weight 1, bias 0.
 */
public final class ResNet implements Backbone {

    /** The name ResNet-18 is registered under. */
    public static final String RESNET18 = "resnet18";

    /** The name ResNet-50 is registered under. */
    public static final String RESNET50 = "resnet50";

    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};
    private static final int STEM_CHANNELS = 64;

    private final String name;
    private final Block block;
    private final int featureChannels;

    private ResNet(String name, Block block, int featureChannels) {
        this.name = name;
        this.block = Layers.withKaimingInit(block);
        this.featureChannels = featureChannels;
    }

    /**
     * Builds a ResNet-18 trunk.
     *
     * @param options the backbone options; the stem is used
     * @return the backbone, named {@value #RESNET18}
     */
    public static ResNet resnet18(BackboneOptions options) {
        return build(RESNET18, options, new int[] {2, 2, 2, 2}, ResidualBlock::basic, 1);
    }

    /**
     * Builds a ResNet-50 trunk.
     *
     * @param options the backbone options; the stem is used
     * @return the backbone, named {@value #RESNET50}
     */
    public static ResNet resnet50(BackboneOptions options) {
        return build(
                RESNET50,
                options,
                new int[] {3, 4, 6, 3},
                ResidualBlock::bottleneck,
                ResidualBlock.BOTTLENECK_EXPANSION);
    }

    private static ResNet build(String name, BackboneOptions options, int[] depths, Unit unit, int expansion) {
        SequentialBlock trunk = new SequentialBlock().add(options.stem().build(STEM_CHANNELS));
        int channels = STEM_CHANNELS;
        for (int stage = 0; stage < depths.length; stage++) {
            SequentialBlock units = new SequentialBlock();
            for (int i = 0; i < depths[stage]; i++) {
                units.add(unit.create(channels, STAGE_WIDTHS[stage], stageStride(stage, i)));
                channels = STAGE_WIDTHS[stage] * expansion;
            }
            trunk.add(units);
        }
        return new ResNet(name, trunk, channels);
    }

    private static int stageStride(int stage, int blockIndex) {
        return stage > 0 && blockIndex == 0 ? 2 : 1;
    }

    /** Builds one residual unit from its input channels, stage width and stride. */
    @FunctionalInterface
    private interface Unit {
        ResidualBlock create(int inChannels, int width, int stride);
    }

    @Override
    public String name() {
        return name;
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
