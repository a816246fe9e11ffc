package org.stml.actors.pipeline;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.stml.actors.transport.WireMessage;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.tensor.HostWeights;

/**
 * The EMA broadcaster: owns the master teacher weights, folds the student into them once per student step and
 * publishes the new teacher version (the number of EMA updates folded in) to every teacher-inference actor.
 *
 * <p>The student's weights reach it in one of two ways. On the message path the student sends them with each
 * {@link FoldIn} as {@link HostWeights}, and the broadcaster copies them into a student replica of its own before
 * folding: this works wherever the student runs. When the student is in the same JVM the broadcaster may instead
 * read the student network itself ({@link #sharingStudent}), which saves the copy; both give the same teacher, bit
 * for bit. A subscriber that shares the master by reference (lag 0, same JVM) is told the version number only; a
 * subscriber running a replica is sent the master's {@link HostWeights}, copied once per version and shared by every
 * such subscriber. Registers under {@link #SERVICE_KEY}.
 */
public final class EmaBroadcaster extends AbstractBehavior<EmaBroadcaster.Command> {

    /** The key the broadcaster registers under with the receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "stml-ema-broadcaster");

    /** Messages the broadcaster understands. */
    public sealed interface Command permits Subscribe, FoldIn {}

    /**
     * Registers a teacher-inference actor for version announcements; it is told the current version at once.
     *
     * @param subscriber the teacher-inference actor
     * @param replica true when it runs a replica and needs each version's weights, false when it shares the master
     */
    public record Subscribe(ActorRef<TeacherInference.Command> subscriber, boolean replica)
            implements Command, WireMessage {}

    /**
     * Folds the student's weights of one step into the teacher.
     *
     * @param step the student step whose weights are folded in
     * @param student the student's weights as they were in that step's forward (BatchNorm statistics after it), or
     *     null when the broadcaster shares the student network and reads it; then the student must not change its
     *     weights until it is answered
     * @param replyTo who is told when the teacher has absorbed them
     */
    public record FoldIn(long step, HostWeights student, ActorRef<Folded> replyTo)
            implements Command, WireMessage {}

    /**
     * The answer to {@link FoldIn}.
     *
     * @param version the teacher version now published
     * @param momentum the EMA momentum used
     * @param distance the teacher–student distance of trainable weights after the fold, measured every
     *     {@link #DISTANCE_EVERY} versions and NaN in between
     */
    public record Folded(long version, double momentum, double distance) implements WireMessage {}

    /** The teacher–student distance (a full pass over the weights) is measured every this many versions. */
    public static final int DISTANCE_EVERY = 10;

    private final EmaUpdater ema;
    private final Block teacher;
    private final Block studentReplica;
    private final List<Subscribe> subscribers = new ArrayList<>();
    private long version;
    private HostWeights published;

    private EmaBroadcaster(ActorContext<Command> context, EmaUpdater ema, Block teacher, Block studentReplica,
            long version) {
        super(context);
        this.ema = ema;
        this.teacher = teacher;
        this.studentReplica = studentReplica;
        this.version = version;
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
    }

    /**
     * Creates a broadcaster that folds the student weights each {@link FoldIn} carries: the EMA pairs the master
     * teacher with {@code studentReplica}, which each message overwrites first.
     *
     * @param ema the EMA over the master teacher and {@code studentReplica}
     * @param teacher the master teacher the EMA updates
     * @param studentReplica a network shaped like the student, owned by the broadcaster
     * @param version the teacher's current version: 0 for a new run, the applied steps of a restored one
     * @return the behaviour
     */
    public static Behavior<Command> fromMessages(EmaUpdater ema, Block teacher, Block studentReplica, long version) {
        return Behaviors.setup(context -> new EmaBroadcaster(context, ema, teacher, studentReplica, version));
    }

    /**
     * Creates a broadcaster that reads the student network itself (same JVM): {@link FoldIn}s carry no weights.
     *
     * @param ema the EMA over the master teacher and the student network
     * @param teacher the master teacher the EMA updates
     * @param version the teacher's current version: 0 for a new run, the applied steps of a restored one
     * @return the behaviour
     */
    public static Behavior<Command> sharingStudent(EmaUpdater ema, Block teacher, long version) {
        return Behaviors.setup(context -> new EmaBroadcaster(context, ema, teacher, null, version));
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
        if ((message.student() == null) != (studentReplica == null)) {
            throw new IllegalStateException(studentReplica == null
                    ? "a broadcaster sharing the student network was sent student weights"
                    : "a broadcaster on the message path was sent no student weights");
        }
        if (message.student() != null) {
            message.student().copyInto(studentReplica);
        }
        double momentum = ema.update(version);
        version++;
        published = null;
        double distance = version % DISTANCE_EVERY == 0 ? ema.pairs().trainableDistance() : Double.NaN;
        message.replyTo().tell(new Folded(version, momentum, distance));
        subscribers.forEach(this::publishTo);
        return this;
    }

    private void publishTo(Subscribe subscriber) {
        subscriber.subscriber().tell(subscriber.replica()
                ? new TeacherInference.TeacherWeights(currentWeights())
                : new TeacherInference.TeacherVersion(version));
    }

    /** The master's weights of the current version, copied to the host once however many replicas there are. */
    private HostWeights currentWeights() {
        if (published == null) {
            published = HostWeights.of(teacher, version);
        }
        return published;
    }
}
