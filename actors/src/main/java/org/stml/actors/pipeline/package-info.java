/**
 * The STML training run as Pekko typed actors in one JVM: {@link org.stml.actors.pipeline.BatchLoader} (nearest-
 * neighbour batches, decoded and augmented), {@link org.stml.actors.pipeline.TeacherInference} (teacher forward and
 * W under the {@code max-teacher-lag} bound), {@link org.stml.actors.pipeline.StudentTrainer} (forward, loss,
 * backward, AdamP; drives the run) and {@link org.stml.actors.pipeline.EmaBroadcaster} (folds the student into the
 * teacher and publishes numbered teacher versions).
 *
 * <p>Flow is pulled: the student asks the teacher for a labelled batch, the teacher asks the loader. Messages carry
 * host data (arrays), never NDArrays; every NDArray is created and closed by the actor that uses it. The teacher
 * network is shared by reference between the broadcaster (which writes it) and the teacher inference (which reads
 * it) under the version protocol: with lag 0 the teacher labels batch t only after version t exists, and the
 * broadcaster writes version t + 1 only after the student's step t, so reads and writes never overlap. The EMA reads
 * the student's weights while the student waits for its acknowledgement.
 */
package org.stml.actors.pipeline;
