package org.stml.monitoring.meter;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every meter of a training node, registered together (the native-memory gauges of {@link NativeMeters} too).
 *
 * @param run run facts
 * @param student the student
 * @param teacher the teacher and the EMA
 * @param representation collapse signals
 * @param data the data side
 * @param evaluation evaluation results
 * @param checkpoints checkpoints
 */
public record TrainingMeters(RunMeters run, StudentMeters student, TeacherMeters teacher,
        RepresentationMeters representation, DataMeters data, EvaluationMeters evaluation,
        CheckpointMeters checkpoints) {

    /**
     * Registers every meter of a training node.
     *
     * @param registry where
     * @param facts the run's backbone, dataset layout, version and max-teacher-lag
     * @param recallKs the K of Recall@K
     * @param corruptImages the number of corrupt images skipped so far
     * @param openArrays the number of NDArrays open under the run's managers
     * @return the meters
     */
    public static TrainingMeters register(MeterRegistry registry, RunFacts facts, List<Integer> recallKs,
            LongSupplier corruptImages, LongSupplier openArrays) {
        NativeMeters.register(registry, openArrays);
        return new TrainingMeters(
                new RunMeters(registry, facts.backbone(), facts.dataset(), facts.version(), facts.maxTeacherLag()),
                new StudentMeters(registry), new TeacherMeters(registry), new RepresentationMeters(registry),
                new DataMeters(registry, corruptImages), new EvaluationMeters(registry, recallKs),
                new CheckpointMeters(registry));
    }

    /**
     * The facts {@code stml_run_info} carries.
     *
     * @param backbone the backbone name
     * @param dataset the dataset layout
     * @param version the stml version
     * @param maxTeacherLag the configured max-teacher-lag
     */
    public record RunFacts(String backbone, String dataset, String version, long maxTeacherLag) {}
}
