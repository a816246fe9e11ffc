package org.stml.actors.transport;

import org.stml.actors.pipeline.BatchLoader;
import org.stml.actors.pipeline.EmaBroadcaster;
import org.stml.actors.pipeline.Evaluator;
import org.stml.actors.pipeline.StudentTrainer;
import org.stml.actors.pipeline.TeacherInference;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.Normalization;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;
import org.stml.model.train.EpochSummary;

/**
 * The wire protocol of the pipeline: THE table of every class that travels between its actors. To add a message,
 * make its record implement {@link WireMessage}, register it (and every record or enum its components name) below
 * with a free id (ids are grouped by actor: host data from 16, the loader's messages from 32, teacher inference's
 * from 40, the broadcaster's from 48, the evaluator's from 56, the student's from 64), and raise the version. Never reuse or renumber an id within a version.
 */
public final class StmlWireProtocol {

    /** The table every node of this build speaks. */
    public static final WireProtocol CURRENT = WireProtocol.builder()
            .setVersion(1)
            .register(16, TensorType.class)
            .register(17, HostTensor.class)
            .register(18, HostWeights.class)
            .register(19, Normalization.class)
            .register(20, HostBatch.class)
            .register(21, EpochSummary.class)
            .register(32, BatchLoader.UseTable.class)
            .register(33, BatchLoader.RequestBatch.class)
            .register(34, BatchLoader.LoadedBatch.class)
            .register(40, TeacherInference.Label.class)
            .register(41, TeacherInference.TeacherVersion.class)
            .register(42, TeacherInference.TeacherWeights.class)
            .register(43, TeacherInference.LabelledBatch.class)
            .register(48, EmaBroadcaster.Subscribe.class)
            .register(49, EmaBroadcaster.FoldIn.class)
            .register(50, EmaBroadcaster.Folded.class)
            .register(56, Evaluator.Evaluate.class)
            .register(57, Evaluator.Drain.class)
            .register(58, Evaluator.Drained.class)
            .register(64, StudentTrainer.Start.class)
            .register(65, StudentTrainer.Finished.class)
            .build();

    private StmlWireProtocol() {}
}
