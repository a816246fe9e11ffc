package org.stml.actors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.stml.actors.pipeline.BatchLoader;
import org.stml.actors.pipeline.EmaBroadcaster;
import org.stml.actors.pipeline.Evaluator;
import org.stml.actors.pipeline.StudentTrainer;
import org.stml.actors.pipeline.TeacherInference;
import org.junit.jupiter.api.io.TempDir;
import org.stml.actors.transport.TestMessages.Ping;
import org.stml.actors.transport.TestMessages.Pong;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;

/** The registration table: what it accepts, what it refuses, and a hash that follows every change of shape. */
class WireProtocolTest {

    @TempDir
    Path temp;

    /** A record with a collection. */
    record WithList(List<String> names) {}

    /** A record with a boxed number. */
    record WithBoxed(Integer count) {}

    /** A record with an unregistered record. */
    record WithStranger(Pong pong) {}

    /** Not a record. */
    static final class Plain {}

    @Test
    void thePipelineTableRegistersEveryMessageBetweenTheActorsAndTheHostTypesTheyCarry() {
        WireProtocol current = StmlWireProtocol.CURRENT;
        assertEquals(1, current.version());
        assertEquals(Optional.of(new WireProtocol.Registration(17, HostTensor.class)), current.registration(17));
        assertEquals(Optional.empty(), current.registration(Ping.class));
        assertTrue(current.hash().matches("[0-9a-f]{64}"), current.hash());
        assertTrue(current.describe().startsWith("stml wire protocol 1\n"
                + "16 org.stml.model.tensor.TensorType enum(FLOAT32,UINT8,INT32,INT64)\n"
                + "17 org.stml.model.tensor.HostTensor record(type:org.stml.model.tensor.TensorType,shape:long[],"
                + "data:byte[])\n"
                + "18 org.stml.model.tensor.HostWeights record(version:long,names:java.lang.String[],"
                + "tensors:org.stml.model.tensor.HostTensor[])\n"), current.describe());
        for (Class<?> actor : List.of(BatchLoader.class, TeacherInference.class, EmaBroadcaster.class,
                Evaluator.class, StudentTrainer.class)) {
            for (Class<?> message : actor.getDeclaredClasses()) {
                if (WireMessage.class.isAssignableFrom(message)) {
                    assertTrue(current.registration(message).isPresent(), message.getName() + " is not registered");
                }
            }
        }
    }

    @Test
    void registrationsAreKeptInIdOrderWhateverTheOrderOfRegistering() {
        WireProtocol protocol = WireProtocol.builder().setVersion(2).register(40, Pong.class)
                .register(20, HostTensor.class).register(30, TensorType.class).build();
        assertEquals(List.of(20, 30, 40), protocol.registrations().stream().map(WireProtocol.Registration::id)
                .toList());
        assertEquals(protocol.hash(), WireProtocol.builder().setVersion(2).register(20, HostTensor.class)
                .register(30, TensorType.class).register(40, Pong.class).build().hash());
    }

    @Test
    void badTablesAreRefusedWithTheReason() {
        assertRefused("below 16", () -> WireProtocol.builder().register(15, TensorType.class));
        assertRefused("neither a record nor an enum", () -> WireProtocol.builder().register(16, Plain.class));
        assertRefused("id 16 is taken by", () -> WireProtocol.builder().register(16, TensorType.class)
                .register(16, HostTensor.class));
        assertRefused("registered twice", () -> WireProtocol.builder().register(16, TensorType.class)
                .register(17, TensorType.class));
        assertRefused("not in 1..65535", () -> WireProtocol.builder().setVersion(65536));
        assertThrows(IllegalStateException.class, () -> WireProtocol.builder().register(16, TensorType.class)
                .build());
        assertRefused("WithList.names has type java.util.List<java.lang.String>", () -> table(WithList.class));
        assertRefused("WithBoxed.count has type java.lang.Integer", () -> table(WithBoxed.class));
        assertRefused("register " + Pong.class.getName() + " in the protocol too", () -> table(WithStranger.class));
        assertRefused("HostTensor.type has type org.stml.model.tensor.TensorType",
                () -> WireProtocol.builder().setVersion(1).register(16, HostTensor.class).build());
    }

    @Test
    void theHashFollowsTheVersionTheIdsAndTheClasses() {
        String base = hostTypes(1, 16).hash();
        assertEquals(base, hostTypes(1, 16).hash(), "the same table");
        assertNotEquals(base, hostTypes(2, 16).hash(), "version");
        assertNotEquals(base, hostTypes(1, 20).hash(), "ids");
        assertNotEquals(base, WireProtocol.builder().setVersion(1).register(16, TensorType.class)
                .register(17, HostTensor.class).register(18, HostWeights.class).register(19, Pong.class).build()
                .hash(), "one more class");
    }

    @Test
    void theHashChangesWhenARecordComponentChangesAndOnlyThen() throws IOException, ReflectiveOperationException {
        String original = hashOf("public record Shape(int count, float[] values) {}");
        assertEquals(original, hashOf("public record Shape(int count, float[] values) {}"), "same shape");
        assertEquals(original, hashOf("public record Shape(int count, float[] values) { int twice() { return 2; }"
                + " }"), "methods are not part of the shape");
        assertNotEquals(original, hashOf("public record Shape(int total, float[] values) {}"), "a renamed component");
        assertNotEquals(original, hashOf("public record Shape(long count, float[] values) {}"), "a retyped one");
        assertNotEquals(original, hashOf("public record Shape(float[] values, int count) {}"), "a reordered one");
        assertNotEquals(original, hashOf("public record Shape(int count, float[] values, String name) {}"),
                "an added one");
    }

    /** Compiles {@code wire.probe.Shape} from the source in a class loader of its own and hashes a table of it. */
    private String hashOf(String source) throws IOException, ReflectiveOperationException {
        Path dir = Files.createTempDirectory(temp, "shape");
        Path file = dir.resolve("wire/probe/Shape.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package wire.probe;\n" + source + "\n");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, "-d", dir.toString(), file.toString()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            return table(loader.loadClass("wire.probe.Shape")).hash();
        }
    }

    private static WireProtocol hostTypes(int version, int firstId) {
        return WireProtocol.builder().setVersion(version).register(firstId, TensorType.class)
                .register(firstId + 1, HostTensor.class).register(firstId + 2, HostWeights.class).build();
    }

    private static WireProtocol table(Class<?> type) {
        return WireProtocol.builder().setVersion(1).register(16, type).build();
    }

    private static void assertRefused(String why, Runnable build) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }
}
