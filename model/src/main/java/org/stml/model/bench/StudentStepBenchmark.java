package org.stml.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.train.PhaseTimes;
import org.stml.model.train.StepResult;
import org.stml.model.train.StmlTrainer;

/**
 * Times one full STML student step — teacher forward, W, student forward on both heads, loss, backward, EMA and
 * AdamP — and prints the median over measured steps after a warm-up, overall and per phase.
 *
 * <p>Usage: {@code ./stml bench student-step [--backbone resnet18] [--stem imagenet] [--images 120] [--size 32]
 * [--warmup 15] [--steps 20]}. The batch holds two views of each image (240 rows by default). Set the libtorch
 * thread count with {@code STML_THREADS}; the launcher passes it explicitly.
 */
public final class StudentStepBenchmark {

    private StudentStepBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments arguments = BenchmarkArguments.parse(args, Map.of(
                "backbone", "resnet18", "stem", "imagenet", "images", "120", "size", "32",
                "warmup", "15", "steps", "20"));
        int images = arguments.integer("images");
        int size = arguments.integer("size");
        try (NDManager manager = NDManager.newBaseManager()) {
            StmlNetworks networks = StmlNetworks.builder()
                    .setBackbone(arguments.text("backbone"))
                    .optBackboneOptions(BackboneOptions.builder()
                            .optStem(Stem.valueOf(arguments.text("stem").toUpperCase(Locale.ROOT)))
                            .build())
                    .optImageSize(size, size)
                    .build(manager);
            NDArray batch = manager.randomNormal(new Shape(2L * images, 3, size, size));
            NDArray index = manager.arange(0, images, 1, DataType.INT64).tile(2);
            try (StmlTrainer trainer = StmlTrainer.builder().setNetworks(networks).build(manager)) {
                run(trainer, batch, index, arguments, images, size);
            }
        }
    }

    private static void run(StmlTrainer trainer, NDArray batch, NDArray index, BenchmarkArguments arguments,
            int images, int size) {
        for (int i = 0; i < arguments.integer("warmup"); i++) {
            trainer.step(batch, index);
        }
        List<PhaseTimes> times = new ArrayList<>();
        for (int i = 0; i < arguments.integer("steps"); i++) {
            long start = System.nanoTime();
            StepResult result = trainer.step(batch, index);
            long wall = System.nanoTime() - start;
            times.add(withWall(result.times(), wall));
        }
        report(times, arguments, images, size);
    }

    /** Keeps the phases and replaces the optimizer phase's slack so that {@code total()} is the wall time. */
    private static PhaseTimes withWall(PhaseTimes phases, long wall) {
        long rest = wall - phases.total() + phases.optimizer();
        return new PhaseTimes(phases.label(), phases.studentForward(), phases.loss(),
                phases.backward(), phases.ema(), rest);
    }

    private static void report(List<PhaseTimes> times, BenchmarkArguments arguments, int images, int size) {
        double step = medianMillis(times, PhaseTimes::total);
        System.out.printf(Locale.ROOT, "student step: backbone %s (%s stem), batch %dx3x%dx%d (%d images x 2 views), "
                        + "%d warm-up + %d measured steps, %s libtorch threads, %s%n",
                arguments.text("backbone"), arguments.text("stem"), 2 * images, size, size, images,
                arguments.integer("warmup"), arguments.integer("steps"),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), Engine.getInstance().getEngineName()
                        + " " + Engine.getInstance().getVersion());
        System.out.printf(Locale.ROOT, "median step: %.1f ms  (%.1f images/s, %.1f rows/s)%n",
                step, 1000 * images / step, 2000 * images / step);
        printPhase("teacher + W", times, PhaseTimes::label);
        printPhase("student forward", times, PhaseTimes::studentForward);
        printPhase("loss", times, PhaseTimes::loss);
        printPhase("backward", times, PhaseTimes::backward);
        printPhase("EMA", times, PhaseTimes::ema);
        printPhase("AdamP + rest", times, PhaseTimes::optimizer);
    }

    private static void printPhase(String name, List<PhaseTimes> times, ToLongFunction<PhaseTimes> phase) {
        System.out.printf(Locale.ROOT, "  %-16s median %8.1f ms%n", name, medianMillis(times, phase));
    }

    private static double medianMillis(List<PhaseTimes> times, ToLongFunction<PhaseTimes> phase) {
        long[] values = times.stream().mapToLong(phase).sorted().toArray();
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
        return median / 1e6;
    }

}
