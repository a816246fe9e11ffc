package org.stml.actors.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A node: the one actor system of this process, created from the Config it is given. Runs spawn their actors under
 * it with {@link #spawn}; closing the node stops everything.
 */
public final class StmlNode implements AutoCloseable {

    /** The name of every node's actor system (nodes of one cluster must share it). */
    public static final String SYSTEM_NAME = "stml";

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private final ActorSystem<NodeGuardian.Command> system;
    private final AtomicInteger spawned = new AtomicInteger();

    private StmlNode(ActorSystem<NodeGuardian.Command> system) {
        this.system = system;
    }

    /**
     * Starts a node.
     *
     * @param config the node's whole configuration (Pekko's and the tensor dispatcher's); see
     *     {@link #singleNodeConfig()}
     * @return the node
     */
    public static StmlNode start(Config config) {
        return new StmlNode(ActorSystem.create(NodeGuardian.create(), SYSTEM_NAME, config));
    }

    /**
     * Returns the configuration of a node that runs every actor in this JVM: {@code single-node.conf} over the
     * reference configurations on the class path.
     *
     * @return the configuration
     */
    public static Config singleNodeConfig() {
        return ConfigFactory.load("single-node");
    }

    /**
     * Returns the actor system.
     *
     * @return the system
     */
    public ActorSystem<?> system() {
        return system;
    }

    /**
     * Spawns a subtree of actors under the node's guardian, named {@code prefix-N} with N unique in this node.
     *
     * @param behavior the subtree's root
     * @param prefix the start of its name
     * @param <T> the root's message type
     * @return the root and a future completed when it has stopped
     */
    public <T> Subtree<T> spawn(Behavior<T> behavior, String prefix) {
        String name = prefix + "-" + spawned.incrementAndGet();
        NodeGuardian.Spawned<T> spawnedChild = await(AskPattern.<NodeGuardian.Command, NodeGuardian.Spawned<T>>ask(
                system, replyTo -> new NodeGuardian.Spawn<>(behavior, name, replyTo), ASK_TIMEOUT,
                system.scheduler()).toCompletableFuture(), ASK_TIMEOUT, "spawning " + name);
        return new Subtree<>(spawnedChild.ref(), spawnedChild.stopped());
    }

    /**
     * Stops a subtree (if it still runs) and waits until every actor of it has stopped.
     *
     * @param subtree the subtree
     * @throws IllegalStateException if it does not stop within 30 s
     */
    public void stop(Subtree<?> subtree) {
        system.tell(new NodeGuardian.Stop(subtree.root()));
        await(subtree.stopped(), ASK_TIMEOUT, "stopping " + subtree.root().path().name());
    }

    /**
     * Stops the actor system and waits for it.
     *
     * @throws IllegalStateException if it does not stop within 30 s
     */
    @Override
    public void close() {
        system.terminate();
        await(system.getWhenTerminated().toCompletableFuture(), ASK_TIMEOUT, "stopping the actor system");
    }

    /**
     * Waits for a future of the node.
     *
     * @param future the future
     * @param timeout the longest wait
     * @param what what is waited for, for the error message
     * @param <R> the result type
     * @return the result
     * @throws IllegalStateException if it fails or times out
     */
    public static <R> R await(CompletableFuture<R> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " did not finish: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    /**
     * A spawned subtree.
     *
     * @param root its root actor
     * @param stopped completed when the root (and so every actor under it) has stopped
     * @param <T> the root's message type
     */
    public record Subtree<T>(ActorRef<T> root, CompletableFuture<Void> stopped) {}
}
