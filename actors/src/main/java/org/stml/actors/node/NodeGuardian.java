package org.stml.actors.node;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The guardian of a node's actor system: spawns the subtrees it is asked for (a run and its actors) as its children
 * and tells when each has stopped. Its messages carry behaviours and futures, so they never leave the JVM.
 */
final class NodeGuardian extends AbstractBehavior<NodeGuardian.Command> {

    /** Messages the guardian understands. */
    sealed interface Command extends NoSerializationVerificationNeeded permits Spawn, Stop {}

    /**
     * Spawns a child.
     *
     * @param behavior its behaviour
     * @param name its name, unique among the running children
     * @param replyTo who receives the child
     * @param <T> the child's message type
     */
    record Spawn<T>(Behavior<T> behavior, String name, ActorRef<Spawned<T>> replyTo) implements Command {}

    /**
     * Stops a child, if it still runs.
     *
     * @param child the child
     */
    record Stop(ActorRef<?> child) implements Command {}

    /**
     * A spawned child.
     *
     * @param ref the child
     * @param stopped completed once the child (and so its whole subtree) has stopped
     * @param <T> the child's message type
     */
    record Spawned<T>(ActorRef<T> ref, CompletableFuture<Void> stopped) implements NoSerializationVerificationNeeded {}

    private final Map<ActorRef<?>, CompletableFuture<Void>> running = new HashMap<>();

    private NodeGuardian(ActorContext<Command> context) {
        super(context);
    }

    static Behavior<Command> create() {
        return Behaviors.setup(NodeGuardian::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Spawn.class, this::onSpawn)
                .onMessage(Stop.class, this::onStop)
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private Behavior<Command> onSpawn(Spawn<?> message) {
        spawn(message);
        return this;
    }

    private <T> void spawn(Spawn<T> message) {
        ActorRef<T> child = getContext().spawn(message.behavior(), message.name());
        getContext().watch(child);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        running.put(child, stopped);
        message.replyTo().tell(new Spawned<>(child, stopped));
    }

    private Behavior<Command> onStop(Stop message) {
        if (running.containsKey(message.child())) {
            getContext().stop(message.child());
        }
        return this;
    }

    private Behavior<Command> onTerminated(Terminated signal) {
        CompletableFuture<Void> stopped = running.remove(signal.getRef());
        if (stopped != null) {
            stopped.complete(null);
        }
        return this;
    }
}
