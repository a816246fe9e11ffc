package org.stml.actors.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.stml.model.checkpoint.ResumePoint;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.train.PseudoLabeller;

/**
 * The root of one run's actors in a node: spawns the loader, the teacher-inference instances, the EMA broadcaster,
 * the evaluator (when the setup evaluates) and the student trainer as its children (the tensor actors each on a
 * thread of its own), starts the student, and answers with the run's outcome. It stops, and with it every actor of
 * the run, once the student has finished or as soon as any of them fails.
 */
final class RunSupervisor extends AbstractBehavior<RunSupervisor.Command> {

    /** Dispatcher that gives each tensor actor its own thread (actors' reference.conf). */
    static final String TENSOR_DISPATCHER = "stml-tensor-dispatcher";

    /** Messages the supervisor understands. */
    sealed interface Command permits Run, StudentFinished {}

    /**
     * Runs up to the given number of epochs (sent once, from the JVM that built the setup).
     *
     * @param from where to start
     * @param epochs the run's total number of epochs
     * @param replyTo who receives the outcome
     */
    record Run(ResumePoint from, int epochs, ActorRef<Outcome> replyTo)
            implements Command, NoSerializationVerificationNeeded {}

    /**
     * How a run ended: its result, or why it failed.
     *
     * @param result the result, or null when it failed
     * @param failure what failed, or null when it finished or stopped on a non-finite streak
     */
    record Outcome(RunResult result, String failure) implements NoSerializationVerificationNeeded {}

    /**
     * The student's report (internal).
     *
     * @param finished the report
     */
    record StudentFinished(StudentTrainer.Finished finished) implements Command {}

    private final ActorRef<StudentTrainer.Command> student;
    private ActorRef<Outcome> replyTo;
    private String failure;

    private RunSupervisor(ActorContext<Command> context, PipelineSetup setup, NDManager manager, NDManager replicas) {
        super(context);
        DispatcherSelector tensors = DispatcherSelector.fromConfig(TENSOR_DISPATCHER);
        ActorRef<BatchLoader.Command> loader = watch(context.spawn(BatchLoader.create(setup.dataset(),
                setup.loader(), setup.transform(), setup.batchSize(), setup.seed(), setup.views()), "loader"));
        ActorRef<EmaBroadcaster.Command> broadcaster = watch(context.spawn(broadcaster(setup, replicas), "ema",
                tensors));
        boolean replicaTeachers = setup.maxTeacherLag() > 0 || !setup.sharedMemory();
        for (int instance = 0; instance < setup.teacherInstances(); instance++) {
            ActorRef<TeacherInference.Command> teacher = watch(context.spawn(teacherInference(setup, loader, manager,
                    replicas, replicaTeachers), "teacher-" + instance, tensors));
            broadcaster.tell(new EmaBroadcaster.Subscribe(teacher, replicaTeachers));
        }
        ActorRef<Evaluator.Command> evaluator = setup.evaluation() == null ? null
                : watch(context.spawn(Evaluator.create(setup.networks().newStudentReplica(replicas),
                        setup.evaluation()), "evaluator", tensors));
        StudentTrainer.Parts parts = new StudentTrainer.Parts(loader, broadcaster, !setup.sharedMemory(), evaluator,
                setup.evaluateEvery(), setup.teacherInstances(),
                teacher -> teacher.path().parent().equals(context.getSelf().path()), setup.batchSize(), setup.seed(),
                setup.maxTeacherLag(), setup.batchWindow(), setup.rebuildEvery(), setup.maxConsecutiveSkips(),
                setup.quarantine(), setup.observer());
        this.student = watch(context.spawn(StudentTrainer.create(setup.trainer(), setup.rebuilder(), setup.dataset(),
                parts, manager), "student", tensors));
    }

    /**
     * Creates the supervisor of one run.
     *
     * @param setup what to train
     * @param manager the networks' manager
     * @param replicas the manager of the run's replicas, closed by the caller once the run has stopped
     * @return the behaviour
     */
    static Behavior<Command> create(PipelineSetup setup, NDManager manager, NDManager replicas) {
        return Behaviors.setup(context -> new RunSupervisor(context, setup, manager, replicas));
    }

    private <T> ActorRef<T> watch(ActorRef<T> child) {
        getContext().watch(child);
        return child;
    }

    /** Shared memory: the broadcaster reads the student; the message path: it keeps a student replica. */
    private static Behavior<EmaBroadcaster.Command> broadcaster(PipelineSetup setup, NDManager replicas) {
        long version = setup.trainer().stepCount() - setup.trainer().skippedSteps();
        if (setup.sharedMemory()) {
            return EmaBroadcaster.sharingStudent(ema(setup, setup.networks().student()), setup.networks().teacher(),
                    version);
        }
        EmbeddingNetwork studentReplica = setup.networks().newStudentReplica(replicas);
        return EmaBroadcaster.fromMessages(ema(setup, studentReplica), setup.networks().teacher(), studentReplica,
                version);
    }

    private static EmaUpdater ema(PipelineSetup setup, EmbeddingNetwork student) {
        return EmaUpdater.builder().setTeacher(setup.networks().teacher()).setStudent(student)
                .optSchedule(setup.momentum()).build();
    }

    /** Lag 0 in shared memory labels with the master teacher; otherwise each instance has a replica of its own. */
    private static Behavior<TeacherInference.Command> teacherInference(PipelineSetup setup,
            ActorRef<BatchLoader.Command> loader, NDManager manager, NDManager replicas, boolean replica) {
        if (!replica) {
            PseudoLabeller labeller = new PseudoLabeller(setup.networks().teacher(), setup.similarity(),
                    new ParameterStore(manager, false));
            return TeacherInference.shared(labeller, loader, manager);
        }
        EmbeddingNetwork network = setup.networks().newTeacherReplica(replicas);
        PseudoLabeller labeller = new PseudoLabeller(network, setup.similarity(), new ParameterStore(replicas, false));
        return TeacherInference.replica(labeller, network, loader, manager, setup.maxTeacherLag());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Run.class, this::onRun)
                .onMessage(StudentFinished.class, this::onStudentFinished)
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private Behavior<Command> onRun(Run message) {
        replyTo = message.replyTo();
        if (failure != null) {
            return fail();
        }
        ResumePoint from = message.from();
        boolean inside = from.stepInEpoch() > 0;
        student.tell(new StudentTrainer.Start(from.epoch(), from.stepInEpoch(),
                inside ? from.table().neighbours() : 0, inside ? from.table().toArray() : null, message.epochs(),
                getContext().messageAdapter(StudentTrainer.Finished.class, StudentFinished::new)));
        return this;
    }

    private Behavior<Command> onStudentFinished(StudentFinished message) {
        replyTo.tell(new Outcome(RunResult.of(message.finished()), null));
        return Behaviors.stopped();
    }

    /** A stopped actor (it failed: see the log) fails the run at once. */
    private Behavior<Command> onTerminated(Terminated signal) {
        failure = "the " + signal.getRef().path().name() + " actor stopped after a failure (see the log above)";
        return replyTo == null ? this : fail();
    }

    private Behavior<Command> fail() {
        replyTo.tell(new Outcome(null, failure));
        return Behaviors.stopped();
    }
}
