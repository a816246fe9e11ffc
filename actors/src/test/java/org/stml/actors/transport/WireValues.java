package org.stml.actors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.stml.actors.transport.TestMessages.AllKinds;
import org.stml.actors.transport.TestMessages.Pong;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;

/** Sample messages of every field kind, and a deep comparison of records with array components. */
final class WireValues {

    private WireValues() {}

    /** A message with every kind of component, awkward values included (NaN, -0, extremes, non-ASCII, empty). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static AllKinds allKinds(ActorRef<Pong> replyTo) {
        HostTensor tensor = HostTensor.ofFloats(new long[] {2, 3}, new float[] {1, -0f, Float.NaN,
            Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY});
        HostTensor pixels = new HostTensor(TensorType.UINT8, new long[] {1, 2, 2}, new byte[] {0, 127, -128, -1});
        HostTensor empty = new HostTensor(TensorType.INT64, new long[] {0, 4}, new byte[0]);
        HostWeights weights = new HostWeights(7, new String[] {"conv.weight", "bn.running_mean"},
                new HostTensor[] {tensor, pixels});
        return new AllKinds(true, Byte.MIN_VALUE, Short.MAX_VALUE, 'λ', Integer.MIN_VALUE, Long.MAX_VALUE, -0f,
                Double.MIN_VALUE, "ünïcødé ✓ — and a long tail of ASCII text to pass 32 characters", null,
                TensorType.INT32, null, new byte[] {1, -2, 3}, new int[] {Integer.MAX_VALUE, -1, 0},
                new long[] {Long.MIN_VALUE, 42}, new float[] {3.5f, Float.NaN, -1e-30f},
                new double[] {Math.PI, Double.NEGATIVE_INFINITY}, null, tensor, null,
                new HostTensor[] {pixels, null, empty}, new String[] {"a", null, ""}, weights, replyTo, null,
                new ActorRef[] {replyTo, null}, new float[][] {{1, 2}, null, {}}, new Pong(5, pixels), null);
    }

    /** Asserts that two values are equal component by component, arrays element by element. */
    static void assertSameValue(Object expected, Object actual, String path) {
        if (expected == null) {
            assertNull(actual, path);
            return;
        }
        assertNotNull(actual, path);
        assertEquals(expected.getClass(), actual.getClass(), path);
        if (expected.getClass().isArray() && !expected.getClass().getComponentType().isPrimitive()) {
            assertEquals(Array.getLength(expected), Array.getLength(actual), path + " length");
            for (int i = 0; i < Array.getLength(expected); i++) {
                assertSameValue(Array.get(expected, i), Array.get(actual, i), path + "[" + i + "]");
            }
        } else if (expected instanceof Record) {
            for (RecordComponent component : expected.getClass().getRecordComponents()) {
                assertSameValue(component(expected, component), component(actual, component),
                        path + "." + component.getName());
            }
        } else {
            assertTrue(Objects.deepEquals(expected, actual), path + ": " + expected + " vs " + actual);
        }
    }

    private static Object component(Object record, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }
}
