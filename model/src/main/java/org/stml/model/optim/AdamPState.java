package org.stml.model.optim;

import java.util.Map;
import java.util.Objects;

/**
 * The state of an {@link AdamP} optimizer on the host, for checkpoints: the step {@code t} of the last update and the
 * first and second moments of every parameter, keyed by parameter NAME (parameter ids are random per JVM, names are
 * stable across builds of the same architecture).
 *
 * @param step t, the step of the last update (0 if the optimizer never updated)
 * @param moments the moments by parameter name; not copied
 */
public record AdamPState(int step, Map<String, Moments> moments) {

    /**
     * Checks the state.
     *
     * @param step not negative
     * @param moments not null
     */
    public AdamPState {
        if (step < 0) {
            throw new IllegalArgumentException("AdamP step must be >= 0: " + step);
        }
        Objects.requireNonNull(moments, "moments");
    }

    /**
     * The two float32 moments of one parameter, row-major.
     *
     * @param shape the parameter's shape
     * @param first m, the first moment; not copied
     * @param second v, the second moment; not copied
     */
    public record Moments(long[] shape, float[] first, float[] second) {

        /**
         * Checks that both moments hold as many values as the shape.
         *
         * @param shape the shape
         * @param first m
         * @param second v
         */
        public Moments {
            long size = 1;
            for (long dimension : shape) {
                size *= dimension;
            }
            if (first.length != size || second.length != size) {
                throw new IllegalArgumentException("moments of " + first.length + " and " + second.length
                        + " values do not fit a shape of " + size + " values");
            }
        }
    }
}
