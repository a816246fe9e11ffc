package org.stml.actors.pipeline;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.stml.actors.transport.WireMessage;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.tensor.HostWeights;

/**
 * The evaluator: owns a replica of the student, and for each snapshot it is sent copies the weights into the replica
 * and evaluates it, on its own thread, so that training does not stop for evaluation. Snapshots are evaluated in the
 * order they were sent. Registers under {@link #SERVICE_KEY}.
 */
public final class Evaluator extends AbstractBehavior<Evaluator.Command> {

    /** The key the evaluator registers under with the receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "stml-evaluator");

    /** Messages the evaluator understands. */
    public sealed interface Command permits Evaluate, Drain {}

    /**
     * Evaluates a snapshot of the student.
     *
     * @param epochsTrained the epochs the student had finished
     * @param step the trainer's step count at the snapshot
     * @param student the student's weights at that step
     */
    public record Evaluate(int epochsTrained, long step, HostWeights student) implements Command, WireMessage {}

    /**
     * Asks to be told once every evaluation sent before has been recorded.
     *
     * @param replyTo who is told
     */
    public record Drain(ActorRef<Drained> replyTo) implements Command, WireMessage {}

    /** The answer to {@link Drain}. */
    public record Drained() implements WireMessage {}

    private final EmbeddingNetwork replica;
    private final SnapshotEvaluation evaluation;

    private Evaluator(ActorContext<Command> context, EmbeddingNetwork replica, SnapshotEvaluation evaluation) {
        super(context);
        this.replica = replica;
        this.evaluation = evaluation;
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
    }

    /**
     * Creates the evaluator behaviour.
     *
     * @param replica a network shaped like the student, overwritten by each snapshot
     * @param evaluation what to do with the replica once it holds a snapshot
     * @return the behaviour
     */
    public static Behavior<Command> create(EmbeddingNetwork replica, SnapshotEvaluation evaluation) {
        return Behaviors.setup(context -> new Evaluator(context, replica, evaluation));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Evaluate.class, this::onEvaluate)
                .onMessage(Drain.class, this::onDrain)
                .build();
    }

    private Behavior<Command> onEvaluate(Evaluate message) {
        message.student().copyInto(replica);
        evaluation.evaluate(replica, message.epochsTrained(), message.step());
        return this;
    }

    private Behavior<Command> onDrain(Drain message) {
        message.replyTo().tell(new Drained());
        return this;
    }
}
