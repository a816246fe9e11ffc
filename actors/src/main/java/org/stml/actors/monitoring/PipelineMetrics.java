package org.stml.actors.monitoring;

import org.stml.actors.pipeline.StepEnd;
import org.stml.actors.pipeline.StepTelemetry;
import org.stml.actors.pipeline.TrainingObserver;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.optim.ParameterGroups;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.PhaseTimes;
import org.stml.model.train.StepResult;
import org.stml.monitoring.meter.StudentMeters;
import org.stml.monitoring.meter.StudentMeters.Outcome;
import org.stml.monitoring.meter.StudentMeters.Phase;
import org.stml.monitoring.meter.TrainingMeters;

/** Turns every step and epoch end of the pipeline into meter updates, on the student's thread. */
public final class PipelineMetrics implements TrainingObserver {

    private final TrainingMeters meters;
    private final ParameterGroups groups;

    /**
     * Creates the bridge.
     *
     * @param meters the node's meters
     * @param groups the trainer's parameter groups, for the learning rates in use
     */
    public PipelineMetrics(TrainingMeters meters, ParameterGroups groups) {
        this.meters = meters;
        this.groups = groups;
    }

    @Override
    public void stepEnded(StepEnd end) {
        StepResult result = end.result();
        StepTelemetry telemetry = end.telemetry();
        StudentMeters student = meters.student();
        student.step(outcome(result, telemetry), end.images());
        recordPhases(student, result.times(), telemetry);
        if (result.applied()) {
            student.loss(result.total(), result.contrastiveLow(), result.contrastiveHigh(), result.distillation());
        }
        student.learningRates(groups.learningRate(ParameterGroups.BACKBONE), groups.learningRate(ParameterGroups.HEADS));
        student.gradientNorm(telemetry.gradientNorm());
        meters.teacher().labelled(telemetry.teacherVersion(), end.teacherLag());
        meters.teacher().folded(result.momentum(), telemetry.teacherStudentDistance());
        meters.representation().batch(telemetry.embeddingSpread(), telemetry.pseudoLabelEntropy());
        meters.data().batch(telemetry.batchesAhead());
        meters.run().epoch(end.epoch() + 1);
    }

    @Override
    public void epochEnded(EpochSummary summary, NeighbourTable table) {
        if (summary.rebuilds() > 0) {
            meters.data().rebuilt(summary.rebuildSeconds());
        }
    }

    private static Outcome outcome(StepResult result, StepTelemetry telemetry) {
        if (result.applied()) {
            return Outcome.APPLIED;
        }
        return telemetry.quarantined() ? Outcome.QUARANTINED : Outcome.NONFINITE;
    }

    private static void recordPhases(StudentMeters student, PhaseTimes times, StepTelemetry telemetry) {
        student.phase(Phase.WAIT, (long) (telemetry.waitSeconds() * 1e9));
        student.phase(Phase.LOAD, (long) (telemetry.loadSeconds() * 1e9));
        student.phase(Phase.LABEL, times.label());
        student.phase(Phase.FORWARD, times.studentForward());
        student.phase(Phase.LOSS, times.loss());
        student.phase(Phase.BACKWARD, times.backward());
        student.phase(Phase.EMA, times.ema());
        student.phase(Phase.OPTIMIZER, times.optimizer());
    }
}
