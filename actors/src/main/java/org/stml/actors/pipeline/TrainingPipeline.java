package org.stml.actors.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.stml.model.checkpoint.ResumePoint;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.train.PseudoLabeller;

/**
 * Runs STML as actors in one JVM: spawns the loader, the teacher-inference instances, the EMA broadcaster, the
 * evaluator (when the setup evaluates) and the student trainer (the tensor actors each on a thread of their own, so libtorch's per-thread gradient mode stays
 * consistent), starts the run and waits for its result. Replicas (the teachers' under a positive lag, the evaluator's)
 * live in a manager closed when the run returns.
 */
public final class TrainingPipeline {

    /** Dispatcher that gives each tensor actor its own thread. */
    static final String TENSOR_DISPATCHER = "stml-tensor-dispatcher";

    private TrainingPipeline() {}

    /**
     * Runs epochs from the start point to {@code epochs − 1} and returns when the student has finished or has stopped
     * on a streak of non-finite steps.
     *
     * @param setup what to train; a restored trainer carries its step counters
     * @param from epoch 0 step 0 for a new run, or the position of a restored checkpoint
     * @param epochs the run's total number of epochs
     * @param manager the networks' manager
     * @param timeout the longest the run may take
     * @return the result
     * @throws IllegalStateException if an actor fails or the run times out
     */
    public static RunResult run(PipelineSetup setup, ResumePoint from, int epochs, NDManager manager,
            Duration timeout) {
        try (NDManager replicas = manager.newSubManager()) {
            ActorSystem<Run> system = ActorSystem.create(guardian(setup, manager, replicas), "stml", config());
            try {
                return AskPattern.<Run, RunResult>askWithStatus(system, replyTo -> new Run(from, epochs, replyTo),
                                timeout, system.scheduler())
                        .toCompletableFuture()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the training pipeline did not finish: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the training pipeline", e);
            } finally {
                system.terminate();
                awaitTermination(system);
            }
        }
    }

    /**
     * Runs a new run's epochs {@code 0 .. epochs − 1}.
     *
     * @param setup what to train
     * @param epochs the epochs to run
     * @param manager the networks' manager
     * @param timeout the longest the run may take
     * @return the result
     * @throws IllegalStateException if an actor fails or the run times out
     */
    public static RunResult run(PipelineSetup setup, int epochs, NDManager manager, Duration timeout) {
        return run(setup, new ResumePoint(0, 0, setup.seed(), null), epochs, manager, timeout);
    }

    private static void awaitTermination(ActorSystem<?> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the actor system did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The guardian's only message: run up to the given number of epochs. */
    record Run(ResumePoint from, int epochs, ActorRef<StatusReply<RunResult>> replyTo) {}

    private static Behavior<Run> guardian(PipelineSetup setup, NDManager manager, NDManager replicas) {
        return Behaviors.setup(context -> {
            DispatcherSelector tensors = DispatcherSelector.fromConfig(TENSOR_DISPATCHER);
            ActorRef<BatchLoader.Command> loader = context.spawn(BatchLoader.create(setup.dataset(), setup.loader(),
                    setup.transform(), setup.batchSize(), setup.seed(), setup.views()), "loader");
            EmaUpdater ema = EmaUpdater.builder().setTeacher(setup.networks().teacher())
                    .setStudent(setup.networks().student()).optSchedule(setup.momentum()).build();
            long version = setup.trainer().stepCount() - setup.trainer().skippedSteps();
            ActorRef<EmaBroadcaster.Command> broadcaster = context.spawn(EmaBroadcaster.create(ema,
                    setup.networks().teacher(), replicas, version), "ema", tensors);
            context.watch(loader);
            context.watch(broadcaster);
            for (int instance = 0; instance < setup.teacherInstances(); instance++) {
                ActorRef<TeacherInference.Command> teacher = context.spawn(teacherInference(setup, loader, manager,
                        replicas), "teacher-" + instance, tensors);
                broadcaster.tell(new EmaBroadcaster.Subscribe(teacher, setup.maxTeacherLag() > 0));
                context.watch(teacher);
            }
            ActorRef<Evaluator.Command> evaluator = null;
            if (setup.evaluation() != null) {
                evaluator = context.spawn(Evaluator.create(setup.networks().newStudentReplica(replicas),
                        setup.evaluation()), "evaluator", tensors);
                context.watch(evaluator);
            }
            StudentTrainer.Parts parts = new StudentTrainer.Parts(loader, broadcaster, evaluator,
                    setup.evaluateEvery(), setup.teacherInstances(), setup.batchSize(), setup.seed(),
                    setup.maxTeacherLag(), setup.batchWindow(), setup.rebuildEvery(), setup.maxConsecutiveSkips(),
                    setup.quarantine(), setup.observer());
            ActorRef<StudentTrainer.Command> student = context.spawn(StudentTrainer.create(setup.trainer(),
                    setup.rebuilder(), setup.dataset(), parts, manager), "student", tensors);
            context.watch(student);
            return awaitingRun(student);
        });
    }

    /** Lag 0 shares the master teacher; a positive lag gives each instance a replica of its own. */
    private static Behavior<TeacherInference.Command> teacherInference(PipelineSetup setup,
            ActorRef<BatchLoader.Command> loader, NDManager manager, NDManager replicas) {
        if (setup.maxTeacherLag() == 0) {
            PseudoLabeller labeller = new PseudoLabeller(setup.networks().teacher(), setup.similarity(),
                    new ParameterStore(manager, false));
            return TeacherInference.shared(labeller, loader, manager);
        }
        EmbeddingNetwork replica = setup.networks().newTeacherReplica(replicas);
        PseudoLabeller labeller = new PseudoLabeller(replica, setup.similarity(), new ParameterStore(replicas, false));
        return TeacherInference.replica(labeller, replica, loader, manager, setup.maxTeacherLag());
    }

    private static Behavior<Run> awaitingRun(ActorRef<StudentTrainer.Command> student) {
        return Behaviors.receive(Run.class)
                .onMessage(Run.class, run -> {
                    student.tell(new StudentTrainer.Start(run.from(), run.epochs(), run.replyTo()));
                    return running(run.replyTo());
                })
                .build();
    }

    /** While a run is going on, a stopped actor (it failed: see the log) fails the run at once. */
    private static Behavior<Run> running(ActorRef<StatusReply<RunResult>> replyTo) {
        return Behaviors.receive(Run.class)
                .onSignal(Terminated.class, signal -> {
                    replyTo.tell(StatusReply.error("the " + signal.getRef().path().name()
                            + " actor stopped after a failure (see the log above)"));
                    return Behaviors.stopped();
                })
                .build();
    }

    private static Config config() {
        return ConfigFactory.parseString(TENSOR_DISPATCHER + " { type = PinnedDispatcher\n"
                        + " executor = thread-pool-executor }\n"
                        + "pekko.loglevel = WARNING\npekko.log-dead-letters-during-shutdown = off")
                .withFallback(ConfigFactory.load());
    }
}
