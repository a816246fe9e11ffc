package org.stml.model.ema;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;

/**
 * The EMA teacher update θ<sub>t</sub> ← m·θ<sub>t</sub> + (1 − m)·θ<sub>s</sub> over every teacher parameter and BN
 * running statistic, paired by name with the student (docs/ALGORITHM.md §2.4).
 *
 * <p>Each teacher array is updated in place as {@code (t − s)·m + s} with {@code m} rounded to float, which equals the
 * same expression computed element-wise in Java float arithmetic (checked bit for bit on the PyTorch CPU engine).
 * The student arrays are read through {@link NDArray#stopGradient()} aliases, so the update records no autograd
 * history even inside an open gradient collector; those aliases and any scalar temporaries are closed by an
 * {@link NDScope}.
 *
 * <p>Not thread-safe: run updates from one thread, and do not step the student's optimiser during an update (the
 * update must read the student's pre-step weights, docs/ALGORITHM.md §5.1 step 7).
 */
public final class EmaUpdater {

    private final ParameterPairs pairs;
    private final MomentumSchedule schedule;

    private EmaUpdater(Builder builder) {
        this.pairs = ParameterPairs.byName(builder.teacher, builder.student);
        this.schedule = builder.schedule;
    }

    /**
     * Returns a builder; teacher and student are required, the schedule defaults to a constant 0.999.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies one update with the schedule's momentum for this step.
     *
     * @param step the update step, from 0
     * @return the momentum used
     */
    public double update(long step) {
        double momentum = schedule.momentum(step);
        updateWithMomentum(momentum);
        return momentum;
    }

    /**
     * Applies one update with an explicit momentum.
     *
     * @param momentum m, in [0, 1]
     */
    public void updateWithMomentum(double momentum) {
        MomentumSchedule.checkMomentum(momentum);
        float m = (float) momentum;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (ParameterPair pair : pairs.pairs()) {
                NDArray student = pair.student().getArray().stopGradient();
                pair.teacher().getArray().subi(student).muli(m).addi(student);
            }
        }
    }

    /**
     * Returns the teacher–student pairs this updater works on, for copying or measuring distances.
     *
     * @return the pairs
     */
    public ParameterPairs pairs() {
        return pairs;
    }

    /** Builder of {@link EmaUpdater}. */
    public static final class Builder {

        private Block teacher;
        private Block student;
        private MomentumSchedule schedule = MomentumSchedule.constant(0.999);

        private Builder() {}

        /**
         * Sets the teacher block, whose entries are updated; required, initialised.
         *
         * @param teacher the teacher
         * @return this builder
         */
        public Builder setTeacher(Block teacher) {
            this.teacher = teacher;
            return this;
        }

        /**
         * Sets the student block, which is only read; required, initialised.
         *
         * @param student the student
         * @return this builder
         */
        public Builder setStudent(Block student) {
            this.student = student;
            return this;
        }

        /**
         * Sets the momentum schedule.
         *
         * @param schedule the schedule, default {@code constant(0.999)}
         * @return this builder
         */
        public Builder optSchedule(MomentumSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Builds the updater, pairing and checking the entries once.
         *
         * @return the updater
         * @throws IllegalStateException if a block is missing or the entries do not pair (see
         *     {@link ParameterPairs#byName(Block, Block)})
         */
        public EmaUpdater build() {
            if (teacher == null || student == null || schedule == null) {
                throw new IllegalStateException("EmaUpdater needs a teacher, a student and a schedule");
            }
            return new EmaUpdater(this);
        }
    }
}
