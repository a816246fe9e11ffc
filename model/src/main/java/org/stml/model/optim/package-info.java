/**
 * Optimisation of the STML student (docs/ALGORITHM.md §8): the {@link org.stml.model.optim.AdamP} optimizer as a DJL
 * {@link ai.djl.training.optimizer.Optimizer}, the two learning-rate groups of §8.1
 * ({@link org.stml.model.optim.ParameterGroups}: backbone at {@code lr}, embedding heads at {@code emb_lr}), the
 * per-epoch schedules of §8.3 ({@link org.stml.model.optim.CosineSchedule},
 * {@link org.stml.model.optim.ConstantSchedule}) and {@link org.stml.model.optim.OptimizerStep}, which applies an
 * optimizer to every trainable parameter of a block after the backward pass.
 *
 * <p>A training step with these classes, without DJL's {@code Trainer}:
 *
 * <pre>{@code
 * ParameterGroups groups = ParameterGroups.split(student, name -> name.contains(headMarker),
 *         new CosineSchedule(lr, epochs), new ConstantSchedule(embLr));
 * Optimizer adamP = AdamP.builder().optLearningRateTracker(groups).optWeightDecays(1e-2f).build();
 * // each epoch: groups.setEpoch(epoch); each batch:
 * try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
 *     gc.backward(loss);
 * }
 * OptimizerStep.apply(student, adamP); // updates in place and zeroes the gradients
 * }</pre>
 */
package org.stml.model.optim;
