package org.stml.actors.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Nodes for tests: the single-node configuration with every message verified through its serializer. */
public final class TestNodes {

    private TestNodes() {}

    /**
     * Returns the single-node configuration with {@code pekko.actor.serialize-messages = on}.
     *
     * @return the configuration
     */
    public static Config config() {
        return ConfigFactory.parseString("pekko.actor.serialize-messages = on")
                .withFallback(StmlNode.singleNodeConfig());
    }

    /**
     * Starts a test node.
     *
     * @return the node
     */
    public static StmlNode start() {
        return StmlNode.start(config());
    }
}
