package org.stml.model.optim;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The learning-rate groups of the STML student (docs/ALGORITHM.md §8.1), as a DJL {@link ParameterTracker}: group
 * {@value #BACKBONE} holds every trained parameter except the embedding heads and follows the schedule of {@code lr};
 * group {@value #HEADS} holds the heads and follows the schedule of {@code emb_lr}.
 *
 * <p>Parameters are keyed by {@link Parameter#getId()} (the id DJL optimizers pass to the tracker), and assigned to a
 * group by their name in {@code block.getParameters()} (for example {@code 01backbone_weight}, {@code 02g_weight}).
 * Parameters that are not trained ({@link OptimizerStep#isTrainable}: frozen parameters and batch-norm running
 * statistics) belong to no group. The schedules are per epoch: {@link #setEpoch} moves every group to an epoch, and
 * {@link #getNewValue} returns the learning rate of the parameter's group for that epoch whatever the update count.
 * The epoch is read and written atomically, so the tracker may be used from another thread than the one that moves
 * it.
 */
public final class ParameterGroups implements ParameterTracker {

    /** Name of the group of all trained parameters except the heads. */
    public static final String BACKBONE = "backbone";

    /** Name of the group of the embedding-head parameters. */
    public static final String HEADS = "heads";

    private final Map<String, String> groupById;
    private final Map<String, LearningRateSchedule> scheduleByGroup;
    private volatile int epoch;

    private ParameterGroups(Map<String, String> groupById, Map<String, LearningRateSchedule> scheduleByGroup) {
        this.groupById = groupById;
        this.scheduleByGroup = scheduleByGroup;
    }

    /**
     * Splits the trained parameters of a block into the groups {@value #BACKBONE} and {@value #HEADS}.
     *
     * @param block the student network; its parameters need not be initialised yet
     * @param isHead selects, by parameter name in {@code block.getParameters()}, the parameters of the heads
     * @param backbone the schedule of group {@value #BACKBONE} ({@code lr})
     * @param heads the schedule of group {@value #HEADS} ({@code emb_lr})
     * @return the groups, at epoch 0
     * @throws IllegalArgumentException if either group would be empty
     */
    public static ParameterGroups split(
            Block block, Predicate<String> isHead, LearningRateSchedule backbone, LearningRateSchedule heads) {
        Objects.requireNonNull(isHead, "isHead");
        Map<String, LearningRateSchedule> schedules = new LinkedHashMap<>();
        schedules.put(BACKBONE, Objects.requireNonNull(backbone, "backbone"));
        schedules.put(HEADS, Objects.requireNonNull(heads, "heads"));

        Map<String, String> groups = new HashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (OptimizerStep.isTrainable(parameter)) {
                groups.put(parameter.getId(), isHead.test(entry.getKey()) ? HEADS : BACKBONE);
            }
        }
        for (String group : schedules.keySet()) {
            if (!groups.containsValue(group)) {
                throw new IllegalArgumentException("no trained parameter of the block falls in group " + group);
            }
        }
        return new ParameterGroups(Map.copyOf(groups), Collections.unmodifiableMap(schedules));
    }

    /**
     * Returns the learning rate of the parameter's group for the current epoch.
     *
     * @param parameterId the {@link Parameter#getId() id} of the parameter
     * @param numUpdate the update count, not used: the schedules are per epoch
     * @return the learning rate
     * @throws IllegalArgumentException if the parameter belongs to no group
     */
    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        String group = groupById.get(parameterId);
        if (group == null) {
            throw new IllegalArgumentException("parameter " + parameterId + " belongs to no learning-rate group");
        }
        return (float) learningRate(group);
    }

    /**
     * Moves every group's schedule to an epoch.
     *
     * @param epoch the 0-based epoch, not negative
     * @throws IllegalArgumentException if the epoch is negative
     */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        this.epoch = epoch;
    }

    /**
     * Returns the current epoch.
     *
     * @return the 0-based epoch last set, 0 initially
     */
    public int getEpoch() {
        return epoch;
    }

    /**
     * Returns the learning rate of a group for the current epoch, for example for logging.
     *
     * @param groupName {@value #BACKBONE} or {@value #HEADS}
     * @return the learning rate
     * @throws IllegalArgumentException if there is no such group
     */
    public double learningRate(String groupName) {
        LearningRateSchedule schedule = scheduleByGroup.get(groupName);
        if (schedule == null) {
            throw new IllegalArgumentException("no learning-rate group " + groupName + "; groups: " + groupNames());
        }
        return schedule.learningRate(epoch);
    }

    /**
     * Returns the names of the groups.
     *
     * @return {@value #BACKBONE} and {@value #HEADS}, in that order
     */
    public Set<String> groupNames() {
        return scheduleByGroup.keySet();
    }

    /**
     * Returns the group of a parameter.
     *
     * @param parameterId the {@link Parameter#getId() id} of the parameter
     * @return the group's name, or empty if the parameter is not trained or not part of the block
     */
    public Optional<String> groupOf(String parameterId) {
        return Optional.ofNullable(groupById.get(parameterId));
    }

    /**
     * Describes the groups and their learning-rate schedules.
     *
     * @return each group's name and schedule
     */
    @Override
    public String toString() {
        return "ParameterGroups" + scheduleByGroup;
    }
}
