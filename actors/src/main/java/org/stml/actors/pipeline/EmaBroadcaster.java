package org.stml.actors.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.stml.model.ema.EmaUpdater;

/**
 * The EMA broadcaster: owns the master teacher weights, folds the student into them once per student step and
 * publishes the new teacher version (the number of EMA updates folded in) to every teacher-inference actor. In one
 * JVM the teacher is shared by reference, so publishing a version costs nothing.
 */
public final class EmaBroadcaster extends AbstractBehavior<EmaBroadcaster.Command> {

    /** Messages the broadcaster understands. */
    public sealed interface Command permits Subscribe, FoldIn {}

    /**
     * Registers a teacher-inference actor for version announcements; it is told the current version at once.
     *
     * @param subscriber the teacher-inference actor
     */
    public record Subscribe(ActorRef<TeacherInference.Command> subscriber) implements Command {}

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
     */
    public record Folded(long version, double momentum) {}

    private final EmaUpdater ema;
    private final List<ActorRef<TeacherInference.Command>> subscribers = new ArrayList<>();
    private long version;

    private EmaBroadcaster(ActorContext<Command> context, EmaUpdater ema, long version) {
        super(context);
        this.ema = ema;
        this.version = version;
    }

    /**
     * Creates the broadcaster behaviour.
     *
     * @param ema the EMA over the teacher and the student, paired by name
     * @param version the teacher's current version: 0 for a new run, the applied steps of a restored one
     * @return the behaviour
     */
    public static Behavior<Command> create(EmaUpdater ema, long version) {
        return Behaviors.setup(context -> new EmaBroadcaster(context, ema, version));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(FoldIn.class, this::onFoldIn)
                .build();
    }

    private Behavior<Command> onSubscribe(Subscribe message) {
        subscribers.add(message.subscriber());
        message.subscriber().tell(new TeacherInference.TeacherVersion(version));
        return this;
    }

    private Behavior<Command> onFoldIn(FoldIn message) {
        double momentum = ema.update(version);
        version++;
        message.replyTo().tell(new Folded(version, momentum));
        subscribers.forEach(subscriber -> subscriber.tell(new TeacherInference.TeacherVersion(version)));
        return this;
    }
}
