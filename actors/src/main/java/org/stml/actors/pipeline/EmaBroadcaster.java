package org.stml.actors.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.nn.WeightSnapshot;

/**
 * The EMA broadcaster: owns the master teacher weights, folds the student into them once per student step and
 * publishes the new teacher version (the number of EMA updates folded in) to every teacher-inference actor. A
 * subscriber that shares the master by reference (lag 0) is told the version number only, which costs nothing; a
 * subscriber running a replica (positive lag) is sent a {@link WeightSnapshot} of the master, one copy each.
 */
public final class EmaBroadcaster extends AbstractBehavior<EmaBroadcaster.Command> {

    /** Messages the broadcaster understands. */
    public sealed interface Command permits Subscribe, FoldIn {}

    /**
     * Registers a teacher-inference actor for version announcements; it is told the current version at once.
     *
     * @param subscriber the teacher-inference actor
     * @param replica true when it runs a replica and needs each version's weights, false when it shares the master
     */
    public record Subscribe(ActorRef<TeacherInference.Command> subscriber, boolean replica) implements Command {}

    /**
     * Folds the student's current weights into the teacher. The student must not change its weights until it is
     * answered.
     *
     * @param step the student step whose weights are folded in
     * @param replyTo who is told when the teacher has absorbed them
     */
    public record FoldIn(long step, ActorRef<Folded> replyTo) implements Command {}

    /**
     * The answer to {@link FoldIn}.
     *
     * @param version the teacher version now published
     * @param momentum the EMA momentum used
     * @param distance the teacher–student distance of trainable weights after the fold, measured every
     *     {@link #DISTANCE_EVERY} versions and NaN in between
     */
    public record Folded(long version, double momentum, double distance) {}

    /** The teacher–student distance (a full pass over the weights) is measured every this many versions. */
    public static final int DISTANCE_EVERY = 10;

    private final EmaUpdater ema;
    private final Block teacher;
    private final NDManager manager;
    private final List<Subscribe> subscribers = new ArrayList<>();
    private long version;

    private EmaBroadcaster(ActorContext<Command> context, EmaUpdater ema, Block teacher, NDManager manager,
            long version) {
        super(context);
        this.ema = ema;
        this.teacher = teacher;
        this.manager = manager;
        this.version = version;
    }

    /**
     * Creates the broadcaster behaviour.
     *
     * @param ema the EMA over the master teacher and the student, paired by name
     * @param teacher the master teacher the EMA updates, copied for replica subscribers
     * @param manager the parent of the snapshots' managers
     * @param version the teacher's current version: 0 for a new run, the applied steps of a restored one
     * @return the behaviour
     */
    public static Behavior<Command> create(EmaUpdater ema, Block teacher, NDManager manager, long version) {
        return Behaviors.setup(context -> new EmaBroadcaster(context, ema, teacher, manager, version));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(FoldIn.class, this::onFoldIn)
                .build();
    }

    private Behavior<Command> onSubscribe(Subscribe message) {
        subscribers.add(message);
        publishTo(message);
        return this;
    }

    private Behavior<Command> onFoldIn(FoldIn message) {
        double momentum = ema.update(version);
        version++;
        double distance = version % DISTANCE_EVERY == 0 ? ema.pairs().trainableDistance() : Double.NaN;
        message.replyTo().tell(new Folded(version, momentum, distance));
        subscribers.forEach(this::publishTo);
        return this;
    }

    private void publishTo(Subscribe subscriber) {
        subscriber.subscriber().tell(subscriber.replica()
                ? new TeacherInference.TeacherWeights(WeightSnapshot.of(teacher, version, manager))
                : new TeacherInference.TeacherVersion(version));
    }
}
