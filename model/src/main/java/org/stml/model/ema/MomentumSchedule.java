package org.stml.model.ema;

/** The EMA momentum m as a function of the update step t (counting from 0). */
@FunctionalInterface
public interface MomentumSchedule {

    /**
     * Returns the momentum for one update.
     *
     * @param step the update step, from 0
     * @return the momentum, in [0, 1]
     */
    double momentum(long step);

    /**
     * A constant momentum, the paper's choice: 0.999 for CUB and Cars, 0.9 for SOP.
     *
     * @param momentum the momentum, in [0, 1]
     * @return the schedule
     */
    static MomentumSchedule constant(double momentum) {
        checkMomentum(momentum);
        return step -> momentum;
    }

    /**
     * A cosine schedule rising from {@code base} to 1 (DINO / solo-learn style, an option not used by the paper):
     * m<sub>t</sub> = 1 − (1 − base)·(cos(π·t/T) + 1)/2, held at 1 after step T.
     *
     * @param base the momentum at step 0, in [0, 1]
     * @param totalSteps T, positive
     * @return the schedule
     */
    static MomentumSchedule cosine(double base, long totalSteps) {
        checkMomentum(base);
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("totalSteps must be positive, got " + totalSteps);
        }
        return step -> {
            double progress = (double) Math.min(step, totalSteps) / totalSteps;
            return 1 - (1 - base) * (Math.cos(Math.PI * progress) + 1) / 2;
        };
    }

    /**
     * Checks that a momentum lies in [0, 1].
     *
     * @param momentum the momentum
     * @throws IllegalArgumentException if it does not
     */
    static void checkMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
    }
}
