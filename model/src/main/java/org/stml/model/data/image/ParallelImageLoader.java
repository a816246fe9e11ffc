package org.stml.model.data.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageDecoder;
import org.stml.model.data.ImageSource;
import org.stml.model.data.RgbImage;

/**
 * Decodes and transforms the images of a batch on a fixed pool of threads owned by the loader. Each worker takes the
 * next image, decodes it and writes its views straight into the batch array, so at most one decoded image per thread
 * is alive at a time.
 *
 * <p>The views are deterministic: view v of the image at position p of a call draws from a {@link Random} seeded
 * from (seed, p, v) alone, whatever the thread count or scheduling. An image that cannot be read is recorded in the
 * loader's {@link CorruptImageRegistry} (one warning), left out of the batch with all its views, and skipped
 * without reading in every later call. Other failures (bugs) propagate from {@link #load}.
 */
public final class ParallelImageLoader implements AutoCloseable {

    private final int threads;
    private final ImageDecoder decoder;
    private final CorruptImageRegistry corruptImages = new CorruptImageRegistry();
    private final ExecutorService executor;

    private ParallelImageLoader(Builder builder) {
        this.threads = builder.threads;
        this.decoder = builder.decoder;
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "stml-image-loader-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Starts a builder: as many threads as processors and the {@link DefaultImageDecoder}; each loader has a registry
     * of unreadable images of its own.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of worker threads.
     *
     * @return the pool size
     */
    public int threads() {
        return threads;
    }

    /**
     * Returns the registry of unreadable images.
     *
     * @return the loader's registry
     */
    public CorruptImageRegistry corruptImages() {
        return corruptImages;
    }

    /**
     * Loads V views of each image asked for.
     *
     * @param dataset the images
     * @param indices the dataset indices of the batch, B of them
     * @param transform the view of one image
     * @param views V, at least 1
     * @param seed the seed of every random draw of this call
     * @return the views of the B' ≤ B readable images, view-major, and the skipped indices
     */
    public HostBatch load(ImageDataset dataset, int[] indices, ViewTransform transform, int views, long seed) {
        int size = transform.size();
        long bytes = (long) views * indices.length * 3 * size * size;
        if (views < 1 || bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot load " + views + " views of " + indices.length
                    + " images of size " + size + " into one array");
        }
        BatchWork work = new BatchWork(dataset, indices, transform, views, seed, new byte[(int) bytes]);
        runOnPool(work);
        return work.toBatch();
    }

    private void runOnPool(BatchWork work) {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(threads, work.indices.length); w++) {
            workers.add(executor.submit(() -> {
                for (int p = next.getAndIncrement(); p < work.indices.length; p = next.getAndIncrement()) {
                    work.loadPosition(p);
                }
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            workers.forEach(worker -> worker.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("image loading failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            workers.forEach(worker -> worker.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading images", e);
        }
    }

    /** Stops the worker threads, waiting briefly for running loads to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns the random source of one view: a SplitMix64 mix of (seed, position, view).
     *
     * @param seed the call's seed
     * @param position the position in the batch
     * @param view the view
     * @return a new random source
     */
    static Random viewRandom(long seed, int position, int view) {
        long mixed = mix(mix(mix(seed) + position) + view);
        return new Random(mixed);
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One call of {@link #load}: its inputs, its output array and which positions were read. */
    private final class BatchWork {

        private final ImageDataset dataset;
        private final int[] indices;
        private final ViewTransform transform;
        private final int views;
        private final long seed;
        private final byte[] pixels;
        private final boolean[] loaded;
        private final int viewBytes;

        BatchWork(ImageDataset dataset, int[] indices, ViewTransform transform, int views, long seed,
                byte[] pixels) {
            this.dataset = dataset;
            this.indices = indices;
            this.transform = transform;
            this.views = views;
            this.seed = seed;
            this.pixels = pixels;
            this.loaded = new boolean[indices.length];
            this.viewBytes = 3 * transform.size() * transform.size();
        }

        void loadPosition(int position) {
            ImageSource source = dataset.get(indices[position]).source();
            String location = source.location();
            if (corruptImages.contains(location)) {
                return;
            }
            RgbImage image;
            try {
                image = source.load(decoder);
            } catch (IOException e) {
                String message = String.valueOf(e.getMessage());
                corruptImages.record(location, message.contains(location) ? message : location + ": " + e);
                return;
            }
            for (int v = 0; v < views; v++) {
                int row = v * indices.length + position;
                transform.apply(image, viewRandom(seed, position, v), pixels, row * viewBytes);
            }
            loaded[position] = true;
        }

        HostBatch toBatch() {
            int[] kept = IntStream.range(0, indices.length).filter(p -> loaded[p]).toArray();
            int[] skipped = IntStream.range(0, indices.length).filter(p -> !loaded[p]).map(p -> indices[p]).toArray();
            int images = kept.length;
            byte[] out = images == indices.length ? pixels : new byte[views * images * viewBytes];
            int[] rowIndices = new int[views * images];
            for (int v = 0; v < views; v++) {
                for (int k = 0; k < images; k++) {
                    int row = v * images + k;
                    rowIndices[row] = indices[kept[k]];
                    if (out != pixels) {
                        System.arraycopy(pixels, (v * indices.length + kept[k]) * viewBytes, out, row * viewBytes,
                                viewBytes);
                    }
                }
            }
            return new HostBatch(out, transform.normalization(), views, images, transform.size(), rowIndices,
                    skipped);
        }
    }

    /** Options of a {@link ParallelImageLoader}. */
    public static final class Builder {

        private int threads = Runtime.getRuntime().availableProcessors();
        private ImageDecoder decoder = new DefaultImageDecoder();

        private Builder() {}

        /**
         * Sets the number of worker threads.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("the loader needs at least one thread, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the decoder of encoded sources.
         *
         * @param decoder a thread-safe decoder
         * @return this builder
         */
        public Builder optDecoder(ImageDecoder decoder) {
            this.decoder = decoder;
            return this;
        }

        /**
         * Builds the loader and starts its threads.
         *
         * @return the loader; close it to stop the threads
         */
        public ParallelImageLoader build() {
            return new ParallelImageLoader(this);
        }
    }
}
