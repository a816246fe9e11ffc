package org.stml.monitoring.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs the Prometheus binaries of Debian's {@code prometheus} package. Under CI (the {@code CI} variable
 * set) a missing binary fails the test; run by hand without the package, the test is aborted with a message that
 * says how to install it.
 */
public final class PrometheusTools {

    private PrometheusTools() {}

    /**
     * Returns the path of a Prometheus binary on the {@code PATH}.
     *
     * @param name {@code prometheus} or {@code promtool}
     * @return its path
     */
    public static Path binary(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not installed, so this test cannot run: install Debian's prometheus package "
                + "(sudo apt-get install prometheus), which .ci/run installs in CI";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new IllegalStateException(message);
    }

    /**
     * Runs {@code promtool} with the given arguments, standard input from a file if given.
     *
     * @param input the file fed to standard input, or null
     * @param arguments the arguments
     * @return the exit status and the output (stdout and stderr)
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted
     */
    public static Result promtool(Path input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary("promtool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", arguments) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    /**
     * What a run of promtool gave.
     *
     * @param status the exit status
     * @param output stdout and stderr
     */
    public record Result(int status, String output) {}
}
