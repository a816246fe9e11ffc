/**
 * Checkpoints of STML training: the full training state, enough for a resumed run to continue bit for bit like an
 * uninterrupted one on CPU.
 *
 * <p>A checkpoint is a directory {@code step-NNNNNN} under a checkpoint root, written by {@link CheckpointStore}
 * into a temporary directory next to it, synced, and renamed into place, so that a directory with a step name is
 * always complete. It holds:
 *
 * <ul>
 *   <li>{@code manifest.json}: format version, trainer step and skipped steps, epoch and step within the epoch, the
 *       schedule epoch, the seed, the SHA-256 of the configuration text, the creation time, the caller's metrics, the
 *       run's {@link Provenance} (versions, dataset fingerprint, flattened configuration), and the SHA-256 of every
 *       other file;
 *   <li>{@code model-student.params}, {@code model-teacher.params}: every parameter and BN running statistic, in
 *       DJL's own {@code Block.saveParameters} format;
 *   <li>{@code optimizer.bin}: AdamP's step and moments keyed by parameter name (see {@link StateFiles});
 *   <li>{@code neighbours.bin}: the sampler's neighbour table (see {@link StateFiles});
 *   <li>{@code config.conf}: the resolved configuration text, as the caller gave it.
 * </ul>
 *
 * <p>Next to the checkpoints, the text files {@code latest} and {@code best} name the newest complete checkpoint and
 * the best one by the caller's metric; both are replaced atomically and never name a checkpoint that rotation
 * deletes. {@link Checkpoint#open} checks the manifest and every file's hash before anything is restored, and
 * {@link ConfigDifference} lets a resume refuse a checkpoint whose configuration differs in a key that matters.
 */
package org.stml.model.checkpoint;
