package org.stml.actors.pipeline;

import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.train.StepResult;

/**
 * The end of one student step, as a {@link TrainingObserver} sees it.
 *
 * @param epoch the epoch, from 0
 * @param step the step within the epoch, from 0
 * @param stepsInEpoch the epoch's number of steps
 * @param result the loss terms and phase times; {@code applied} is false for a skipped step
 * @param teacherLag the teacher versions the labelling teacher trailed the exact one by (0 at lag 0)
 * @param images the images of the batch
 * @param epochSeconds the seconds of training in this epoch so far (after its neighbour rebuild)
 * @param table the neighbour table that served this step (to checkpoint a position inside an epoch)
 * @param nonFiniteStreak the non-finite steps in a row ending with this one (0 after an applied step); a checkpoint
 *     taken while it is positive could hold the weights that caused it
 * @param telemetry what else the pipeline measured around the step
 */
public record StepEnd(int epoch, int step, int stepsInEpoch, StepResult result, long teacherLag, int images,
        double epochSeconds, NeighbourTable table, int nonFiniteStreak, StepTelemetry telemetry) {

    /**
     * Returns whether this was the epoch's last step.
     *
     * @return true at the end of the epoch
     */
    public boolean lastOfEpoch() {
        return step + 1 == stepsInEpoch;
    }
}
