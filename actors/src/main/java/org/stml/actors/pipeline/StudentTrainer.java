package org.stml.actors.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.pattern.StatusReply;
import org.stml.model.checkpoint.ResumePoint;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.nn.WeightSnapshot;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.RepresentationSignals;
import org.stml.model.train.StepResult;
import org.stml.model.train.StmlTrainer;
import org.stml.model.train.StudentPass;

/**
 * The student trainer, which drives the run: at the start of each epoch it rebuilds the neighbour table from its g
 * head and hands it to the loader; for each step it takes the labelled batch, runs forward, loss and backward, asks
 * the EMA broadcaster to fold its weights into the teacher, and applies AdamP only once the broadcaster has answered
 * (the paper's order).
 *
 * <p>Label requests go round-robin to the teacher-inference instances the receptionist lists. With lag 0 the student
 * asks for batch t + 1 as soon as step t's fold is on its way, so the teacher labels it the moment version t + 1
 * exists. With lag L > 0 it keeps up to min(L, batch window) batches requested ahead, each labelled by whatever
 * teacher version is current; the lag each batch actually had is measured here, as the applied steps not yet folded
 * into the teacher that labelled it.
 *
 * <p>A step whose loss is not finite is skipped and counted; after {@code maxConsecutiveSkips} in a row the run stops
 * and reports the streak, so that the caller can roll back to a checkpoint and quarantine those batches.
 */
public final class StudentTrainer extends AbstractBehavior<StudentTrainer.Command> {

    /** Messages the student trainer understands. */
    public sealed interface Command permits Start, Labelled, FoldedIn, TeachersListed, EvaluationsDone {}

    /**
     * Starts the run; it begins once the configured number of teacher-inference instances is listed.
     *
     * @param from where to start: epoch 0 step 0, or the position of a restored checkpoint (its table is used when
     *     the position is inside an epoch)
     * @param epochs the epoch to stop before (the run's total number of epochs)
     * @param replyTo who receives the result
     */
    public record Start(ResumePoint from, int epochs, ActorRef<StatusReply<RunResult>> replyTo) implements Command {}

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

    /**
     * The receptionist's listing of teacher-inference instances (internal).
     *
     * @param listing the listing
     */
    record TeachersListed(Receptionist.Listing listing) implements Command {}

    /**
     * The evaluator's answer to the drain at the end of the run (internal).
     *
     * @param drained the answer
     */
    record EvaluationsDone(Evaluator.Drained drained) implements Command {}

    /**
     * The actors and settings the student works with.
     *
     * @param loader the batch loader
     * @param broadcaster the EMA broadcaster
     * @param evaluator the evaluator, or null when nothing is evaluated during the run
     * @param evaluateEvery send a snapshot to the evaluator after every this many epochs and after the last
     * @param teacherInstances the teacher-inference instances to wait for before starting
     * @param batchSize B, images per batch
     * @param seed the run seed
     * @param maxTeacherLag max-teacher-lag, in teacher versions
     * @param batchWindow the most batches requested ahead of the current one when the lag allows it
     * @param rebuildEvery rebuild the neighbour table every this many steps within an epoch, besides its start;
     *     {@link Integer#MAX_VALUE} for once per epoch
     * @param maxConsecutiveSkips the non-finite steps in a row that stop the run
     * @param quarantine global step numbers whose batches are skipped without training (after a roll-back)
     * @param observer told of every step and epoch end
     */
    public record Parts(ActorRef<BatchLoader.Command> loader, ActorRef<EmaBroadcaster.Command> broadcaster,
            ActorRef<Evaluator.Command> evaluator, int evaluateEvery, int teacherInstances, int batchSize, long seed, long maxTeacherLag, int batchWindow, int rebuildEvery,
            int maxConsecutiveSkips, Set<Long> quarantine, TrainingObserver observer) {}

    private final StmlTrainer trainer;
    private final NeighbourTableBuilder rebuilder;
    private final ImageDataset dataset;
    private final Parts parts;
    private final NDManager manager;
    private final ActorRef<TeacherInference.LabelledBatch> labelledAdapter;
    private final ActorRef<EmaBroadcaster.Folded> foldedAdapter;
    private final List<EpochSummary> summaries = new ArrayList<>();
    private final EpochProgress progress = new EpochProgress();
    private final Map<Integer, TeacherInference.LabelledBatch> ready = new HashMap<>();
    private final TeacherLags lags = new TeacherLags();
    private final List<Long> nonFiniteStreak = new ArrayList<>();
    private List<ActorRef<TeacherInference.Command>> teachers = List.of();
    private Start start;
    private boolean running;
    private StudentPass pending;
    private long appliedSteps;
    private int requestedUpTo;
    private long currentLag;
    private int currentImages;
    private TeacherInference.LabelledBatch current;
    private long readySince;
    private long waitNanos;
    private long foldSentAt;
    private double distance = Double.NaN;
    private NeighbourTable table;
    private int tableBlock;

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
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                TeachersListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(TeacherInference.SERVICE_KEY, listings));
    }

    /**
     * Creates the student-trainer behaviour.
     *
     * @param trainer the student side of STML (its own EMA is not used: the broadcaster folds)
     * @param rebuilder the neighbour-table rebuilder
     * @param dataset the training set
     * @param parts the other actors and the run settings
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
                .onMessage(TeachersListed.class, this::onTeachersListed)
                .onMessage(Labelled.class, this::onLabelled)
                .onMessage(FoldedIn.class, this::onFoldedIn)
                .onMessage(EvaluationsDone.class, this::onEvaluationsDone)
                .build();
    }

    private Behavior<Command> onStart(Start message) {
        start = message;
        beginWhenReady();
        return this;
    }

    private Behavior<Command> onTeachersListed(TeachersListed message) {
        if (!running) {
            teachers = message.listing().getServiceInstances(TeacherInference.SERVICE_KEY).stream()
                    .sorted(Comparator.comparing(teacher -> teacher.path().name()))
                    .toList();
            beginWhenReady();
        }
        return this;
    }

    private void beginWhenReady() {
        if (running || start == null || teachers.size() < parts.teacherInstances()) {
            return;
        }
        running = true;
        appliedSteps = trainer.stepCount() - trainer.skippedSteps();
        ResumePoint from = start.from();
        beginEpoch(from.epoch(), from.stepInEpoch(), from.stepInEpoch() > 0 ? from.table() : null);
    }

    /**
     * Starts an epoch at {@code firstStep}: with the table of a checkpoint taken inside it (the table that served step
     * {@code firstStep − 1}), or with a table rebuilt from the student.
     */
    private void beginEpoch(int epoch, int firstStep, NeighbourTable resumedTable) {
        trainer.startEpoch(epoch);
        double rebuildSeconds = 0;
        if (resumedTable == null) {
            rebuildSeconds = rebuildTable();
            tableBlock = 0;
        } else {
            table = resumedTable;
            tableBlock = (firstStep - 1) / parts.rebuildEvery();
            parts.loader().tell(new BatchLoader.UseTable(table));
        }
        int steps = new NeighbourBatchSampler(table, parts.batchSize(), parts.seed()).batchesPerEpoch();
        progress.begin(epoch, steps, firstStep, rebuildSeconds);
        readySince = System.nanoTime();
        ready.clear();
        requestedUpTo = firstStep - 1;
        if (progress.finished()) {
            endEpoch();
        } else {
            requestAhead();
        }
    }

    private double rebuildTable() {
        NeighbourTableBuilder.Rebuild rebuild = rebuilder.rebuild(trainer.student(), new ParameterStore(manager, false),
                dataset, manager);
        table = rebuild.table();
        parts.loader().tell(new BatchLoader.UseTable(table));
        return rebuild.seconds();
    }

    /**
     * Requests every batch the lag allows to be labelled now and that is not requested yet; never a batch beyond the
     * current table's block of steps, which the next table will serve.
     */
    private void requestAhead() {
        int current = progress.step();
        int ahead = parts.maxTeacherLag() == 0 ? (pending == null ? 0 : 1)
                : (int) Math.min(parts.maxTeacherLag(), parts.batchWindow());
        long blockEnd = (long) (tableBlock + 1) * parts.rebuildEvery() - 1;
        int last = (int) Math.min(Math.min(current + ahead, progress.steps() - 1), blockEnd);
        for (int step = requestedUpTo + 1; step <= last; step++) {
            long exactVersion = appliedSteps + (step - current);
            ActorRef<TeacherInference.Command> teacher = teachers.get(step % teachers.size());
            teacher.tell(new TeacherInference.Label(progress.epoch(), step, exactVersion, labelledAdapter));
            requestedUpTo = step;
        }
    }

    private Behavior<Command> onLabelled(Labelled message) {
        if (running) {
            ready.put(message.batch().step(), message.batch());
            advance();
        }
        return this;
    }

    private Behavior<Command> onFoldedIn(FoldedIn message) {
        if (!running) {
            return this;
        }
        long emaNanos = System.nanoTime() - foldSentAt;
        long start = System.nanoTime();
        trainer.applyUpdate();
        long optimizerNanos = System.nanoTime() - start;
        appliedSteps++;
        distance = message.folded().distance();
        StepResult result = pending.result(message.folded().momentum(), true, current.labelNanos(), emaNanos,
                optimizerNanos);
        finishStep(result);
        advance();
        return this;
    }

    /**
     * Runs every step whose batch is ready, in order, until one waits for its fold or its batch; rebuilds the table
     * first when the next step starts a new block of {@code rebuildEvery} steps.
     */
    private void advance() {
        while (running && pending == null && !progress.finished()) {
            if (progress.step() / parts.rebuildEvery() != tableBlock) {
                progress.addRebuild(rebuildTable());
                tableBlock = progress.step() / parts.rebuildEvery();
                requestAhead();
            }
            TeacherInference.LabelledBatch batch = ready.remove(progress.step());
            if (batch == null) {
                return;
            }
            consume(batch);
        }
    }

    private void consume(TeacherInference.LabelledBatch labelled) {
        waitNanos = System.nanoTime() - readySince;
        current = labelled;
        pending = null;
        distance = Double.NaN;
        currentLag = appliedSteps - labelled.teacherVersion();
        currentImages = labelled.batch().images();
        lags.record(currentLag);
        if (parts.quarantine().contains(trainer.stepCount())) {
            finishStep(trainer.skipBatch());
            return;
        }
        StudentPass pass = forwardBackward(labelled);
        pending = pass;
        if (!pass.finite()) {
            finishStep(trainer.skip(pass, labelled.labelNanos()));
            return;
        }
        foldSentAt = System.nanoTime();
        parts.broadcaster().tell(new EmaBroadcaster.FoldIn(pass.step(), foldedAdapter));
        requestAhead();
    }

    private StepTelemetry telemetry() {
        int rows = current.batch().rows();
        boolean ran = pending != null;
        return new StepTelemetry(waitNanos / 1e9, current.loadNanos() / 1e9, current.teacherVersion(), distance,
                ran ? pending.embeddingSpread() : Double.NaN, ran ? pending.gradientNorm() : Double.NaN,
                RepresentationSignals.pseudoLabelEntropy(current.target(), rows), requestedUpTo - progress.step(),
                parts.quarantine().contains(trainer.stepCount() - 1) && !ran);
    }

    private StudentPass forwardBackward(TeacherInference.LabelledBatch labelled) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray views = labelled.batch().toNetworkInput(scratch);
            int rows = labelled.batch().rows();
            NDArray target = scratch.create(labelled.target(), new Shape(rows, rows));
            return trainer.forwardBackward(views, target);
        }
    }

    /** Records a finished step, stops on a streak of non-finite steps, and moves on to the next step or epoch. */
    private void finishStep(StepResult result) {
        boolean quarantined = parts.quarantine().contains(result.step());
        if (result.applied()) {
            nonFiniteStreak.clear();
        } else if (!quarantined) {
            nonFiniteStreak.add(result.step());
        }
        StepEnd end = new StepEnd(progress.epoch(), progress.step(), progress.steps(), result, currentLag,
                currentImages, progress.seconds(), table, nonFiniteStreak.size(), telemetry());
        pending = null;
        readySince = System.nanoTime();
        progress.record(result, currentImages);
        parts.observer().stepEnded(end);
        if (nonFiniteStreak.size() >= parts.maxConsecutiveSkips()) {
            stop();
        } else if (progress.finished()) {
            endEpoch();
        } else {
            requestAhead();
        }
    }

    private void endEpoch() {
        EpochSummary summary = progress.summary();
        summaries.add(summary);
        parts.observer().epochEnded(summary, table);
        int trained = progress.epoch() + 1;
        boolean last = trained >= start.epochs();
        if (parts.evaluator() != null && (last || trained % parts.evaluateEvery() == 0)) {
            long step = trainer.stepCount();
            parts.evaluator().tell(new Evaluator.Evaluate(trained, step,
                    WeightSnapshot.of(trainer.student(), step, manager)));
        }
        if (last) {
            stop();
        } else {
            beginEpoch(trained, 0, null);
        }
    }

    /** Stops training; replies once the evaluations sent so far are recorded. */
    private void stop() {
        running = false;
        if (parts.evaluator() == null) {
            reply();
        } else {
            parts.evaluator().tell(new Evaluator.Drain(getContext().messageAdapter(Evaluator.Drained.class,
                    EvaluationsDone::new)));
        }
    }

    private Behavior<Command> onEvaluationsDone(EvaluationsDone message) {
        reply();
        return this;
    }

    private void reply() {
        start.replyTo().tell(StatusReply.success(new RunResult(List.copyOf(summaries), lags,
                List.copyOf(nonFiniteStreak.size() >= parts.maxConsecutiveSkips() ? nonFiniteStreak : List.of()))));
    }
}
