package org.stml.model.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry of backbones by name, as selected from configuration. */
public final class Backbones {

    private static final Map<String, Function<BackboneOptions, Backbone>> FACTORIES = registry();

    private Backbones() {}

    private static Map<String, Function<BackboneOptions, Backbone>> registry() {
        Map<String, Function<BackboneOptions, Backbone>> factories = new LinkedHashMap<>();
        factories.put(ResNet.RESNET18, ResNet::resnet18);
        factories.put(ResNet.RESNET50, ResNet::resnet50);
        factories.put(ConvNet.NAME, ConvNet::new);
        return Collections.unmodifiableMap(factories);
    }

    /**
     * Builds a fresh, uninitialised backbone.
     *
     * @param name the backbone name, one of {@link #names()}
     * @param options the construction options
     * @return the new backbone
     * @throws IllegalArgumentException if the name is unknown; the message lists the known names
     */
    public static Backbone create(String name, BackboneOptions options) {
        Function<BackboneOptions, Backbone> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown backbone '" + name + "'; known backbones: " + names());
        }
        return factory.apply(options);
    }

    /**
     * Returns the registered backbone names, in registration order.
     *
     * @return the names
     */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }
}
