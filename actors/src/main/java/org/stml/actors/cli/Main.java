package org.stml.actors.cli;

import com.typesafe.config.ConfigException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stml.actors.config.InvalidSettingsException;
import org.stml.actors.config.SettingsLoader;
import org.stml.model.checkpoint.CheckpointException;
import org.stml.model.data.layout.DatasetLayoutException;

/**
 * The {@code stml} command line. {@code stml train [--config FILE] [--run-dir DIR] [--data LAYOUT:PATH]
 * [-D key=value]...} trains (with no options on the built-in synthetic data) and checkpoints every epoch;
 * {@code stml eval --checkpoint PATH} evaluates a checkpoint's student on the held-out split;
 * {@code stml embed --checkpoint PATH --images FOLDER --out PREFIX} writes embeddings as {@code .npy} + CSV;
 * {@code stml resume --run-dir DIR [--force]} continues a run from its latest checkpoint. Bad input ends with one line
 * per problem on standard error and exit code 2.
 */
public final class Main {

    private static final String USAGE = "usage: stml train [--config FILE] [--run-dir DIR] [--data LAYOUT:PATH] "
            + "[-D key=value]... | stml eval --checkpoint PATH [--data LAYOUT:PATH] [-D key=value]... "
            + "| stml embed --checkpoint PATH --images FOLDER --out PREFIX | stml resume --run-dir DIR [--force]";

    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where errors go
     * @return the exit status: 0 on success, 2 on bad input, 1 on a failure during training
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("train", "eval", "embed", "resume").contains(args[0])) {
            err.println(args.length == 0 || "help".equals(args[0]) ? USAGE : "stml: unknown command '" + args[0]
                    + "'; " + USAGE);
            return args.length > 0 && "help".equals(args[0]) ? 0 : 2;
        }
        try {
            TrainOptions options = TrainOptions.parse(Arrays.copyOfRange(args, 1, args.length));
            if ("resume".equals(args[0])) {
                if (options.runDir() == null) {
                    throw new IllegalArgumentException("stml resume needs --run-dir DIR; " + USAGE);
                }
                return new ResumeCommand(out, err).run(options.runDir(), options.overrides(), options.force());
            }
            if (!"train".equals(args[0]) && options.checkpoint() == null) {
                throw new IllegalArgumentException("stml " + args[0] + " needs --checkpoint PATH; " + USAGE);
            }
            if ("eval".equals(args[0])) {
                return new EvalCommand(out).run(options.checkpoint(), options.overrides());
            }
            if ("embed".equals(args[0])) {
                if (options.images() == null || options.out() == null) {
                    throw new IllegalArgumentException("stml embed needs --images FOLDER and --out PREFIX; " + USAGE);
                }
                return new EmbedCommand(out).run(options.checkpoint(), options.images(), options.out(),
                        options.overrides());
            }
            if (options.checkpoint() != null || options.images() != null || options.out() != null) {
                throw new IllegalArgumentException("--checkpoint, --images and --out are options of stml eval and "
                        + "stml embed; " + USAGE);
            }
            SettingsLoader loader = SettingsLoader.create().withOverrides(options.overrides());
            if (options.config() != null) {
                loader = loader.withConfigFile(options.config());
            }
            return new TrainCommand(loader.loadSettings(), Console.forStream(out)).run(options.runDir());
        } catch (InvalidSettingsException e) {
            e.errors().forEach(line -> err.println("stml: " + line));
            return 2;
        } catch (TrainingFailedException e) {
            err.println("stml: training failed: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | DatasetLayoutException | ConfigException | UncheckedIOException
                | CheckpointException e) {
            err.println("stml: " + e.getMessage());
            return 2;
        }
    }

    /** The options of {@code stml train}. */
    record TrainOptions(Path config, Path runDir, Path checkpoint, Path images, Path out, boolean force,
            List<String> overrides) {

        static TrainOptions parse(String[] args) {
            Path config = null;
            Path runDir = null;
            Path checkpoint = null;
            Path images = null;
            Path out = null;
            boolean force = false;
            List<String> overrides = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("-D") && arg.length() > 2) {
                    overrides.add(arg.substring(2));
                } else if ("--force".equals(arg)) {
                    force = true;
                } else if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value; " + USAGE);
                } else {
                    String value = args[++i];
                    switch (arg) {
                        case "--config" -> config = Path.of(value);
                        case "--run-dir" -> runDir = Path.of(value);
                        case "--checkpoint" -> checkpoint = Path.of(value);
                        case "--images" -> images = Path.of(value);
                        case "--out" -> out = Path.of(value);
                        case "--data" -> overrides.addAll(dataOverrides(value));
                        case "-D" -> overrides.add(value);
                        default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
                    }
                }
            }
            return new TrainOptions(config, runDir, checkpoint, images, out, force, overrides);
        }

        private static List<String> dataOverrides(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IllegalArgumentException("--data needs LAYOUT:PATH, e.g. cifar10:/data/cifar10; got "
                        + value);
            }
            return List.of("stml.data.layout=" + value.substring(0, colon),
                    "stml.data.path=\"" + value.substring(colon + 1).replace("\"", "\\\"") + "\"");
        }
    }
}
