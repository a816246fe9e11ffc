package org.stml.actors.pipeline;

import ai.djl.ndarray.NDManager;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.stml.actors.node.StmlNode;
import org.stml.model.checkpoint.ResumePoint;

/**
 * Runs STML as actors on a node: spawns a {@link RunSupervisor} (the loader, the teacher-inference instances, the
 * EMA broadcaster, the evaluator and the student under it), starts the run and waits for its result and for every
 * actor of the run to stop. Replicas (the teachers', the evaluator's, the broadcaster's student replica on the
 * message path) live in a manager closed when the run returns. A node runs any number of runs one after another (a
 * roll-back is a new run on the same node).
 */
public final class TrainingPipeline {

    private TrainingPipeline() {}

    /**
     * Runs epochs from the start point to {@code epochs − 1} and returns when the student has finished or has stopped
     * on a streak of non-finite steps.
     *
     * @param node the node whose actor system runs the actors
     * @param setup what to train; a restored trainer carries its step counters
     * @param from epoch 0 step 0 for a new run, or the position of a restored checkpoint
     * @param epochs the run's total number of epochs
     * @param manager the networks' manager
     * @param timeout the longest the run may take
     * @return the result
     * @throws IllegalStateException if an actor fails or the run times out
     */
    public static RunResult run(StmlNode node, PipelineSetup setup, ResumePoint from, int epochs, NDManager manager,
            Duration timeout) {
        try (NDManager replicas = manager.newSubManager()) {
            StmlNode.Subtree<RunSupervisor.Command> run = node.spawn(RunSupervisor.create(setup, manager, replicas),
                    "run");
            RunSupervisor.Outcome outcome;
            try {
                outcome = StmlNode.await(AskPattern.<RunSupervisor.Command, RunSupervisor.Outcome>ask(run.root(),
                        replyTo -> new RunSupervisor.Run(from, epochs, replyTo), timeout,
                        node.system().scheduler()).toCompletableFuture(), timeout, "the training pipeline");
            } finally {
                node.stop(run);
            }
            if (outcome.failure() != null) {
                throw new IllegalStateException("the training pipeline did not finish: " + outcome.failure());
            }
            return outcome.result();
        }
    }

    /**
     * Runs a new run's epochs {@code 0 .. epochs − 1}.
     *
     * @param node the node whose actor system runs the actors
     * @param setup what to train
     * @param epochs the epochs to run
     * @param manager the networks' manager
     * @param timeout the longest the run may take
     * @return the result
     * @throws IllegalStateException if an actor fails or the run times out
     */
    public static RunResult run(StmlNode node, PipelineSetup setup, int epochs, NDManager manager, Duration timeout) {
        return run(node, setup, new ResumePoint(0, 0, setup.seed(), null), epochs, manager, timeout);
    }
}
