package org.stml.actors.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link SettingsLoader} layers the defaults, the {@code --config} file and the overrides. */
class SettingsLoaderTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("run.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void fileOverridesDefaultsAndOverridesOverrideTheFile() throws IOException {
        Path file = file("stml { loss { margin = 1.0, num-neighbors = 4 }, run.epochs = 30 }\n"
                + "stml.optimizer.emb-lr = ${stml.optimizer.lr}\n");
        StmlSettings settings = SettingsLoader.create().withConfigFile(file)
                .withOverrides(List.of("stml.loss.margin=0.8", "stml.run.epochs=5"))
                .withOverrides(List.of("stml.run.epochs=7", "stml.optimizer.lr=2e-4"))
                .loadSettings();
        assertEquals(0.8, settings.loss().margin());
        assertEquals(4, settings.loss().numNeighbors());
        assertEquals(7, settings.run().epochs());
        assertEquals(2e-4, settings.optimizer().embLr(), "substitutions resolve after every layer");
        assertEquals(3.0, settings.loss().sigma());
    }

    @Test
    void missingFileIsOneLineNamingIt() {
        Path missing = dir.resolve("nope.conf");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsLoader.create().withConfigFile(missing).load());
        assertEquals(List.of("--config " + missing + ": no such file"), e.errors());
    }

    @Test
    void unparsableFileIsOneLineNamingIt() throws IOException {
        Path file = file("stml { loss {\n margin = \n");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsLoader.create().withConfigFile(file).load());
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("--config " + file + ": "), e.getMessage());
        assertTrue(!e.errors().get(0).contains("\n"));
    }

    @Test
    void malformedOverridesAreEachOneLine() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsLoader.create()
                .withOverrides(List.of("stml.loss.margin", "=3", "stml..loss=1", "stml.eval.recall-ks=[1,2",
                        "stml.loss.margin=1\nstml.loss.sigma=2"))
                .load());
        List<String> errors = e.errors();
        assertEquals(5, errors.size(), e.getMessage());
        assertEquals("-D stml.loss.margin: expected key=value, e.g. stml.loss.margin=0.9", errors.get(0));
        assertEquals("-D =3: expected key=value, e.g. stml.loss.margin=0.9", errors.get(1));
        assertEquals("-D stml..loss=1: malformed key \"stml..loss\"", errors.get(2));
        assertTrue(errors.get(3).startsWith("-D stml.eval.recall-ks=[1,2: malformed value ("), errors.get(3));
        assertTrue(errors.get(4).endsWith("malformed value (one value expected)"), errors.get(4));
    }

    @Test
    void emptyOverrideValueIsTheEmptyString() {
        StmlSettings settings = SettingsLoader.create()
                .withOverrides(List.of("stml.run.dir=runs/x", "stml.run.dir=")).loadSettings();
        assertEquals("", settings.run().dir());
    }

    @Test
    void systemPropertiesDoNotChangeTraining() {
        System.setProperty("stml.loss.margin", "0.5");
        try {
            Config config = SettingsLoader.create().load();
            assertEquals(0.9, config.getDouble("stml.loss.margin"));
            assertEquals(0.9, SettingsLoader.create().loadSettings().loss().margin());
        } finally {
            System.clearProperty("stml.loss.margin");
        }
    }

    @Test
    void otherSectionsAreKept() {
        Config config = SettingsLoader.create().withOverrides(List.of("pekko.loglevel=DEBUG")).load();
        assertEquals("DEBUG", config.getString("pekko.loglevel"));
        assertTrue(config.hasPath("pekko.actor.provider"), "Pekko's own defaults are part of the configuration");
    }

    @Test
    void loadersAreImmutable() {
        SettingsLoader base = SettingsLoader.create();
        base.withOverrides(List.of("stml.loss.margin=0.5"));
        assertEquals(0.9, base.loadSettings().loss().margin());
    }
}
