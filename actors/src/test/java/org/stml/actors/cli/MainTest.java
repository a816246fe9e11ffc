package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.checkpoint.CheckpointStore;
import org.stml.model.checkpoint.Provenance;
import org.stml.model.data.DatasetFingerprint;

class MainTest {

    /** A tiny synthetic run: two epochs of a small ConvNet. */
    static final List<String> TINY = List.of("-D", "stml.run.epochs=2", "-D", "stml.data.synthetic.size=16",
            "-D", "stml.data.train-size=16", "-D", "stml.data.eval-resize=16", "-D", "stml.data.eval-crop=16",
            "-D", "stml.data.sampler-size=16", "-D", "stml.data.synthetic.train-classes=6",
            "-D", "stml.data.synthetic.test-classes=6", "-D", "stml.data.synthetic.instances=10",
            "-D", "stml.model.width=8", "-D", "stml.sampler.batch-size=12", "-D", "stml.monitoring.port=0");

    @TempDir
    Path temp;

    @Test
    void trainsAndWritesTheRunDirectory() throws IOException {
        Path runDir = temp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--run-dir", runDir.toString()));
        args.addAll(TINY);
        ByteArrayOutputStream standardErrorText = new ByteArrayOutputStream();
        PrintStream standardError = System.err;
        Outcome outcome;
        try {
            System.setErr(new PrintStream(standardErrorText, true, StandardCharsets.UTF_8));
            outcome = run(args.toArray(String[]::new));
        } finally {
            System.setErr(standardError);
        }

        assertEquals(0, outcome.status(), outcome.err());
        assertTrue(outcome.out().matches("(?s)stml: device cpu \\(libtorch \\d+\\.\\d+\\.\\d+, \\d+ threads[^\\n]*\\)"
                + "\\R.*"), outcome.out());
        assertEquals(1, outcome.out().lines().filter(line -> line.contains("device")).count(), outcome.out());
        assertFalse(standardErrorText.toString(StandardCharsets.UTF_8).contains("Failed to detect GPU count"),
                standardErrorText.toString(StandardCharsets.UTF_8));
        assertTrue(outcome.out().contains("synthetic train: 60 images, 6 classes"), outcome.out());
        assertTrue(outcome.out().contains("Recall@1 on the held-out split:"), outcome.out());
        assertTrue(Files.readString(runDir.resolve("config.conf")).contains("width=8"));
        Provenance provenance = Provenance.parse(Files.readString(runDir.resolve("provenance.json")));
        assertEquals("0.36.0", provenance.versions().get("djl"));
        assertEquals(Set.of("device", "djl", "host", "jvm", "libtorch", "os", "pekko", "project"),
                provenance.versions().keySet());
        assertTrue(provenance.versions().get("project").matches("stml \\d+\\.\\d+\\.\\d+.*"), provenance.versions()
                .toString());
        assertEquals("8", provenance.config().get("stml.model.width"));
        DatasetFingerprint dataset = provenance.dataset().orElseThrow();
        assertEquals(new DatasetFingerprint(DatasetFingerprint.Kind.GENERATED, 120, dataset.sha256()), dataset,
                "6 + 6 classes of 10 images");
        Checkpoint checkpoint = CheckpointStore.builder().setDirectory(runDir.resolve("checkpoints")).build().latest()
                .orElseThrow();
        assertEquals(provenance, checkpoint.manifest().provenance(), "every checkpoint records the run's provenance");
        List<String> events = Files.readAllLines(runDir.resolve("events.jsonl"));
        assertEquals(2, events.stream().filter(e -> e.contains("\"event\":\"epoch\"")).count());
        assertTrue(events.get(events.size() - 1).contains("\"event\":\"finished\""));
        assertTrue(Files.exists(runDir.resolve("eval/before-training.json")));
        String lastEvaluation = Files.readString(runDir.resolve("eval/epoch-2.json"));
        assertTrue(lastEvaluation.contains("\"recall_at_1\""));

        // the checkpoint of the last epoch, evaluated afresh, reproduces the last evaluation of the run
        Outcome evaluated = run("eval", "--checkpoint", runDir.toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        Matcher logged = Pattern.compile("\"recall_at_1\":([0-9.]+)").matcher(lastEvaluation);
        assertTrue(logged.find(), lastEvaluation);
        String expected = String.format(Locale.ROOT, "%.4f", Double.parseDouble(logged.group(1)));
        assertTrue(evaluated.out().matches("(?s).*recall_at_1\\s+" + Pattern.quote(expected) + "\\R.*"),
                evaluated.out() + " should report recall_at_1 " + expected);

        // embeddings of a folder: a .npy numpy can load and a CSV naming the image of each row
        Path images = Files.createDirectories(temp.resolve("images"));
        writeImage(images.resolve("a.png"), 1);
        writeImage(images.resolve("b.png"), 1);
        writeImage(images.resolve("c.png"), 2);
        Outcome embedded = run("embed", "--checkpoint", runDir.toString(), "--images", images.toString(),
                "--out", temp.resolve("out/embeddings").toString());
        assertEquals(0, embedded.status(), embedded.err());
        float[][] rows = readNpy(temp.resolve("out/embeddings.npy"), 3, 128);
        assertArrayEquals(rows[0], rows[1], 0f, "identical images embed identically");
        assertFalse(Arrays.equals(rows[0], rows[2]));
        List<String> csv = Files.readAllLines(temp.resolve("out/embeddings.csv"));
        assertEquals(List.of("row,path", "0," + images.resolve("a.png"), "1," + images.resolve("b.png"),
                "2," + images.resolve("c.png")), csv);

        // a corrupted checkpoint is refused with one line naming the file
        Path latest = runDir.resolve("checkpoints").resolve(Files.readString(runDir.resolve("checkpoints/latest"))
                .strip());
        byte[] student = Files.readAllBytes(latest.resolve("model-student.params"));
        student[student.length / 2] ^= 0x5A;
        Files.write(latest.resolve("model-student.params"), student);
        Outcome corrupt = run("eval", "--checkpoint", runDir.toString());
        assertEquals(2, corrupt.status());
        assertTrue(corrupt.err().contains("model-student.params is corrupt"), corrupt.err());
        assertEquals(1, corrupt.err().strip().lines().count(), corrupt.err());
    }

    @Test
    void aRunKilledAfterAnEpochResumesToTheSameResultAsAnUninterruptedRun() throws IOException {
        Path whole = temp.resolve("whole");
        Path killed = temp.resolve("killed");
        assertEquals(0, train(whole).status());
        assertEquals(0, train(killed).status());
        // simulate a kill after epoch 1: the epoch-2 checkpoint never got written
        Path checkpoints = killed.resolve("checkpoints");
        Path last = checkpoints.resolve(Files.readString(checkpoints.resolve("latest")).strip());
        try (Stream<Path> files = Files.walk(last)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.writeString(checkpoints.resolve("latest"), "step-000005");
        Files.writeString(checkpoints.resolve("best"), "step-000005");
        Files.delete(killed.resolve("eval/epoch-2.json"));

        Outcome refused = run("resume", "--run-dir", killed.toString(), "-D", "stml.loss.margin=1.0");
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("stml.loss.margin: the checkpoint has 0.9, this run has 1.0"), refused.err());

        Outcome resumed = run("resume", "--run-dir", killed.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("at epoch 2"), resumed.out());
        assertEquals(Files.readString(whole.resolve("eval/epoch-2.json")),
                Files.readString(killed.resolve("eval/epoch-2.json")), "the resumed run ends like the whole run");
    }

    @Test
    void aRunKilledInsideAnEpochResumesToTheSameParametersAsAnUninterruptedRun() throws IOException {
        Path whole = temp.resolve("whole");
        Path killed = temp.resolve("killed");
        String[] everyThreeSteps = {"-D", "stml.run.checkpoint-every-steps=3", "-D", "stml.run.keep-last=10"};
        assertEquals(0, train(whole, everyThreeSteps).status());
        assertEquals(0, train(killed, everyThreeSteps).status());
        Path checkpoints = killed.resolve("checkpoints");
        assertTrue(Files.isDirectory(checkpoints.resolve("step-000003")), "a checkpoint inside epoch 1");
        assertTrue(Files.isDirectory(checkpoints.resolve("step-000009")), "a checkpoint inside epoch 2");
        // simulate a kill after step 3 of epoch 1: nothing after it was written
        for (String later : List.of("step-000005", "step-000006", "step-000009", "step-000010")) {
            deleteTree(checkpoints.resolve(later));
        }
        Files.writeString(checkpoints.resolve("latest"), "step-000003");
        Files.writeString(checkpoints.resolve("best"), "step-000003");
        Files.delete(killed.resolve("eval/epoch-1.json"));
        Files.delete(killed.resolve("eval/epoch-2.json"));
        String before = Files.readString(killed.resolve("eval/before-training.json"));

        Outcome resumed = run("resume", "--run-dir", killed.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("at epoch 1 step 4"), resumed.out());
        assertTrue(resumed.out().contains("at the resumed position (epoch 1, step 4):"), resumed.out());
        assertEquals(before, Files.readString(killed.resolve("eval/before-training.json")), "left as it was");
        Path wholeEnd = whole.resolve("checkpoints/step-000010");
        Path resumedEnd = checkpoints.resolve("step-000010");
        for (String file : List.of("model-student.params", "model-teacher.params")) {
            assertArrayEquals(Files.readAllBytes(wholeEnd.resolve(file)), Files.readAllBytes(resumedEnd.resolve(file)),
                    file + " at step 10: the resumed run has exactly the parameters of the uninterrupted one");
        }
        assertEquals(Files.readString(whole.resolve("eval/epoch-2.json")),
                Files.readString(killed.resolve("eval/epoch-2.json")));
    }

    @Test
    void aStreakOfNonFiniteStepsRollsBackWithTheStreakQuarantinedThenGivesUp() throws IOException {
        Path runDir = temp.resolve("exploding");
        Outcome outcome = train(runDir, "-D", "stml.optimizer.lr=1e30", "-D", "stml.optimizer.emb-lr=1e30",
                "-D", "stml.run.checkpoint-every-steps=1", "-D", "stml.nonfinite.max-consecutive-skips=2",
                "-D", "stml.nonfinite.max-rollbacks=2");

        assertEquals(1, outcome.status(), outcome.out());
        assertTrue(outcome.err().startsWith("stml: training failed: 2 consecutive non-finite steps"), outcome.err());
        assertTrue(outcome.err().contains("after 2 roll-backs (stml.nonfinite.max-rollbacks)"), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
        List<String> events = Files.readAllLines(runDir.resolve("events.jsonl"));
        List<String> rollbacks = events.stream().filter(e -> e.contains("\"event\":\"rollback\"")).toList();
        assertEquals(2, rollbacks.size(), String.join("\n", events));
        assertTrue(rollbacks.get(0).contains("\"quarantined_steps\":\"[1, 2]\""), rollbacks.get(0));
        assertTrue(rollbacks.get(1).contains("\"quarantined_steps\":\"[1, 2, 3, 4]\""), rollbacks.get(1));
        assertTrue(outcome.out().contains("rolled back to step-000001"), outcome.out());
    }

    private Outcome train(Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--run-dir", runDir.toString()));
        args.addAll(TINY);
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anUnknownKeyIsRefusedWithOneLineNamingIt() {
        Outcome outcome = run("train", "-D", "stml.optimizer.lrr=0.1");
        assertEquals(2, outcome.status());
        assertEquals("stml: unknown key stml.optimizer.lrr (did you mean stml.optimizer.lr?)", outcome.err().strip());
    }

    @Test
    void aMissingDataFolderIsRefusedWithOneLine() {
        Outcome outcome = run("train", "--data", "cifar10:" + temp.resolve("absent"));
        assertEquals(2, outcome.status());
        assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
        assertTrue(outcome.err().contains(temp.resolve("absent").toString()), outcome.err());
    }

    @Test
    void aTakenMetricsPortIsRefusedWithOneLineBeforeAnythingIsWritten() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path runDir = temp.resolve("never");
            Outcome outcome = run("train", "--run-dir", runDir.toString(), "-D",
                    "stml.monitoring.port=" + taken.getLocalPort());
            assertEquals(2, outcome.status());
            assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
            assertTrue(outcome.err().startsWith("stml: cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()
                    + " (stml.monitoring.host/.port)"), outcome.err());
            assertFalse(Files.exists(runDir), "no run directory is left behind");
        }
    }

    @Test
    void unknownOptionsAndCommandsAreRefused() {
        assertEquals(2, run("train", "--bogus", "1").status());
        assertEquals(2, run("fly").status());
        assertEquals(2, run("train", "--data", "cifar10").status());
    }

    static void writeImage(Path file, long seed) throws IOException {
        BufferedImage image = new BufferedImage(20, 14, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 20; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Reads a .npy file of float32, checking its header, as numpy.load would. */
    private static float[][] readNpy(Path file, int rows, int columns) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        bytes.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, magic);
        byte[] header = new byte[Short.toUnsignedInt(bytes.getShort())];
        bytes.get(header);
        String dict = new String(header, StandardCharsets.US_ASCII);
        assertEquals(0, (10 + header.length) % 64, "data aligned to 64 bytes");
        assertTrue(dict.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns
                + "), }") && dict.endsWith("\n"), dict);
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = bytes.getFloat();
            }
        }
        assertFalse(bytes.hasRemaining());
        return values;
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Outcome(int status, String out, String err) {}
}
