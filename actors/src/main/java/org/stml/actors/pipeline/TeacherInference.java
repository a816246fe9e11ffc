package org.stml.actors.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.stml.actors.transport.WireMessage;
import org.stml.model.data.image.HostBatch;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.tensor.HostWeights;
import org.stml.model.train.PseudoLabeller;

/**
 * Teacher inference: for each labelling request it fetches the batch from the loader, waits until the teacher is
 * recent enough, runs the teacher, computes W and passes the batch with W and the version used to the student. The
 * exact teacher for batch t is the one that has absorbed the EMA of every applied step before t (its version is the
 * number of applied steps, which equals t when no step was skipped); the batch may be labelled by any version
 * ≥ exact − max-teacher-lag. With lag 0 this is the reference algorithm exactly.
 *
 * <p>With lag 0 the actor labels with the broadcaster's master teacher, shared by reference: the student waits for
 * each label, so nothing changes the teacher while it runs. With a positive lag the master keeps changing while
 * batches are labelled, so the actor owns a replica of the teacher and adopts each newer {@link TeacherWeights}
 * the broadcaster publishes (host data: the same message whether the broadcaster is in this JVM or another).
 * Instances register under {@link #SERVICE_KEY}; several may run.
 */
public final class TeacherInference extends AbstractBehavior<TeacherInference.Command> {

    /** The key teacher-inference instances register under with the receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "stml-teacher");

    /** Messages teacher inference understands. */
    public sealed interface Command permits Label, TeacherVersion, TeacherWeights, BatchArrived {}

    /**
     * Asks for one labelled batch.
     *
     * @param epoch the epoch
     * @param step the step within the epoch
     * @param exactVersion the teacher version of the reference algorithm for this batch (applied steps before it)
     * @param replyTo who receives the labelled batch
     */
    public record Label(int epoch, int step, long exactVersion, ActorRef<LabelledBatch> replyTo)
            implements Command, WireMessage {}

    /**
     * Announces that the teacher now holds {@code version} EMA updates.
     *
     * @param version the version
     */
    public record TeacherVersion(long version) implements Command, WireMessage {}

    /**
     * Publishes a teacher version to a replica: the actor copies the weights into its replica.
     *
     * @param weights the master teacher's weights after {@code weights.version()} EMA updates; read-only (one copy
     *     of a version is shared by every subscriber in a JVM)
     */
    public record TeacherWeights(HostWeights weights) implements Command, WireMessage {}

    /**
     * A batch from the loader (internal).
     *
     * @param loaded the batch
     */
    record BatchArrived(BatchLoader.LoadedBatch loaded) implements Command {}

    /**
     * A batch with its soft pseudo-labels: plain host data, owned by the receiver.
     *
     * @param epoch the epoch
     * @param step the step within the epoch
     * @param batch the views and their dataset indices
     * @param target W, row-major N × N
     * @param teacherVersion the teacher version that labelled it
     * @param loadNanos the loader's time for the batch
     * @param labelNanos the teacher forward and W
     */
    public record LabelledBatch(int epoch, int step, HostBatch batch, float[] target, long teacherVersion,
            long loadNanos, long labelNanos) implements WireMessage {}

    private final PseudoLabeller labeller;
    private final EmbeddingNetwork replica;
    private final ActorRef<BatchLoader.Command> loader;
    private final NDManager manager;
    private final long maxLag;
    private final ActorRef<BatchLoader.LoadedBatch> batchAdapter;
    private final Map<String, Label> requested = new LinkedHashMap<>();
    private final Map<String, Pending> waiting = new LinkedHashMap<>();
    private long version = -1;

    private TeacherInference(ActorContext<Command> context, PseudoLabeller labeller, EmbeddingNetwork replica,
            ActorRef<BatchLoader.Command> loader, NDManager manager, long maxLag) {
        super(context);
        this.labeller = labeller;
        this.replica = replica;
        this.loader = loader;
        this.manager = manager;
        this.maxLag = maxLag;
        this.batchAdapter = context.messageAdapter(BatchLoader.LoadedBatch.class, BatchArrived::new);
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
    }

    /**
     * Creates a teacher-inference behaviour that labels with the master teacher, shared by reference (lag 0 only):
     * it is told versions by {@link TeacherVersion}.
     *
     * @param labeller the master teacher and the similarity
     * @param loader where batches come from
     * @param manager the parent of the per-batch managers
     * @return the behaviour
     */
    public static Behavior<Command> shared(PseudoLabeller labeller, ActorRef<BatchLoader.Command> loader,
            NDManager manager) {
        return Behaviors.setup(context -> new TeacherInference(context, labeller, null, loader, manager, 0));
    }

    /**
     * Creates a teacher-inference behaviour that labels with a replica of its own, updated by
     * {@link TeacherWeights}; batches may be labelled by a teacher up to {@code maxLag} versions old.
     *
     * @param labeller the replica (its teacher network) and the similarity
     * @param replica the replica network the labeller runs, overwritten by each published version
     * @param loader where batches come from
     * @param manager the parent of the per-batch managers
     * @param maxLag max-teacher-lag, in teacher versions, at least 1
     * @return the behaviour
     */
    public static Behavior<Command> replica(PseudoLabeller labeller, EmbeddingNetwork replica,
            ActorRef<BatchLoader.Command> loader, NDManager manager, long maxLag) {
        return Behaviors.setup(context -> new TeacherInference(context, labeller, replica, loader, manager, maxLag));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Label.class, this::onLabel)
                .onMessage(BatchArrived.class, this::onBatchArrived)
                .onMessage(TeacherVersion.class, this::onTeacherVersion)
                .onMessage(TeacherWeights.class, this::onTeacherWeights)
                .build();
    }

    private Behavior<Command> onLabel(Label request) {
        requested.put(key(request.epoch(), request.step()), request);
        loader.tell(new BatchLoader.RequestBatch(request.epoch(), request.step(), batchAdapter));
        return this;
    }

    private Behavior<Command> onBatchArrived(BatchArrived message) {
        BatchLoader.LoadedBatch loaded = message.loaded();
        String key = key(loaded.epoch(), loaded.step());
        waiting.put(key, new Pending(requested.remove(key), loaded.batch(), loaded.loadNanos()));
        labelEligible();
        return this;
    }

    private Behavior<Command> onTeacherVersion(TeacherVersion message) {
        version = message.version();
        labelEligible();
        return this;
    }

    private Behavior<Command> onTeacherWeights(TeacherWeights message) {
        if (replica == null) {
            throw new IllegalStateException("a teacher sharing the master was sent teacher weights");
        }
        if (message.weights().version() > version) {
            message.weights().copyInto(replica);
            version = message.weights().version();
        }
        labelEligible();
        return this;
    }

    private void labelEligible() {
        Iterator<Pending> pending = waiting.values().iterator();
        while (pending.hasNext()) {
            Pending next = pending.next();
            if (version >= next.request().exactVersion() - maxLag) {
                pending.remove();
                next.request().replyTo().tell(label(next));
            }
        }
    }

    private LabelledBatch label(Pending pending) {
        HostBatch batch = pending.batch();
        long start = System.nanoTime();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray views = batch.toNetworkInput(scratch);
            NDArray datasetIndex = scratch.create(batch.datasetIndices());
            float[] target = labeller.label(views, datasetIndex).toFloatArray();
            Label request = pending.request();
            return new LabelledBatch(request.epoch(), request.step(), batch, target, version, pending.loadNanos(),
                    System.nanoTime() - start);
        }
    }

    private static String key(int epoch, int step) {
        return epoch + "/" + step;
    }

    /** A request whose batch has arrived and waits for a recent enough teacher. */
    private record Pending(Label request, HostBatch batch, long loadNanos) {}
}
