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
 * <p>Flow is pulled: the student asks a teacher for a labelled batch, the teacher asks the loader. Every message
 * between these actors is host data only ({@link org.stml.actors.transport.WireMessage}: records of primitives,
 * arrays and {@link org.stml.model.tensor.HostWeights}), never an NDArray, so the same protocol works in one JVM and
 * across nodes; every NDArray is created and closed by the actor that uses it. Each actor registers under a
 * {@code SERVICE_KEY} of its role. A run's actors are children of a {@link org.stml.actors.pipeline.RunSupervisor},
 * spawned on the node's one actor system.
 *
 * <p>In one JVM, weights may be shared by reference instead ({@link
 * org.stml.actors.pipeline.PipelineSetup.Builder#optSharedMemory}, the default), with the same result bit for bit:
 * the broadcaster reads the student network while the student waits for its acknowledgement, and at lag 0 the master
 * teacher is shared between the broadcaster (which writes it) and teacher inference (which reads it) under the
 * version protocol — the teacher labels batch t only after version t exists, and the broadcaster writes version
 * t + 1 only after the student's step t, so reads and writes never overlap. Otherwise each teacher instance reads a
 * replica of its own, updated from the {@link org.stml.model.tensor.HostWeights} the broadcaster publishes, and the
 * student sends its weights with every fold request.
 */
package org.stml.actors.pipeline;
