package org.stml.actors.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.stml.actors.config.StmlSettings;
import org.stml.model.checkpoint.Provenance;
import org.stml.model.data.DatasetFingerprint;

/**
 * The provenance a run records in {@code provenance.json} and in every checkpoint: its start time, the versions of
 * stml, DJL, libtorch, Pekko, the JVM and the operating system, the host and the device, the dataset's fingerprint
 * and the resolved settings.
 */
final class RunProvenance {

    private static final String VERSION_RESOURCE = "stml-version.properties";

    private RunProvenance() {}

    /** Returns the provenance of a run that starts now on the given data. */
    static Provenance of(StmlSettings settings, DatasetFingerprint dataset) {
        return Provenance.builder()
                .optStarted(Instant.now())
                .optVersions(versions())
                .optDataset(dataset)
                .optConfig(settings.flatten())
                .build();
    }

    /** Returns the versions of the software and the machine, by name. */
    static Map<String, String> versions() {
        Engine engine = Engine.getInstance();
        Map<String, String> versions = new TreeMap<>();
        versions.put("project", "stml " + projectVersion());
        versions.put("djl", Engine.getDjlVersion());
        versions.put("libtorch", engine.getVersion());
        versions.put("pekko", org.apache.pekko.Version.current());
        versions.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        versions.put("host", hostName());
        versions.put("device", DeviceLine.name(engine.defaultDevice()));
        return versions;
    }

    /** Returns the version of stml this build is, from the build's version resource. */
    static String projectVersion() {
        try (InputStream in = RunProvenance.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VERSION_RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VERSION_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
