package org.stml.actors.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.stml.actors.config.SettingsLoader;
import org.stml.actors.config.StmlSettings;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.checkpoint.CheckpointException;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.layout.DatasetLayouts;
import org.stml.model.data.layout.UnlabeledLayout;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;

/**
 * {@code stml embed --checkpoint PATH --images FOLDER --out PREFIX}: embeds every image under a folder (recursive)
 * with a checkpoint's student f head (its networks restored, no optimizer or trainer) and the evaluation transform,
 * and writes {@code PREFIX.npy} (float32, one row per image, {@code numpy.load}-able) and {@code PREFIX.csv}
 * ({@code row,path}: the image of each row). Unreadable images are skipped and listed on standard output.
 */
final class EmbedCommand {

    private final PrintStream out;

    EmbedCommand(PrintStream out) {
        this.out = out;
    }

    /** Embeds; returns the exit status. */
    int run(Path checkpointPath, Path images, Path prefix, List<String> overrides) throws CheckpointException {
        Checkpoint checkpoint = Checkpoint.open(CheckpointPaths.resolve(checkpointPath));
        StmlSettings settings = SettingsLoader.create()
                .withConfigFile(checkpoint.directory().resolve("config.conf"))
                .withOverrides(overrides)
                .loadSettings();
        TrainingComponents components = new TrainingComponents(settings);
        ImageDataset dataset = DatasetLayouts.open(UnlabeledLayout.NAME, images).train();
        out.println(DeviceLine.describe());
        out.println(dataset.summary());
        try (NDManager manager = NDManager.newBaseManager(); ParallelImageLoader loader = components.loader()) {
            StmlNetworks networks = components.networks(manager);
            checkpoint.restoreWeights(networks);
            HostBatch batch = loader.load(dataset, IntStream.range(0, dataset.size()).toArray(),
                    components.evalTransform(), 1, 0);
            NDArray embeddings = networks.student().embed(new ParameterStore(manager, false),
                    batch.toNetworkInput(manager), EmbeddingNetwork.Head.LOW,
                    settings.eval().embedBatch());
            write(prefix, dataset, batch, embeddings.toFloatArray(), networks.student().embeddingSize());
        }
        return 0;
    }

    private void write(Path prefix, ImageDataset dataset, HostBatch batch, float[] values, int columns) {
        Path npy = Path.of(prefix + ".npy");
        Path csv = Path.of(prefix + ".csv");
        List<String> lines = new ArrayList<>();
        lines.add("row,path");
        int[] rows = batch.datasetIndices();
        for (int row = 0; row < rows.length; row++) {
            lines.add(row + "," + quote(dataset.get(rows[row]).source().location()));
        }
        try {
            if (prefix.toAbsolutePath().getParent() != null) {
                Files.createDirectories(prefix.toAbsolutePath().getParent());
            }
            NpyFile.write(npy, values, rows.length, columns);
            Files.write(csv, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + npy + " or " + csv + ": " + e.getMessage(), e);
        }
        out.println("wrote " + rows.length + " embeddings of " + columns + " floats to " + npy + " and " + csv
                + (batch.skipped().length == 0 ? "" : "; skipped " + batch.skipped().length + " unreadable images"));
    }

    private static String quote(String field) {
        boolean plain = field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0;
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
