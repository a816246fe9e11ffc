package org.stml.actors.bench;

import ai.djl.ndarray.NDManager;
import com.sun.management.ThreadMXBean;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.stml.actors.transport.KryoWireSerializer;
import org.stml.model.bench.BenchmarkArguments;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;

/**
 * Times the Kryo wire format in one JVM: a round trip is serialise + deserialise of one message through the
 * {@link KryoWireSerializer}, on the {@code byte[]} path (in-process serialization) and on the {@link ByteBuffer}
 * path into a reused direct buffer (what Artery does). Two messages: the weights of a real ResNet-18 embedding network
 * built by {@link StmlNetworks} (a {@link HostWeights}) and a batch of uint8 images (a {@link HostTensor}). It
 * prints the median throughput (payload megabytes, 10⁶ bytes, per second of round trip) and the bytes this thread
 * allocated per message, against the payload: an allocation per element would show as bytes per element.
 *
 * <p>Usage: {@code ./stml bench transport [--backbone resnet18] [--images 240] [--size 224] [--warmup 5]
 * [--runs 9]}. Every round trip allocates the payload anew; run it with a fixed, pre-touched heap
 * ({@code STML_JAVA_OPTS="-Xms4g -Xmx4g -XX:+AlwaysPreTouch"}) to keep the operating system's first touch of
 * freshly grown heap out of the figures.
 */
public final class TransportBenchmark {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private TransportBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments arguments = BenchmarkArguments.parse(args, Map.of("backbone", "resnet18",
                "images", "240", "size", "224", "warmup", "5", "runs", "9"));
        int size = arguments.integer("size");
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "transport-bench",
                ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
        try {
            KryoWireSerializer serializer = new KryoWireSerializer((ExtendedActorSystem) Adapter.toClassic(system));
            System.out.printf(Locale.ROOT, "transport: Kryo wire round trip (serialise + deserialise) in one JVM, "
                    + "%s; %d warm-up + %d measured round trips per path%n", serializer.protocol(),
                    arguments.integer("warmup"), arguments.integer("runs"));
            HostWeights weights = weights(arguments.text("backbone"), size);
            report(serializer, String.format(Locale.ROOT, "%s weights (HostWeights, %d tensors, %,d floats)",
                    arguments.text("backbone"), weights.tensors().length, weights.payloadBytes() / Float.BYTES),
                    weights, weights.payloadBytes(), arguments);
            HostTensor batch = batch(arguments.integer("images"), size);
            report(serializer, String.format(Locale.ROOT, "image batch (HostTensor uint8 %s)",
                    Arrays.toString(batch.shape())), batch, batch.data().length, arguments);
        } finally {
            system.terminate();
        }
    }

    private static HostWeights weights(String backbone, int size) {
        try (NDManager manager = NDManager.newBaseManager()) {
            StmlNetworks networks = StmlNetworks.builder().setBackbone(backbone).optImageSize(size, size)
                    .build(manager);
            return HostWeights.of(networks.student(), 1);
        }
    }

    private static HostTensor batch(int images, int size) {
        byte[] pixels = new byte[images * 3 * size * size];
        new Random(1).nextBytes(pixels);
        return new HostTensor(TensorType.UINT8, new long[] {images, 3, size, size}, pixels);
    }

    private static void report(KryoWireSerializer serializer, String title, Object message, long payload,
            BenchmarkArguments arguments) {
        int frame = serializer.toBinary(message).length;
        System.out.printf(Locale.ROOT, "  %s: payload %.1f MB, frame = payload + %,d B%n", title, payload / 1e6,
                frame - payload);
        ByteBuffer direct = ByteBuffer.allocateDirect(frame).order(ByteOrder.LITTLE_ENDIAN);
        Transfer[] transfers = {new Transfer("byte[]", () -> byteArrayRoundTrip(serializer, message)),
            new Transfer("direct ByteBuffer", () -> bufferRoundTrip(serializer, message, direct))};
        for (Transfer transfer : transfers) {
            Sample[] samples = measure(transfer, message, arguments);
            long roundTrip = median(samples, sample -> sample.serialiseNanos() + sample.deserialiseNanos());
            System.out.printf(Locale.ROOT, "    %-17s median %,6.0f MB/s (serialise %.1f ms, deserialise %.1f ms); "
                    + "allocated per message: serialise %,d B, deserialise %,d B = payload + %,d B%n", transfer.name(),
                    payload / 1e6 / (roundTrip / 1e9), median(samples, Sample::serialiseNanos) / 1e6,
                    median(samples, Sample::deserialiseNanos) / 1e6, median(samples, Sample::serialiseBytes),
                    median(samples, Sample::deserialiseBytes), median(samples, Sample::deserialiseBytes) - payload);
        }
    }

    private static Sample[] measure(Transfer transfer, Object message, BenchmarkArguments arguments) {
        int warmup = arguments.integer("warmup");
        Sample[] samples = new Sample[arguments.integer("runs")];
        for (int run = 0; run < warmup + samples.length; run++) {
            Sample sample = transfer.roundTrip().run();
            if (!message.equals(sample.received())) {
                throw new IllegalStateException("the " + transfer.name() + " round trip changed the message");
            }
            if (run >= warmup) {
                samples[run - warmup] = sample;
            }
        }
        return samples;
    }

    private static Sample byteArrayRoundTrip(KryoWireSerializer serializer, Object message) {
        String manifest = serializer.manifest(message);
        long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        byte[] frame = serializer.toBinary(message);
        long written = System.nanoTime();
        long bytes1 = THREADS.getCurrentThreadAllocatedBytes();
        Object received = serializer.fromBinary(frame, manifest);
        long read = System.nanoTime();
        long bytes2 = THREADS.getCurrentThreadAllocatedBytes();
        return new Sample(written - start, read - written, bytes1 - bytes0, bytes2 - bytes1, received);
    }

    private static Sample bufferRoundTrip(KryoWireSerializer serializer, Object message, ByteBuffer direct) {
        String manifest = serializer.manifest(message);
        direct.clear();
        long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        serializer.toBinary(message, direct);
        long written = System.nanoTime();
        long bytes1 = THREADS.getCurrentThreadAllocatedBytes();
        direct.flip();
        Object received = serializer.fromBinary(direct, manifest);
        long read = System.nanoTime();
        long bytes2 = THREADS.getCurrentThreadAllocatedBytes();
        return new Sample(written - start, read - written, bytes1 - bytes0, bytes2 - bytes1, received);
    }

    private static long median(Sample[] samples, ToLongFunction<Sample> value) {
        long[] values = Arrays.stream(samples).mapToLong(value).sorted().toArray();
        return values[values.length / 2];
    }

    /** One way of moving a message. */
    private record Transfer(String name, RoundTrip roundTrip) {}

    /** One timed round trip. */
    @FunctionalInterface
    private interface RoundTrip {
        Sample run();
    }

    /** The times and allocations of one round trip, and the message it delivered. */
    private record Sample(long serialiseNanos, long deserialiseNanos, long serialiseBytes, long deserialiseBytes,
            Object received) {}
}
