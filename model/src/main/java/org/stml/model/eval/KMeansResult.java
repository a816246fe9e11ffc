package org.stml.model.eval;

/**
 * The outcome of a {@link KMeans} run. Equality is by array identity; compare assignments with {@link
 * java.util.Arrays#equals(int[], int[])}.
 *
 * @param assignments the cluster id, in [0, k), of every point; every cluster has at least one point
 * @param iterations the number of assignment steps performed
 * @param converged {@code true} if the assignments stopped changing before the iteration limit
 */
public record KMeansResult(int[] assignments, int iterations, boolean converged) {}
