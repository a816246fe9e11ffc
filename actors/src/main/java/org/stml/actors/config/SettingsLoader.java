package org.stml.actors.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a run's configuration the way the command line does: the reference defaults, then an optional
 * {@code --config} file, then {@code -D key=value} overrides in order (a later one wins), all HOCON. JVM system
 * properties and environment variables are never mixed in, so nothing outside the command line changes training.
 *
 * <p>Immutable: {@link #withConfigFile(Path)} and {@link #withOverrides(List)} return new loaders.
 */
public final class SettingsLoader {

    private final Optional<Path> configFile;
    private final List<String> overrides;

    private SettingsLoader(Optional<Path> configFile, List<String> overrides) {
        this.configFile = configFile;
        this.overrides = List.copyOf(overrides);
    }

    /**
     * Returns a loader of the reference defaults alone.
     *
     * @return a loader with no file and no overrides
     */
    public static SettingsLoader create() {
        return new SettingsLoader(Optional.empty(), List.of());
    }

    /**
     * Returns a loader that also reads a HOCON file over the defaults ({@code --config file.conf}).
     *
     * @param file the file; it must exist when {@link #load()} runs
     * @return a new loader
     */
    public SettingsLoader withConfigFile(Path file) {
        return new SettingsLoader(Optional.of(file), overrides);
    }

    /**
     * Returns a loader that also applies overrides over the file, in order ({@code -D stml.loss.margin=0.9}).
     *
     * @param keyValues each {@code key=value}, the value in HOCON syntax; an empty value is the empty string
     * @return a new loader, with these overrides after any it already had
     */
    public SettingsLoader withOverrides(List<String> keyValues) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(keyValues);
        return new SettingsLoader(configFile, all);
    }

    /**
     * Builds and resolves the whole configuration (the {@code stml} section and any other, e.g. {@code pekko}).
     *
     * @return the resolved configuration, defaults included
     * @throws InvalidSettingsException if the file is missing or unreadable, or an override is malformed; one line
     *     per problem
     */
    public Config load() {
        List<String> errors = new ArrayList<>();
        Config config = ConfigFactory.defaultReferenceUnresolved(SettingsLoader.class.getClassLoader());
        if (configFile.isPresent()) {
            config = readFile(configFile.get(), errors).withFallback(config);
        }
        for (String override : overrides) {
            config = parseOverride(override, errors).withFallback(config);
        }
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        try {
            return config.resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            throw new InvalidSettingsException(List.of("cannot resolve the configuration: " + oneLine(e)));
        }
    }

    /**
     * Builds the configuration and reads its {@code stml} section.
     *
     * @return the validated settings
     * @throws InvalidSettingsException listing every problem, one line each
     */
    public StmlSettings loadSettings() {
        return StmlSettings.load(load());
    }

    private static Config readFile(Path file, List<String> errors) {
        if (!Files.isRegularFile(file)) {
            errors.add("--config " + file + ": no such file");
            return ConfigFactory.empty();
        }
        try {
            return ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
        } catch (ConfigException e) {
            errors.add("--config " + file + ": " + oneLine(e));
            return ConfigFactory.empty();
        }
    }

    private static Config parseOverride(String override, List<String> errors) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            errors.add("-D " + override + ": expected key=value, e.g. stml.loss.margin=0.9");
            return ConfigFactory.empty();
        }
        String key = override.substring(0, equals).trim();
        String text = override.substring(equals + 1).trim();
        try {
            ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            errors.add("-D " + override + ": malformed key \"" + key + "\"");
            return ConfigFactory.empty();
        }
        try {
            Config parsed = ConfigFactory.parseString("value = " + (text.isEmpty() ? "\"\"" : text),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
            if (parsed.root().size() != 1) {
                errors.add("-D " + override + ": malformed value (one value expected)");
                return ConfigFactory.empty();
            }
            ConfigValue value = parsed.getValue("value");
            return ConfigFactory.empty().withValue(key, value);
        } catch (ConfigException e) {
            errors.add("-D " + override + ": malformed value (" + oneLine(e) + ")");
            return ConfigFactory.empty();
        }
    }

    private static String oneLine(ConfigException e) {
        return e.getMessage().replaceAll("\\s*\\R\\s*", " ");
    }
}
