package org.stml.model.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.stml.model.data.FileImageSource;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;
import org.stml.model.data.image.DefaultImageDecoder;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.TrainTransform;

/**
 * Times the host side of a training batch over a folder of images: read the file, decode, draw the training views
 * (random resized crop, bilinear resize, flip) as uint8 CHW in the normalisation's channel order (the batch the
 * loader hands on; the float normalisation runs later, on the device), with the {@link ParallelImageLoader} on
 * one thread and on N threads. Each pass loads every image once, in batches; the figure is the median over the
 * measured passes after the warm-up passes. The file reads come from the page cache after the warm-up.
 *
 * <p>Usage: {@code ./stml bench decode [--dir /tmp/cifar/cifar10/train] [--classes all|airplane,bird,...]
 * [--size 32] [--views 2] [--batch 256] [--threads <processors>] [--warmup 1] [--passes 5]
 * [--normalization imagenet]}. {@code --classes} keeps the named first-level subfolders.
 */
public final class DecodeBenchmark {

    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private DecodeBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments arguments = BenchmarkArguments.parse(args, Map.of(
                "dir", "/tmp/cifar/cifar10/train", "classes", "all", "size", "32", "views", "2", "batch", "256",
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors()), "warmup", "1",
                "passes", "5", "normalization", "imagenet"));
        ImageDataset dataset = scan(Path.of(arguments.text("dir")), arguments.text("classes"));
        TrainTransform transform = TrainTransform.builder().optSize(arguments.integer("size"))
                .optNormalization(Normalization.valueOf(arguments.text("normalization").toUpperCase(Locale.ROOT)))
                .build();
        System.out.printf(Locale.ROOT, "decode + train views: %,d images under %s, %d views of %dx%d, %s, batches "
                        + "of %d, %d warm-up + %d measured passes%n", dataset.size(), arguments.text("dir"),
                arguments.integer("views"), transform.size(), transform.size(), arguments.text("normalization"),
                arguments.integer("batch"), arguments.integer("warmup"), arguments.integer("passes"));
        double[] decodeRates = decodeOnly(dataset, arguments);
        System.out.printf(Locale.ROOT, "  decode only, 1 thread, no loader: median %,.0f images/s, passes %s%n",
                median(decodeRates), format(decodeRates));
        for (int threads : new TreeSet<>(List.of(1, arguments.integer("threads")))) {
            double[] rates = passes(dataset, transform, threads, arguments);
            System.out.printf(Locale.ROOT, "  %2d thread(s): median %,.0f images/s (%,.0f views/s), passes %s%n",
                    threads, median(rates), median(rates) * arguments.integer("views"), format(rates));
        }
    }

    private static ImageDataset scan(Path folder, String classes) {
        Set<String> kept = classes.equals("all") ? Set.of() : Set.of(classes.split(","));
        try (Stream<Path> files = Files.walk(folder)) {
            List<ImageRecord> records = files.filter(Files::isRegularFile)
                    .filter(file -> EXTENSIONS.contains(extension(file)))
                    .filter(file -> kept.isEmpty() || kept.contains(folder.relativize(file).getName(0).toString()))
                    .sorted()
                    .map(file -> new ImageRecord(new FileImageSource(file), ImageRecord.UNLABELED))
                    .collect(Collectors.toList());
            if (records.isEmpty()) {
                throw new IllegalArgumentException("no images under " + folder + " (classes: " + classes + ")");
            }
            return new ImageDataset(folder.toString(), records);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static double[] decodeOnly(ImageDataset dataset, BenchmarkArguments arguments) {
        DefaultImageDecoder decoder = new DefaultImageDecoder();
        int warmup = arguments.integer("warmup");
        double[] rates = new double[arguments.integer("passes")];
        for (int pass = 0; pass < warmup + rates.length; pass++) {
            long start = System.nanoTime();
            for (ImageRecord record : dataset.records()) {
                decodeIgnoringFailure(record, decoder);
            }
            double rate = dataset.size() / ((System.nanoTime() - start) / 1e9);
            if (pass >= warmup) {
                rates[pass - warmup] = rate;
            }
        }
        return rates;
    }

    private static void decodeIgnoringFailure(ImageRecord record, DefaultImageDecoder decoder) {
        try {
            record.source().load(decoder);
        } catch (IOException e) {
            // timed like a readable image; the loader passes count and report it
        }
    }

    private static double[] passes(ImageDataset dataset, TrainTransform transform, int threads,
            BenchmarkArguments arguments) {
        int warmup = arguments.integer("warmup");
        double[] rates = new double[arguments.integer("passes")];
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(threads).build()) {
            for (int pass = 0; pass < warmup + rates.length; pass++) {
                long start = System.nanoTime();
                loadAll(loader, dataset, transform, arguments, pass);
                double rate = dataset.size() / ((System.nanoTime() - start) / 1e9);
                if (pass >= warmup) {
                    rates[pass - warmup] = rate;
                }
            }
            if (loader.corruptImages().count() > 0) {
                System.out.printf(Locale.ROOT, "  (%d unreadable images skipped)%n", loader.corruptImages().count());
            }
        }
        return rates;
    }

    private static void loadAll(ParallelImageLoader loader, ImageDataset dataset, TrainTransform transform,
            BenchmarkArguments arguments, int pass) {
        int batch = arguments.integer("batch");
        for (int first = 0; first < dataset.size(); first += batch) {
            int[] indices = IntStream.range(first, Math.min(first + batch, dataset.size())).toArray();
            loader.load(dataset, indices, transform, arguments.integer("views"), (long) pass << 32 | first);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(double[] rates) {
        return Arrays.stream(rates).mapToObj(rate -> String.format(Locale.ROOT, "%,.0f", rate))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
