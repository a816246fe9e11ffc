package org.stml.actors.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.stml.actors.transport.WireMessage;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.tensor.HostWeights;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.RepresentationSignals;
import org.stml.model.train.StepResult;
import org.stml.model.train.StmlTrainer;
import org.stml.model.train.StudentPass;

/**
 * The student trainer, which drives the run: at the start of each epoch (and every {@code rebuildEvery} steps) it
 * rebuilds the neighbour table from its g head and sends it to the loader; for each step it takes the labelled
 * batch, runs forward, loss and backward, asks the EMA broadcaster to fold its weights into the teacher, and applies
 * AdamP only once the broadcaster has answered (the paper's order).
 *
 * <p>The parts it steers are small classes of their own: {@link LabelWindow} (which batches are requested ahead,
 * by the lag), {@link TeacherRoster} (the teacher instances, in turn), {@link RebuildSchedule},
 * {@link NonFiniteGuard} (streaks and quarantine), {@link StepTimer} and {@link EpochProgress}. The lag each batch
 * actually had is measured here, as the applied steps not yet folded into the teacher that labelled it.
 *
 * <p>A step whose loss is not finite is skipped and counted; after {@code maxConsecutiveSkips} in a row the run stops
 * and reports the streak, so that the caller can roll back to a checkpoint and quarantine those batches. Registers
 * under {@link #SERVICE_KEY}.
 */
public final class StudentTrainer extends AbstractBehavior<StudentTrainer.Command> {

    /** The key the student registers under with the receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "stml-student");

    /** Messages the student trainer understands. */
    public sealed interface Command permits Start, Labelled, FoldedIn, TeachersListed, EvaluationsDone {}

    /**
     * Starts the run; it begins once the configured number of teacher-inference instances is listed.
     *
     * @param epoch the epoch to start in
     * @param stepInEpoch the step to start at: 0, or the position of a checkpoint taken inside the epoch
     * @param tableNeighbours K of {@code table}
     * @param table the neighbour table that served step {@code stepInEpoch − 1} (n × K, row-major), required when
     *     starting inside an epoch and null otherwise
     * @param epochs the epoch to stop before (the run's total number of epochs)
     * @param replyTo who is told when the run has finished or stopped
     */
    public record Start(int epoch, int stepInEpoch, int tableNeighbours, int[] table, int epochs,
            ActorRef<Finished> replyTo) implements Command, WireMessage {}

    /**
     * The end of a run.
     *
     * @param epochs what each epoch trained
     * @param lagCounts how many batches had each teacher lag (index = lag)
     * @param nonFiniteStreak the global steps of the non-finite streak that stopped the run, empty when it finished
     */
    public record Finished(EpochSummary[] epochs, long[] lagCounts, long[] nonFiniteStreak) implements WireMessage {}

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
     * @param sendWeights whether each fold request carries the student's weights (the message path) instead of the
     *     broadcaster reading the student network in this JVM
     * @param evaluator the evaluator, or null when nothing is evaluated during the run
     * @param evaluateEvery send a snapshot to the evaluator after every this many epochs and after the last
     * @param teacherInstances the teacher-inference instances to wait for before starting
     * @param ofThisRun which of the teacher-inference instances the receptionist lists belong to this run
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
            boolean sendWeights, ActorRef<Evaluator.Command> evaluator, int evaluateEvery, int teacherInstances,
            Predicate<ActorRef<?>> ofThisRun, int batchSize, long seed, long maxTeacherLag, int batchWindow,
            int rebuildEvery, int maxConsecutiveSkips, Set<Long> quarantine, TrainingObserver observer) {}

    private final StmlTrainer trainer;
    private final NeighbourTableBuilder rebuilder;
    private final ImageDataset dataset;
    private final Parts parts;
    private final NDManager manager;
    private final ActorRef<TeacherInference.LabelledBatch> labelledAdapter;
    private final ActorRef<EmaBroadcaster.Folded> foldedAdapter;
    private final List<EpochSummary> summaries = new ArrayList<>();
    private final EpochProgress progress = new EpochProgress();
    private final LabelWindow window;
    private final TeacherRoster roster;
    private final RebuildSchedule rebuilds;
    private final NonFiniteGuard guard;
    private final StepTimer timer = new StepTimer();
    private final TeacherLags lags = new TeacherLags();
    private Start start;
    private boolean running;
    private long appliedSteps;
    private StepInFlight step;
    private NeighbourTable table;

    private StudentTrainer(ActorContext<Command> context, StmlTrainer trainer, NeighbourTableBuilder rebuilder,
            ImageDataset dataset, Parts parts, NDManager manager) {
        super(context);
        this.trainer = trainer;
        this.rebuilder = rebuilder;
        this.dataset = dataset;
        this.parts = parts;
        this.manager = manager;
        this.window = new LabelWindow(parts.maxTeacherLag(), parts.batchWindow());
        this.roster = new TeacherRoster(parts.ofThisRun(), parts.teacherInstances());
        this.rebuilds = new RebuildSchedule(parts.rebuildEvery());
        this.guard = new NonFiniteGuard(parts.maxConsecutiveSkips(), parts.quarantine());
        this.labelledAdapter = context.messageAdapter(TeacherInference.LabelledBatch.class, Labelled::new);
        this.foldedAdapter = context.messageAdapter(EmaBroadcaster.Folded.class, FoldedIn::new);
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                TeachersListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(TeacherInference.SERVICE_KEY, listings));
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
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
            roster.listed(message.listing());
            beginWhenReady();
        }
        return this;
    }

    private void beginWhenReady() {
        if (running || start == null || !roster.complete()) {
            return;
        }
        running = true;
        appliedSteps = trainer.stepCount() - trainer.skippedSteps();
        NeighbourTable resumed = start.stepInEpoch() > 0
                ? NeighbourTable.of(start.tableNeighbours(), start.table()) : null;
        beginEpoch(start.epoch(), start.stepInEpoch(), resumed);
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
        } else {
            useTable(resumedTable);
        }
        rebuilds.startAt(firstStep);
        int steps = NeighbourBatchSampler.stepsPerEpoch(table.size(), parts.batchSize());
        progress.begin(epoch, steps, firstStep, rebuildSeconds);
        timer.ready();
        window.startAt(firstStep);
        if (progress.finished()) {
            endEpoch();
        } else {
            requestAhead();
        }
    }

    private double rebuildTable() {
        NeighbourTableBuilder.Rebuild rebuild = rebuilder.rebuild(trainer.student(), new ParameterStore(manager, false),
                dataset, manager);
        useTable(rebuild.table());
        return rebuild.seconds();
    }

    private void useTable(NeighbourTable next) {
        table = next;
        parts.loader().tell(BatchLoader.UseTable.of(next));
    }

    /** Requests every batch the lag allows to be labelled now and that is not requested yet. */
    private void requestAhead() {
        int current = progress.step();
        boolean folding = step != null && step.pass() != null;
        int last = window.lastRequestable(current, folding, progress.steps(), rebuilds.blockEnd());
        for (int next = window.nextToRequest(); next <= last; next++) {
            long exactVersion = appliedSteps + (next - current);
            roster.forStep(next).tell(new TeacherInference.Label(progress.epoch(), next, exactVersion,
                    labelledAdapter));
            window.requested(next);
        }
    }

    private Behavior<Command> onLabelled(Labelled message) {
        if (running) {
            window.arrived(message.batch());
            advance();
        }
        return this;
    }

    private Behavior<Command> onFoldedIn(FoldedIn message) {
        if (!running) {
            return this;
        }
        long emaNanos = timer.foldNanos();
        long begin = System.nanoTime();
        trainer.applyUpdate();
        long optimizerNanos = System.nanoTime() - begin;
        appliedSteps++;
        step = step.folded(message.folded().distance());
        finishStep(step.pass().result(message.folded().momentum(), true, step.batch().labelNanos(), emaNanos,
                optimizerNanos));
        advance();
        return this;
    }

    /**
     * Runs every step whose batch is ready, in order, until one waits for its fold or its batch; rebuilds the table
     * first when the next step starts a new block of {@code rebuildEvery} steps.
     */
    private void advance() {
        while (running && step == null && !progress.finished()) {
            if (rebuilds.dueAt(progress.step())) {
                progress.addRebuild(rebuildTable());
                rebuilds.rebuiltAt(progress.step());
                requestAhead();
            }
            TeacherInference.LabelledBatch batch = window.take(progress.step());
            if (batch == null) {
                return;
            }
            consume(batch);
        }
    }

    private void consume(TeacherInference.LabelledBatch labelled) {
        timer.batchTaken();
        long lag = appliedSteps - labelled.teacherVersion();
        lags.record(lag);
        step = new StepInFlight(labelled, lag, null, Double.NaN);
        if (guard.quarantined(trainer.stepCount())) {
            finishStep(trainer.skipBatch());
            return;
        }
        StudentPass pass = forwardBackward(labelled);
        step = step.withPass(pass);
        if (!pass.finite()) {
            finishStep(trainer.skip(pass, labelled.labelNanos()));
            return;
        }
        timer.foldSent();
        HostWeights weights = parts.sendWeights() ? HostWeights.of(trainer.student(), pass.step()) : null;
        parts.broadcaster().tell(new EmaBroadcaster.FoldIn(pass.step(), weights, foldedAdapter));
        requestAhead();
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
        guard.record(result);
        StepEnd end = new StepEnd(progress.epoch(), progress.step(), progress.steps(), result, step.lag(),
                step.images(), progress.seconds(), table, guard.streakLength(), telemetry(result));
        step = null;
        timer.ready();
        progress.record(result, end.images());
        parts.observer().stepEnded(end);
        if (guard.tripped()) {
            stop();
        } else if (progress.finished()) {
            endEpoch();
        } else {
            requestAhead();
        }
    }

    private StepTelemetry telemetry(StepResult result) {
        TeacherInference.LabelledBatch batch = step.batch();
        StudentPass pass = step.pass();
        boolean ran = pass != null;
        return new StepTelemetry(timer.waitSeconds(), batch.loadNanos() / 1e9, batch.teacherVersion(),
                step.distance(), ran ? pass.embeddingSpread() : Double.NaN, ran ? pass.gradientNorm() : Double.NaN,
                RepresentationSignals.pseudoLabelEntropy(batch.target(), batch.batch().rows()),
                window.ahead(progress.step()), guard.quarantined(result.step()) && !ran);
    }

    private void endEpoch() {
        EpochSummary summary = progress.summary();
        summaries.add(summary);
        parts.observer().epochEnded(summary, table);
        int trained = progress.epoch() + 1;
        boolean last = trained >= start.epochs();
        if (parts.evaluator() != null && (last || trained % parts.evaluateEvery() == 0)) {
            long at = trainer.stepCount();
            parts.evaluator().tell(new Evaluator.Evaluate(trained, at, HostWeights.of(trainer.student(), at)));
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
        start.replyTo().tell(new Finished(summaries.toArray(EpochSummary[]::new), lags.counts(),
                guard.stoppingStreak()));
    }

    /**
     * The step being trained: its labelled batch, the lag it had, the student's pass once it has run (null before,
     * and for a quarantined batch) and the teacher–student distance the fold reported.
     */
    private record StepInFlight(TeacherInference.LabelledBatch batch, long lag, StudentPass pass, double distance) {

        StepInFlight withPass(StudentPass next) {
            return new StepInFlight(batch, lag, next, distance);
        }

        StepInFlight folded(double foldDistance) {
            return new StepInFlight(batch, lag, pass, foldDistance);
        }

        int images() {
            return batch.batch().images();
        }
    }
}
