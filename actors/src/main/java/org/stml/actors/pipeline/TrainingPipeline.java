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
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.PseudoLabeller;
import org.stml.model.train.StmlTrainer;

/**
 * Runs STML as actors in one JVM: spawns the loader, teacher inference, the EMA broadcaster and the student trainer
 * (the tensor actors each on a thread of their own, so libtorch's per-thread gradient mode stays consistent), starts
 * the run and waits for its result.
 */
public final class TrainingPipeline {

    /** Dispatcher that gives each tensor actor its own thread. */
    static final String TENSOR_DISPATCHER = "stml-tensor-dispatcher";

    private TrainingPipeline() {}

    /**
     * What a pipeline run trains, and how.
     *
     * @param networks the student and teacher
     * @param trainer the student side (built on {@code networks})
     * @param similarity the contextualized similarity (the teacher side)
     * @param momentum the EMA schedule (the same as the trainer's)
     * @param dataset the training set
     * @param loader the decoding pool
     * @param transform the training-view transform
     * @param rebuilder the neighbour-table rebuilder
     * @param batchSize B
     * @param seed the run seed
     * @param maxTeacherLag max-teacher-lag in teacher versions; 0 is the reference algorithm
     * @param onEpoch called by the student at the end of every epoch, on its thread, before the next epoch starts
     *     (the weights are stable then: evaluate or checkpoint here)
     */
    public record Setup(StmlNetworks networks, StmlTrainer trainer, ContextualSimilarity similarity,
            MomentumSchedule momentum, ImageDataset dataset, ParallelImageLoader loader, ViewTransform transform,
            NeighbourTableBuilder rebuilder, int batchSize, long seed, long maxTeacherLag,
            EpochObserver onEpoch) {}

    /**
     * Runs the given number of epochs and returns when the student has finished.
     *
     * @param setup what to train
     * @param epochs the epochs to run
     * @param manager the networks' manager
     * @param timeout the longest the run may take
     * @return the result
     * @throws IllegalStateException if the run fails or times out
     * @throws IllegalArgumentException if {@code maxTeacherLag > 0}: the teacher is shared by reference, which is
     *     race-free only under lag 0; larger lags need per-version teacher copies (not built yet)
     */
    public static RunResult run(Setup setup, int epochs, NDManager manager, Duration timeout) {
        return run(setup, 0, epochs, manager, timeout);
    }

    /**
     * Runs epochs {@code firstEpoch .. epochs − 1} and returns when the student has finished; a run restored from a
     * checkpoint taken at the end of epoch e − 1 continues with {@code firstEpoch = e}.
     *
     * @param setup what to train; a restored trainer carries its step counters
     * @param firstEpoch the first epoch to run
     * @param epochs the run's total number of epochs
     * @param manager the networks' manager
     * @param timeout the longest the run may take
     * @return the result
     * @throws IllegalStateException if the run fails or times out
     * @throws IllegalArgumentException if {@code maxTeacherLag > 0} (see {@link #run(Setup, int, NDManager,
     *     Duration)})
     */
    public static RunResult run(Setup setup, int firstEpoch, int epochs, NDManager manager, Duration timeout) {
        if (setup.maxTeacherLag() != 0) {
            throw new IllegalArgumentException("stml.pipeline.max-teacher-lag = " + setup.maxTeacherLag()
                    + " is not supported yet: only 0 (the reference algorithm) runs with a shared teacher");
        }
        ActorSystem<Run> system = ActorSystem.create(guardian(setup, manager), "stml", config());
        try {
            return AskPattern.<Run, RunResult>askWithStatus(system, replyTo -> new Run(firstEpoch, epochs, replyTo),
                            timeout,
                            system.scheduler())
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

    private static void awaitTermination(ActorSystem<?> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the actor system did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The guardian's only message: run the given number of epochs. */
    record Run(int firstEpoch, int epochs, ActorRef<StatusReply<RunResult>> replyTo) {}

    private static Behavior<Run> guardian(Setup setup, NDManager manager) {
        return Behaviors.setup(context -> {
            DispatcherSelector tensors = DispatcherSelector.fromConfig(TENSOR_DISPATCHER);
            ActorRef<BatchLoader.Command> loader = context.spawn(BatchLoader.create(setup.dataset(), setup.loader(),
                    setup.transform(), setup.batchSize(), setup.seed()), "loader");
            PseudoLabeller labeller = new PseudoLabeller(setup.networks().teacher(), setup.similarity(),
                    new ParameterStore(manager, false));
            ActorRef<TeacherInference.Command> teacher = context.spawn(
                    TeacherInference.create(labeller, loader, manager, setup.maxTeacherLag()), "teacher", tensors);
            EmaUpdater ema = EmaUpdater.builder().setTeacher(setup.networks().teacher())
                    .setStudent(setup.networks().student()).optSchedule(setup.momentum()).build();
            long version = setup.trainer().stepCount() - setup.trainer().skippedSteps();
            ActorRef<EmaBroadcaster.Command> broadcaster = context.spawn(EmaBroadcaster.create(ema, version), "ema",
                    tensors);
            broadcaster.tell(new EmaBroadcaster.Subscribe(teacher));
            StudentTrainer.Parts parts = new StudentTrainer.Parts(loader, teacher, broadcaster, setup.batchSize(),
                    setup.seed(), setup.onEpoch());
            ActorRef<StudentTrainer.Command> student = context.spawn(StudentTrainer.create(setup.trainer(),
                    setup.rebuilder(), setup.dataset(), parts, manager), "student", tensors);
            context.watch(loader);
            context.watch(teacher);
            context.watch(broadcaster);
            context.watch(student);
            return awaitingRun(student);
        });
    }

    private static Behavior<Run> awaitingRun(ActorRef<StudentTrainer.Command> student) {
        return Behaviors.receive(Run.class)
                .onMessage(Run.class, run -> {
                    student.tell(new StudentTrainer.Start(run.firstEpoch(), run.epochs(), run.replyTo()));
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
