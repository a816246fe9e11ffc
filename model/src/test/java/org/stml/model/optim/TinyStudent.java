package org.stml.model.optim;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A toy student for the tests: {@code backbone} (linear 4 → 3), {@code bn} (batch norm, with running statistics)
 * and {@code head} (linear 3 → 2); parameter names are {@code 01backbone_weight}, ..., {@code 03head_bias}.
 */
final class TinyStudent extends AbstractBlock {

    private final Block backbone;
    private final Block bn;
    private final Block head;

    TinyStudent() {
        backbone = addChildBlock("backbone", Linear.builder().setUnits(3).build());
        bn = addChildBlock("bn", BatchNorm.builder().build());
        head = addChildBlock("head", Linear.builder().setUnits(2).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = backbone.forward(parameterStore, inputs, training, params);
        NDList normalised = bn.forward(parameterStore, features, training, params);
        return head.forward(parameterStore, normalised, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(bn.getOutputShapes(backbone.getOutputShapes(inputShapes)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] features = backbone.getOutputShapes(inputShapes);
        bn.initialize(manager, dataType, features);
        head.initialize(manager, dataType, bn.getOutputShapes(features));
    }
}
