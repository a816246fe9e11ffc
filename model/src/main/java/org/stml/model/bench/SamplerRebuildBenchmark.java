package org.stml.model.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.layout.DatasetLayouts;
import org.stml.model.data.layout.LayoutOptions;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.nn.StmlNetworks;

/**
 * Loads a dataset in one of the real layouts, prints its split (and a warning when the counts differ from the
 * published ones), and times one rebuild of the nearest-neighbour table on its training part: every image squashed
 * to S × S and embedded by a student's g head, then the chunked exact k-NN. Decode and augmentation throughput is
 * {@code ./stml bench decode}.
 *
 * <p>Usage: {@code ./stml bench sampler --data cifar10:/path/to/cifar10 [--size 32] [--threads N]
 * [--backbone resnet18] [--nn 5]}.
 */
public final class SamplerRebuildBenchmark {

    private SamplerRebuildBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments options = BenchmarkArguments.parse(args, Map.of("data", "", "size", "32",
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "backbone", "resnet18", "nn", "5"));
        String[] data = options.text("data").split(":", 2);
        if (data.length != 2) {
            throw new IllegalArgumentException("--data needs <layout>:<path>, e.g. cifar10:/data/cifar10 (layouts: "
                    + DatasetLayouts.names() + ")");
        }
        DatasetSplit split = DatasetLayouts.open(data[0], Path.of(data[1]));
        System.out.println(split.summary());
        DatasetLayouts.verifyPublishedCounts(data[0], split, LayoutOptions.defaults())
                .ifPresent(warning -> System.out.println("warning: " + warning));
        measureRebuild(split.train(), options);
    }

    private static void measureRebuild(ImageDataset dataset, BenchmarkArguments options) {
        int size = options.integer("size");
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder()
                        .optThreads(options.integer("threads")).build()) {
            StmlNetworks networks = StmlNetworks.builder().setBackbone(options.text("backbone"))
                    .optImageSize(size, size).build(manager);
            NeighbourTableBuilder rebuilder = NeighbourTableBuilder.builder()
                    .setLoader(loader)
                    .setTransform(new SquashTransform(size, Normalization.IMAGENET))
                    .optNeighbours(options.integer("nn"))
                    .build();
            NeighbourTableBuilder.Rebuild rebuild = rebuilder.rebuild(networks.student(),
                    new ParameterStore(manager, false), dataset, manager);
            System.out.printf(Locale.ROOT, "nearest-neighbour rebuild, %,d images, %s g head (%d-d), nn = %d: "
                            + "%.1f s (embed %.1f s, k-NN %.1f s), %d unreadable%n", dataset.size(),
                    options.text("backbone"), networks.student().highDimSize(), options.integer("nn"),
                    rebuild.seconds(), rebuild.embedNanos() / 1e9, rebuild.searchNanos() / 1e9,
                    rebuild.skippedImages());
        }
    }
}
