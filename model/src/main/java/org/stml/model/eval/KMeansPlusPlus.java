package org.stml.model.eval;

import java.util.Arrays;
import java.util.Random;

/**
 * k-means++ seeding (Arthur and Vassilvitskii, 2007): the first centre is a uniformly random point, each further centre
 * a point drawn with probability proportional to its squared distance to the nearest centre chosen so far. When every
 * point already coincides with a centre, the next one is drawn uniformly.
 */
final class KMeansPlusPlus {

    private KMeansPlusPlus() {}

    /**
     * Chooses {@code k} initial centres.
     *
     * @param points the points
     * @param k the number of centres, at most the number of points
     * @param random the source of randomness
     * @return the indices of the chosen points, in the order chosen
     */
    static int[] choose(HostPoints points, int k, Random random) {
        int[] centres = new int[k];
        double[] nearest = new double[points.count()];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        centres[0] = random.nextInt(points.count());
        for (int c = 1; c < k; c++) {
            updateNearest(points, centres[c - 1], nearest);
            centres[c] = draw(nearest, random);
        }
        return centres;
    }

    private static void updateNearest(HostPoints points, int centre, double[] nearest) {
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] = Math.min(nearest[i], points.squaredDistance(i, centre));
        }
    }

    private static int draw(double[] weights, Random random) {
        double total = Arrays.stream(weights).sum();
        if (!(total > 0)) {
            return random.nextInt(weights.length);
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                last = i;
                if (cumulative > target) {
                    return i;
                }
            }
        }
        return last;
    }
}
