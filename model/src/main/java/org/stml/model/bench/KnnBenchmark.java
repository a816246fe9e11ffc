package org.stml.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.stml.model.eval.ExactKnn;
import org.stml.model.eval.KnnResult;

/**
 * Times the chunked exact k-NN of the evaluation (every point against all others, self excluded) on random
 * embeddings, and reports the process's peak resident memory, to show that the search stays within a bounded
 * budget at SOP scale (60,000 test images).
 *
 * <p>Usage: {@code ./stml bench knn [--points 60000] [--dim 128] [--k 10] [--chunk-elements 16777216]}.
 */
public final class KnnBenchmark {

    private KnnBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments options = BenchmarkArguments.parse(args, Map.of("points", "60000", "dim", "128", "k", "10",
                "chunk-elements", Long.toString(ExactKnn.DEFAULT_CHUNK_ELEMENTS)));
        int points = options.integer("points");
        int k = options.integer("k");
        long chunkElements = Long.parseLong(options.text("chunk-elements"));
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(0);
            NDArray embeddings = manager.randomNormal(new Shape(points, options.integer("dim")));
            ExactKnn knn = ExactKnn.builder().optExcludeSelf(true).optChunkElements(chunkElements).build();
            long start = System.nanoTime();
            KnnResult result = knn.searchWithin(embeddings, k);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "exact k-NN: %d x %d points, d = %d, k = %d, blocks of at most %d "
                            + "distances: %.1f s (%.0f queries/s); first neighbour of point 0: %d; peak RSS %s%n",
                    points, points, options.integer("dim"), k, chunkElements, seconds, points / seconds,
                    result.index(0, 0), peakResidentMemory());
        }
    }

    private static String peakResidentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> line.substring("VmHWM:".length()).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
