package org.stml.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * The STML embedding network (docs/ALGORITHM.md §2): backbone → {@code h = GAP + GMP} → two linear heads with bias, the
 * high-dimensional {@code g} and the evaluated embedding {@code f}. Both heads start with an orthogonal weight and a
 * zero bias and output raw, unnormalised vectors.
 *
 * <p>The forward pass returns {@code NDList(g, f)}; a network built without the small head (the teacher) returns
 * {@code NDList(g)}. Children are added in the order {@code backbone}, {@code g}, {@code f}, so a student and a
 * teacher built from equal backbones have equal parameter names ({@code 01backbone_…}, {@code 02g_weight}, …) apart
 * from the student's extra {@code 03f_…} entries.
 */
public final class EmbeddingNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block backbone;
    private final Block g;
    private final Block f;
    private final int embeddingSize;
    private final int highDimSize;

    private EmbeddingNetwork(Builder builder) {
        super(VERSION);
        this.backbone = addChildBlock("backbone", builder.backbone.block());
        this.g = addChildBlock("g", head(builder.highDimSize));
        this.f = builder.smallHead ? addChildBlock("f", head(builder.embeddingSize)) : null;
        this.embeddingSize = builder.embeddingSize;
        this.highDimSize = builder.highDimSize;
    }

    /**
     * Returns a builder; the backbone must be set, the sizes default to g 1024 and f 128 with the f head present.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static Block head(int units) {
        Block linear = Linear.builder().setUnits(units).optBias(true).build();
        linear.setInitializer(new OrthogonalInitializer(), Parameter.Type.WEIGHT);
        return linear;
    }

    /**
     * Returns the width of the f head, the evaluated embedding (configured even when the f head is absent).
     *
     * @return the embedding size
     */
    public int embeddingSize() {
        return embeddingSize;
    }

    /**
     * Returns the width of the g head.
     *
     * @return the high-dimensional size
     */
    public int highDimSize() {
        return highDimSize;
    }

    /**
     * Tells whether this network has the f head (a student) or not (a teacher).
     *
     * @return true if the f head is present
     */
    public boolean hasSmallHead() {
        return f != null;
    }

    /**
     * Embeds images in evaluation mode (BN uses running statistics), in chunks, without gradient history.
     *
     * @param store the parameter store
     * @param images M × 3 × H × W (not closed)
     * @param head which head's output to return
     * @param chunk images per forward pass
     * @return M × D embeddings, attached to the images' manager; the caller closes them
     */
    public NDArray embed(ParameterStore store, NDArray images, Head head, int chunk) {
        if (head == Head.LOW && f == null) {
            throw new IllegalStateException("this network has no f head (a teacher); embed with Head.HIGH");
        }
        NDManager owner = images.getManager();
        try (NDManager scratch = owner.newSubManager()) {
            scratch.tempAttachAll(images);
            long count = images.getShape().get(0);
            NDList parts = new NDList();
            for (long start = 0; start < count; start += chunk) {
                NDArray slice = images.get("{}:{}", start, Math.min(count, start + chunk));
                parts.add(forward(store, new NDList(slice), false).get(head.output()).stopGradient());
            }
            NDArray embeddings = NDArrays.concat(parts);
            embeddings.attach(owner);
            return embeddings;
        }
    }

    /**
     * Tells whether a parameter, named as in {@link #getParameters()}, belongs to the g or f head (the optimizer's
     * {@code emb_lr} group) rather than to the backbone.
     *
     * @param parameterName the parameter's name, such as {@code 02g_weight}
     * @return true for a head parameter
     */
    public boolean isHeadParameter(String parameterName) {
        for (Pair<String, Block> child : getChildren()) {
            boolean head = child.getValue() == g || child.getValue() == f;
            if (head && parameterName.startsWith(child.getKey() + "_")) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList pooled;
        try (NDList featureMap = backbone.forward(parameterStore, inputs, training, params)) {
            pooled = new NDList(GlobalPooling.averagePlusMax(featureMap.singletonOrThrow()));
        }
        try (pooled) {
            NDList outputs = new NDList(g.forward(parameterStore, pooled, training, params).singletonOrThrow());
            if (f != null) {
                outputs.add(f.forward(parameterStore, pooled, training, params).singletonOrThrow());
            }
            return outputs;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape gShape = new Shape(batch, highDimSize);
        return f == null ? new Shape[] {gShape} : new Shape[] {gShape, new Shape(batch, embeddingSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape featureMap = backbone.getOutputShapes(inputShapes)[0];
        Shape pooled = new Shape(featureMap.get(0), featureMap.get(1));
        g.initialize(manager, dataType, pooled);
        if (f != null) {
            f.initialize(manager, dataType, pooled);
        }
    }

    /** Which head's output {@link #embed} returns. */
    public enum Head {
        /** The high-dimensional head g (training, the nearest-neighbour sampler). */
        HIGH(0),
        /** The evaluated embedding f. */
        LOW(1);

        private final int output;

        Head(int output) {
            this.output = output;
        }

        int output() {
            return output;
        }
    }

    /** Builder of {@link EmbeddingNetwork}. */
    public static final class Builder {

        private Backbone backbone;
        private int embeddingSize = 128;
        private int highDimSize = 1024;
        private boolean smallHead = true;

        private Builder() {}

        /**
         * Sets the backbone; required. Its block becomes a child of the network.
         *
         * @param backbone a fresh backbone, not shared with another network
         * @return this builder
         */
        public Builder setBackbone(Backbone backbone) {
            this.backbone = backbone;
            return this;
        }

        /**
         * Sets the width of the f head.
         *
         * @param embeddingSize the embedding size, positive, default 128
         * @return this builder
         */
        public Builder optEmbeddingSize(int embeddingSize) {
            this.embeddingSize = positive("embeddingSize", embeddingSize);
            return this;
        }

        /**
         * Sets the width of the g head.
         *
         * @param highDimSize the high-dimensional size, positive, default 1024
         * @return this builder
         */
        public Builder optHighDimSize(int highDimSize) {
            this.highDimSize = positive("highDimSize", highDimSize);
            return this;
        }

        /**
         * Sets whether the network has the f head: true for a student, false for a teacher.
         *
         * @param smallHead whether to build the f head, default true
         * @return this builder
         */
        public Builder optSmallHead(boolean smallHead) {
            this.smallHead = smallHead;
            return this;
        }

        /**
         * Builds the (uninitialised) network.
         *
         * @return the network
         * @throws IllegalStateException if no backbone was set
         */
        public EmbeddingNetwork build() {
            if (backbone == null) {
                throw new IllegalStateException("EmbeddingNetwork needs a backbone");
            }
            return new EmbeddingNetwork(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
