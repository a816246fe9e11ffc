package org.stml.actors.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.StepResult;
import org.stml.model.train.StmlTrainer;
import org.stml.model.train.StudentPass;

/**
 * The student trainer, which drives the run: at the start of each epoch it rebuilds the neighbour table from its g
 * head and hands it to the loader; for each step it asks teacher inference for a labelled batch, runs forward, loss
 * and backward, asks the EMA broadcaster to fold its weights into the teacher, and applies AdamP only once the
 * broadcaster has answered (the paper's order). While the fold runs it already asks for the next batch, so the
 * teacher labels batch t + 1 as soon as version t + 1 exists.
 */
public final class StudentTrainer extends AbstractBehavior<StudentTrainer.Command> {

    /** Messages the student trainer understands. */
    public sealed interface Command permits Start, Labelled, FoldedIn {}

    /**
     * Starts the run.
     *
     * @param firstEpoch the epoch to start with: 0, or the epoch after a restored checkpoint
     * @param epochs the epoch to stop before (the run's total number of epochs)
     * @param replyTo who receives the result
     */
    public record Start(int firstEpoch, int epochs, ActorRef<StatusReply<RunResult>> replyTo) implements Command {}

    /**
     * A labelled batch (internal).
     *
     * @param batch the batch
     */
    record Labelled(TeacherInference.LabelledBatch batch) implements Command {}

    /**
     * The broadcaster's acknowledgement (internal).
     *
     * @param folded the acknowledgement
     */
    record FoldedIn(EmaBroadcaster.Folded folded) implements Command {}

    private final StmlTrainer trainer;
    private final NeighbourTableBuilder rebuilder;
    private final ImageDataset dataset;
    private final Parts parts;
    private final NDManager manager;
    private final ActorRef<TeacherInference.LabelledBatch> labelledAdapter;
    private final ActorRef<EmaBroadcaster.Folded> foldedAdapter;
    private final List<EpochSummary> summaries = new ArrayList<>();
    private final EpochProgress progress = new EpochProgress();
    private ActorRef<StatusReply<RunResult>> replyTo;
    private int epochs;
    private StudentPass pending;
    private long appliedSteps;
    private long maxLag;
    private NeighbourTable table;

    private StudentTrainer(ActorContext<Command> context, StmlTrainer trainer, NeighbourTableBuilder rebuilder,
            ImageDataset dataset, Parts parts, NDManager manager) {
        super(context);
        this.trainer = trainer;
        this.rebuilder = rebuilder;
        this.dataset = dataset;
        this.parts = parts;
        this.manager = manager;
        this.labelledAdapter = context.messageAdapter(TeacherInference.LabelledBatch.class, Labelled::new);
        this.foldedAdapter = context.messageAdapter(EmaBroadcaster.Folded.class, FoldedIn::new);
    }

    /**
     * The actors and settings the student works with.
     *
     * @param loader the batch loader
     * @param teacher teacher inference
     * @param broadcaster the EMA broadcaster
     * @param batchSize B, images per batch
     * @param seed the run seed
     * @param onEpoch called at the end of every epoch, before the next one starts
     */
    public record Parts(ActorRef<BatchLoader.Command> loader, ActorRef<TeacherInference.Command> teacher,
            ActorRef<EmaBroadcaster.Command> broadcaster, int batchSize, long seed,
            EpochObserver onEpoch) {}

    /**
     * Creates the student-trainer behaviour.
     *
     * @param trainer the student side of STML (its own EMA is not used: the broadcaster folds)
     * @param rebuilder the neighbour-table rebuilder
     * @param dataset the training set
     * @param parts the other actors and the batch settings
     * @param manager the networks' manager
     * @return the behaviour
     */
    public static Behavior<Command> create(StmlTrainer trainer, NeighbourTableBuilder rebuilder, ImageDataset dataset,
            Parts parts, NDManager manager) {
        return Behaviors.setup(context -> new StudentTrainer(context, trainer, rebuilder, dataset, parts, manager));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, this::onStart)
                .onMessage(Labelled.class, this::onLabelled)
                .onMessage(FoldedIn.class, this::onFoldedIn)
                .build();
    }

    private Behavior<Command> onStart(Start start) {
        replyTo = start.replyTo();
        epochs = start.epochs();
        appliedSteps = trainer.stepCount() - trainer.skippedSteps();
        beginEpoch(start.firstEpoch());
        return this;
    }

    private void beginEpoch(int epoch) {
        trainer.startEpoch(epoch);
        NeighbourTableBuilder.Rebuild rebuild = rebuilder.rebuild(trainer.student(),
                new ParameterStore(manager, false), dataset, manager);
        table = rebuild.table();
        parts.loader().tell(new BatchLoader.UseTable(table));
        int steps = new NeighbourBatchSampler(rebuild.table(), parts.batchSize(), parts.seed()).batchesPerEpoch();
        progress.begin(epoch, steps, rebuild.seconds());
        requestLabel(0, appliedSteps);
    }

    private void requestLabel(int step, long exactVersion) {
        parts.teacher().tell(new TeacherInference.Label(progress.epoch(), step, exactVersion, labelledAdapter));
    }

    private Behavior<Command> onLabelled(Labelled message) {
        TeacherInference.LabelledBatch labelled = message.batch();
        maxLag = Math.max(maxLag, labelled.lag());
        progress.addImages(labelled.batch().images());
        StudentPass pass = forwardBackward(labelled);
        if (!pass.finite()) {
            completeStep(trainer.skip(pass, 0));
            return this;
        }
        pending = pass;
        parts.broadcaster().tell(new EmaBroadcaster.FoldIn(pass.step(), foldedAdapter));
        if (progress.hasNext()) {
            requestLabel(progress.step() + 1, appliedSteps + 1);
        }
        return this;
    }

    private StudentPass forwardBackward(TeacherInference.LabelledBatch labelled) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray views = scratch.create(labelled.batch().pixels(), labelled.batch().shape());
            int rows = labelled.batch().rows();
            NDArray target = scratch.create(labelled.target(), new Shape(rows, rows));
            return trainer.forwardBackward(views, target);
        }
    }

    private Behavior<Command> onFoldedIn(FoldedIn message) {
        trainer.applyUpdate();
        appliedSteps++;
        StepResult result = pending.result(message.folded().momentum(), true, 0, 0, 0);
        pending = null;
        completeStep(result);
        return this;
    }

    /** Records a finished step; asks for the next batch unless it was prefetched, or ends the epoch or the run. */
    private void completeStep(StepResult result) {
        boolean prefetched = result.applied() && progress.hasNext();
        progress.record(result);
        if (!progress.finished()) {
            if (!prefetched) {
                requestLabel(progress.step(), appliedSteps);
            }
            return;
        }
        EpochSummary summary = progress.summary();
        summaries.add(summary);
        parts.onEpoch().epochEnded(summary, table);
        if (progress.epoch() + 1 < epochs) {
            beginEpoch(progress.epoch() + 1);
        } else {
            replyTo.tell(StatusReply.success(new RunResult(List.copyOf(summaries), maxLag)));
        }
    }
}
