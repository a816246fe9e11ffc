/**
 * Evaluation of embeddings (docs/ALGORITHM.md §9): exact chunked k-nearest-neighbour search, retrieval metrics, k-means
 * clustering and normalized mutual information.
 *
 * <p>Conventions used throughout the package:
 *
 * <ul>
 *   <li>Distances are <b>squared Euclidean</b> on the embeddings as given (the student's raw, not L2-normalised,
 *       output), computed as {@code ‖q‖² + ‖x‖² − 2 q·x} and clamped at zero.
 *   <li>When the query set is the database, a query is excluded from its own neighbours <b>by index</b>, never by
 *       dropping the first hit, so exact duplicates at distance 0 are still counted as neighbours.
 *   <li>{@code recall_at_k} is the metric-learning Recall@K: the fraction of queries with <b>at least one</b> item of
 *       their own class among their K nearest neighbours (not precision@K). It is averaged over <b>all</b> queries,
 *       as in the STML / deep-metric-learning reference protocol.
 *   <li>{@code precision_at_1}, {@code r_precision}, {@code mean_average_precision_at_r} and {@code NMI} have the
 *       names and meanings of pytorch-metric-learning's {@code AccuracyCalculator}. Like it, the first three leave
 *       out <i>lone</i> queries, whose label no other database item has (R = 0).
 *   <li>Every NDArray created here is closed before a method returns; input NDArrays belong to the caller and are
 *       never closed. Results are plain Java arrays and records.
 * </ul>
 */
package org.stml.model.eval;
