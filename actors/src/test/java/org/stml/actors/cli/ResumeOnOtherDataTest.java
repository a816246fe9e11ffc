package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.data.DatasetFingerprint;

/** A run remembers its data: resuming on other data is refused unless forced, evaluating on it is only noted. */
class ResumeOnOtherDataTest {

    /** {@code stml: dataset differs: N files, sha256 …} with the two fingerprints' counts. */
    private static final String DIFFERS = "stml: dataset differs: %d files, sha256 [0-9a-f]{12}… in the checkpoint vs "
            + "%d files, sha256 [0-9a-f]{12}… now";

    @TempDir
    Path temp;

    @Test
    void aResumeOnChangedDataIsRefusedUnlessForcedAndAnEvaluationNotesIt() throws IOException {
        Path data = writeFolderDataset(temp.resolve("data"));
        Path runDir = temp.resolve("run");
        MainTest.Outcome trained = train("train", "--run-dir", runDir.toString(), "--data", "folder:" + data,
                "-D", "stml.run.checkpoint-every-steps=3", "-D", "stml.run.keep-last=10");
        assertEquals(0, trained.status(), trained.err());
        Path checkpoints = runDir.resolve("checkpoints");
        assertEquals(DatasetFingerprint.ofFolder(data), Checkpoint.open(checkpoints.resolve("step-000005")).manifest()
                .provenance().dataset().orElseThrow(), "the checkpoint records the data it was trained on");
        // a kill after the checkpoint inside epoch 1 (step 3): nothing after it was written
        for (String later : List.of("step-000005", "step-000006", "step-000009", "step-000010")) {
            Files.move(checkpoints.resolve(later), temp.resolve("saved-" + later));
        }
        point(checkpoints, "step-000003");
        String provenance = Files.readString(runDir.resolve("provenance.json"));

        Path removed = data.resolve("c11/9.png");
        byte[] removedBytes = Files.readAllBytes(removed);
        Files.delete(removed);
        MainTest.Outcome refused = MainTest.run("resume", "--run-dir", runDir.toString());
        assertEquals(2, refused.status(), refused.out());
        assertTrue(refused.err().strip().matches(String.format(DIFFERS, 120, 119) + " \\(--force to resume anyway\\)"),
                refused.err());
        assertEquals(provenance, Files.readString(runDir.resolve("provenance.json")), "nothing written");
        Files.write(removed, removedBytes);

        Path training = data.resolve("c00/0.png");
        byte[] trainingBytes = Files.readAllBytes(training);
        Files.delete(training);
        MainTest.Outcome inside = MainTest.run("resume", "--run-dir", runDir.toString(), "--force");
        assertEquals(2, inside.status(), inside.out());
        assertTrue(inside.err().contains("stopped inside an epoch whose neighbour table covers 60 images, but the "
                + "training split has 59; that epoch cannot be continued on this data"), inside.err());
        Files.write(training, trainingBytes);

        // back to the epoch-end checkpoint of epoch 1, on data with one image resized
        deleteCheckpoint(checkpoints, "step-000003");
        Files.move(temp.resolve("saved-step-000005"), checkpoints.resolve("step-000005"));
        point(checkpoints, "step-000005");
        Path resizedFile = data.resolve("c03/4.png");
        byte[] resizedBytes = Files.readAllBytes(resizedFile);
        writeImage(resizedFile, 24, 34);
        refused = MainTest.run("resume", "--run-dir", runDir.toString());
        assertEquals(2, refused.status(), refused.out());
        assertTrue(refused.err().strip().matches(String.format(DIFFERS, 120, 120) + " \\(--force to resume anyway\\)"),
                refused.err());

        MainTest.Outcome forced = MainTest.run("resume", "--run-dir", runDir.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(forced.out().matches("(?s).*" + String.format(DIFFERS, 120, 120)
                + " \\(resuming anyway: --force\\)\\R.*"), forced.out());
        assertTrue(forced.out().contains("at epoch 2"), forced.out());
        DatasetFingerprint resized = DatasetFingerprint.ofFolder(data);
        assertEquals(resized, Checkpoint.open(checkpoints.resolve("step-000010")).manifest().provenance().dataset()
                .orElseThrow(), "the resumed run records the data it ran on");

        Files.write(resizedFile, resizedBytes);
        MainTest.Outcome evaluated = MainTest.run("eval", "--checkpoint", runDir.toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertTrue(evaluated.out().matches("(?s).*" + String.format(DIFFERS, 120, 120)
                + " \\(evaluating on the data given now\\)\\R.*recall_at_1.*"), evaluated.out());
    }

    private static MainTest.Outcome train(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(MainTest.TINY);
        return MainTest.run(all.toArray(String[]::new));
    }

    /** Twelve classes of ten small images: six train, six are held out. */
    private static Path writeFolderDataset(Path root) throws IOException {
        for (int label = 0; label < 12; label++) {
            for (int instance = 0; instance < 10; instance++) {
                writeImage(root.resolve(String.format("c%02d/%d.png", label, instance)), 16, label * 10L + instance);
            }
        }
        return root;
    }

    private static void writeImage(Path file, int size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int base = random.nextInt(1 << 24);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, base ^ random.nextInt(1 << 12));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void point(Path checkpoints, String name) throws IOException {
        Files.writeString(checkpoints.resolve("latest"), name);
        Files.writeString(checkpoints.resolve("best"), name);
    }

    private static void deleteCheckpoint(Path checkpoints, String name) throws IOException {
        MainTest.deleteTree(checkpoints.resolve(name));
    }
}
