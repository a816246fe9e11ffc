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
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.train.SequentialTraining;

/**
 * The data loader: owns the training set and the nearest-neighbour sampler of the current epoch, and answers batch
 * requests with V decoded, augmented views of each image (pull, never push). Decoding runs on the loader's own
 * bounded pool. Registers under {@link #SERVICE_KEY}.
 */
public final class BatchLoader extends AbstractBehavior<BatchLoader.Command> {

    /** The key loaders register under with the receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "stml-loader");

    /** Messages the loader understands. */
    public sealed interface Command permits UseTable, RequestBatch {}

    /**
     * Replaces the neighbour table (sent by the student at the start of each epoch and at every rebuild).
     *
     * @param neighbours K, the row length
     * @param table n × K dataset indices, row-major, rebuilt from the student's g head
     */
    public record UseTable(int neighbours, int[] table) implements Command, WireMessage {

        /**
         * Wraps a table.
         *
         * @param table the table
         * @return the message
         */
        public static UseTable of(NeighbourTable table) {
            return new UseTable(table.neighbours(), table.toArray());
        }
    }

    /**
     * Asks for one batch.
     *
     * @param epoch the epoch
     * @param step the step within the epoch
     * @param replyTo who receives the batch
     */
    public record RequestBatch(int epoch, int step, ActorRef<LoadedBatch> replyTo)
            implements Command, WireMessage {}

    /**
     * One loaded batch: plain host data, owned by the receiver.
     *
     * @param epoch the epoch
     * @param step the step within the epoch
     * @param batch the views and their dataset indices
     * @param loadNanos the time spent decoding and augmenting it
     */
    public record LoadedBatch(int epoch, int step, HostBatch batch, long loadNanos) implements WireMessage {}

    private final ImageDataset dataset;
    private final ParallelImageLoader loader;
    private final ViewTransform transform;
    private final int batchSize;
    private final long seed;
    private final int views;
    private NeighbourBatchSampler sampler;

    private BatchLoader(ActorContext<Command> context, ImageDataset dataset, ParallelImageLoader loader,
            ViewTransform transform, int batchSize, long seed, int views) {
        super(context);
        this.dataset = dataset;
        this.loader = loader;
        this.transform = transform;
        this.batchSize = batchSize;
        this.seed = seed;
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
        this.views = views;
    }

    /**
     * Creates the loader behaviour.
     *
     * @param dataset the training set
     * @param loader the decoding pool (owned by the caller)
     * @param transform the training-view transform
     * @param batchSize B, images per batch
     * @param seed the run seed
     * @param views V, the views of each image
     * @return the behaviour
     */
    public static Behavior<Command> create(ImageDataset dataset, ParallelImageLoader loader, ViewTransform transform,
            int batchSize, long seed, int views) {
        return Behaviors.setup(context -> new BatchLoader(context, dataset, loader, transform, batchSize, seed,
                views));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(UseTable.class, this::onUseTable)
                .onMessage(RequestBatch.class, this::onRequestBatch)
                .build();
    }

    private Behavior<Command> onUseTable(UseTable message) {
        sampler = new NeighbourBatchSampler(NeighbourTable.of(message.neighbours(), message.table()), batchSize,
                seed);
        return this;
    }

    private Behavior<Command> onRequestBatch(RequestBatch request) {
        if (sampler == null) {
            throw new IllegalStateException("batch requested before the first neighbour table");
        }
        long start = System.nanoTime();
        HostBatch batch = loader.load(dataset, sampler.batch(request.epoch(), request.step()), transform, views,
                SequentialTraining.batchSeed(seed, request.epoch(), request.step()));
        request.replyTo().tell(new LoadedBatch(request.epoch(), request.step(), batch, System.nanoTime() - start));
        return this;
    }
}
