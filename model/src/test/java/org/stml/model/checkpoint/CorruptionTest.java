package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionTest {

    private static TinyRun run;

    @BeforeAll
    static void networks() {
        run = new TinyRun(4);
    }

    @AfterAll
    static void close() {
        run.close();
    }

    @Test
    void aFlippedByteInAParameterFileNamesTheFile(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Path file = checkpoint.resolve(CheckpointStore.STUDENT);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertFails(checkpoint, "model-student.params is corrupt (sha-256 mismatch)");
    }

    @Test
    void aTruncatedOptimizerFileNamesTheFile(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Path file = checkpoint.resolve(CheckpointStore.OPTIMIZER);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        assertFails(checkpoint, "optimizer.bin is corrupt (sha-256 mismatch)");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Files.delete(checkpoint.resolve(CheckpointStore.TEACHER));
        assertFails(checkpoint, "model-teacher.params is missing");
    }

    @Test
    void aMissingManifestIsOneClearLine(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Files.delete(checkpoint.resolve(Manifest.FILE_NAME));
        assertFails(checkpoint, "manifest.json is missing (incomplete or not a checkpoint)");
    }

    @Test
    void anUnknownFormatVersionIsRefused(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Path manifest = checkpoint.resolve(Manifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"format-version\": 1,",
                "\"format-version\": 99,"));
        assertFails(checkpoint, "format version 99 is not supported (this build reads 1)");
    }

    @Test
    void aMalformedManifestIsRefused(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Path manifest = checkpoint.resolve(Manifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"seed\": 8,", ""));
        assertFails(checkpoint, "manifest.json is malformed (\"seed\" should be a number but is missing)");
    }

    @Test
    void aManifestWithADuplicateKeyOrAFractionalCounterIsRefused(@TempDir Path root) throws IOException {
        Path checkpoint = saved(root);
        Path manifest = checkpoint.resolve(Manifest.FILE_NAME);
        String written = Files.readString(manifest);
        Files.writeString(manifest, written.replace("\"seed\": 8,", "\"seed\": 8,\n  \"seed\": 9,"));
        assertFails(checkpoint, "manifest.json is malformed (Duplicate field 'seed' at line 9 column 9)");
        Files.writeString(manifest, written.replace("\"step\": 1,", "\"step\": 1.5,"));
        assertFails(checkpoint, "manifest.json is malformed (\"step\" should be a 64-bit integer, not 1.5)");
    }

    @Test
    void latestNamingADeletedCheckpointFails(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).build();
        Path checkpoint = run.saveAs(store, 1, 0.5, "a = 1\n");
        Files.move(checkpoint, root.resolve("elsewhere"));
        CheckpointException e = assertThrows(CheckpointException.class, store::latest);
        assertEquals("checkpoint " + checkpoint + ": is not a directory", e.getMessage());
    }

    private static Path saved(Path root) throws IOException {
        return run.saveAs(CheckpointStore.builder().setDirectory(root).build(), 1, 0.5, "a = 1\n");
    }

    private static void assertFails(Path checkpoint, String problem) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(checkpoint));
        assertEquals("checkpoint " + checkpoint + ": " + problem, e.getMessage());
    }
}
