package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.FileImageSource;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageDecoder;
import org.stml.model.data.ImageRecord;
import org.stml.model.data.RgbImage;

class ParallelImageLoaderTest {

    private static final int CORRUPT = 5;

    private final TrainTransform transform = TrainTransform.builder().optSize(16).build();

    @TempDir
    Path folder;

    @Test
    void sameSeedSameBatchWhateverTheThreadCount() throws IOException {
        ImageDataset dataset = dataset(false);
        int[] indices = {7, 0, 3, 9, 1, 11, 4, 2};
        HostBatch one;
        HostBatch four;
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(1).build()) {
            one = loader.load(dataset, indices, transform, 2, 42);
        }
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(4).build()) {
            four = loader.load(dataset, indices, transform, 2, 42);
            assertFalse(Arrays.equals(one.pixels(), loader.load(dataset, indices, transform, 2, 43).pixels()));
        }
        assertArrayEquals(one.pixels(), four.pixels());
        assertArrayEquals(one.datasetIndices(), four.datasetIndices());
    }

    @Test
    void rowsAreViewMajorAndViewsDiffer() throws IOException {
        ImageDataset dataset = dataset(false);
        int[] indices = {4, 8, 1};
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            HostBatch batch = loader.load(dataset, indices, transform, 3, 5);
            assertEquals(3, batch.views());
            assertEquals(3, batch.images());
            assertEquals(9, batch.rows());
            assertEquals(List.of(9L, 3L, 16L, 16L), Arrays.stream(batch.shape().getShape()).boxed().toList());
            assertArrayEquals(new int[] {4, 8, 1, 4, 8, 1, 4, 8, 1}, batch.datasetIndices());
            assertEquals(0, batch.skipped().length);
            int viewBytes = 3 * 16 * 16;
            for (int v = 0; v < 3; v++) {
                for (int p = 0; p < 3; p++) {
                    RgbImage image = dataset.get(indices[p]).source().load(new DefaultImageDecoder());
                    byte[] expected = transform.apply(image, ParallelImageLoader.viewRandom(5, p, v));
                    int row = v * 3 + p;
                    assertArrayEquals(expected, Arrays.copyOfRange(batch.pixels(), row * viewBytes,
                            (row + 1) * viewBytes), "row " + row);
                }
            }
            assertFalse(Arrays.equals(Arrays.copyOfRange(batch.pixels(), 0, viewBytes),
                    Arrays.copyOfRange(batch.pixels(), 3 * viewBytes, 4 * viewBytes)));
        }
    }

    @Test
    void aCorruptImageIsSkippedAndReportedOnce() throws IOException {
        ImageDataset dataset = dataset(true);
        Path corrupt = folder.resolve(CORRUPT + ".jpg");
        Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        ImageDecoder counting = (bytes, location) -> {
            reads.computeIfAbsent(location, key -> new AtomicInteger()).incrementAndGet();
            return new DefaultImageDecoder().decode(bytes, location);
        };
        int[] indices = {4, CORRUPT, 6};
        String log;
        HostBatch first;
        HostBatch second;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).optDecoder(counting).build()) {
            first = loader.load(dataset, indices, transform, 2, 1);
            second = loader.load(dataset, new int[] {CORRUPT, 6, CORRUPT, 4}, transform, 2, 1);
            assertEquals(1, loader.corruptImages().count());
            assertTrue(loader.corruptImages().reasons().get(corrupt.toString()).startsWith(corrupt + ": "));
        } finally {
            System.setErr(err);
            log = captured.toString(StandardCharsets.UTF_8);
        }
        assertEquals(2, first.images());
        assertArrayEquals(new int[] {4, 6, 4, 6}, first.datasetIndices());
        assertArrayEquals(new int[] {CORRUPT}, first.skipped());
        assertEquals(4 * 3 * 16 * 16, first.pixels().length);
        assertArrayEquals(new int[] {6, 4, 6, 4}, second.datasetIndices());
        assertArrayEquals(new int[] {CORRUPT, CORRUPT}, second.skipped());
        assertEquals(1, reads.get(corrupt.toString()).get(), "the corrupt image is not read again");
        List<String> warnings = log.lines().filter(line -> line.contains("WARN")).toList();
        assertEquals(1, warnings.size(), log);
        assertTrue(warnings.get(0).contains(corrupt.toString()), warnings.get(0));
    }

    @Test
    void skippedRowsKeepTheViewsOfTheOthers() throws IOException {
        ImageDataset dataset = dataset(true);
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(3).build()) {
            HostBatch withCorrupt = loader.load(dataset, new int[] {4, CORRUPT, 6}, transform, 2, 9);
            int viewBytes = 3 * 16 * 16;
            RgbImage six = dataset.get(6).source().load(new DefaultImageDecoder());
            byte[] expected = transform.apply(six, ParallelImageLoader.viewRandom(9, 2, 1));
            assertArrayEquals(expected, Arrays.copyOfRange(withCorrupt.pixels(), 3 * viewBytes, 4 * viewBytes));
        }
    }

    /** Twelve JPEG and PNG files of varied sizes; with {@code corrupt}, file 5 is a JPEG cut in half. */
    private ImageDataset dataset(boolean corrupt) throws IOException {
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String format = i % 2 == 0 ? "png" : "jpg";
            byte[] bytes = TestImages.encode(TestImages.smoothRgb(20 + 7 * i, 60 - 3 * i), format);
            if (corrupt && i == CORRUPT) {
                bytes = Arrays.copyOf(bytes, bytes.length / 2);
            }
            Path file = Files.write(folder.resolve(i + "." + format), bytes);
            records.add(new ImageRecord(new FileImageSource(file), i % 3));
        }
        return new ImageDataset("test images", records);
    }
}
