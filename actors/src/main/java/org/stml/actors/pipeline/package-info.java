/**
 * The STML training run as Pekko typed actors in one JVM: {@link org.stml.actors.pipeline.BatchLoader} (nearest-
 * neighbour batches, decoded and augmented), {@link org.stml.actors.pipeline.TeacherInference} (teacher forward and
 * W under the {@code max-teacher-lag} bound; one or more instances, found through the receptionist),
 * {@link org.stml.actors.pipeline.StudentTrainer} (forward, loss, backward, AdamP; drives the run),
 * {@link org.stml.actors.pipeline.EmaBroadcaster} (folds the student into the master teacher and publishes numbered
 * teacher versions) and {@link org.stml.actors.pipeline.Evaluator} (evaluates student snapshots beside training).
 * {@link org.stml.actors.pipeline.TrainingPipeline} spawns them from a {@link org.stml.actors.pipeline.PipelineSetup}
 * and reports every step and epoch to a {@link org.stml.actors.pipeline.TrainingObserver}.
 *
 * <p>Flow is pulled: the student asks a teacher for a labelled batch, the teacher asks the loader. Messages carry
 * host data (arrays) or {@link org.stml.model.nn.WeightSnapshot}s, never bare NDArrays; every NDArray is created and
 * closed by the actor that uses it, and a snapshot is closed by its receiver. At lag 0 the master teacher is shared
 * by reference between the broadcaster (which writes it) and teacher inference (which reads it) under the version
 * protocol: the teacher labels batch t only after version t exists, and the broadcaster writes version t + 1 only
 * after the student's step t, so reads and writes never overlap. At a positive lag each teacher instance reads a
 * replica of its own, updated from the snapshots the broadcaster sends. The EMA reads the student's weights while the
 * student waits for its acknowledgement.
 */
package org.stml.actors.pipeline;
