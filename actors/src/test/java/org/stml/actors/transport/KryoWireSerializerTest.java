package org.stml.actors.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stml.actors.transport.WireValues.assertSameValue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.actors.transport.TestMessages.AllKinds;
import org.stml.actors.transport.TestMessages.Chain;
import org.stml.actors.transport.TestMessages.Envelope;
import org.stml.actors.transport.TestMessages.NotInTable;
import org.stml.actors.transport.TestMessages.Pong;
import org.stml.model.tensor.HostTensor;
import org.stml.model.tensor.HostWeights;
import org.stml.model.tensor.TensorType;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/** The serializer on its own: round trips on both paths, the frame layout, and every kind of bad input. */
class KryoWireSerializerTest {

    private static ActorTestKit testKit;
    private static KryoWireSerializer serializer;
    private static KryoWireSerializer pipeline;
    private static TestProbe<Pong> probe;

    private DropCounts drops;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create("wire");
        ExtendedActorSystem system = (ExtendedActorSystem) Adapter.toClassic(testKit.system());
        serializer = new TestWireSerializer(system);
        pipeline = new KryoWireSerializer(system);
        probe = testKit.createTestProbe();
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void countDrops() {
        drops = new DropCounts();
    }

    @AfterEach
    void stopCounting() {
        drops.close();
    }

    @Test
    void everyFieldKindRoundTripsThroughTheByteArrayPath() {
        AllKinds message = WireValues.allKinds(probe.ref());
        Object back = serializer.fromBinary(serializer.toBinary(message), serializer.manifest(message));
        assertSameValue(message, back, "AllKinds");
    }

    @Test
    void everyFieldKindRoundTripsThroughDirectAndHeapBuffers() {
        AllKinds message = WireValues.allKinds(probe.ref());
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.allocateDirect(4096),
            ByteBuffer.allocate(4096).order(ByteOrder.BIG_ENDIAN)}) {
            buffer.put(new byte[] {9, 9, 9}); // an envelope header before the payload, as Artery writes
            serializer.toBinary(message, buffer);
            int end = buffer.position();
            buffer.flip().position(3);
            Object back = serializer.fromBinary(buffer, serializer.manifest(message));
            assertEquals(end, buffer.position(), "the whole frame is consumed");
            assertSameValue(message, back, "AllKinds");
        }
    }

    @Test
    void thePipelineTypesRoundTripThroughThePipelineTable() {
        HostTensor floats = HostTensor.ofFloats(new long[] {3}, new float[] {1, 2, 3});
        HostTensor ints = new HostTensor(TensorType.INT32, new long[] {1}, new byte[] {1, 0, 0, 0});
        HostTensor longs = new HostTensor(TensorType.INT64, new long[] {1}, new byte[8]);
        HostTensor pixels = new HostTensor(TensorType.UINT8, new long[] {2, 2}, new byte[] {1, 2, 3, 4});
        HostWeights weights = new HostWeights(12, new String[] {"a", "b", "c", "d"},
                new HostTensor[] {floats, ints, longs, pixels});
        for (Object message : new Object[] {floats, ints, longs, pixels, weights, TensorType.UINT8}) {
            Object back = pipeline.fromBinary(pipeline.toBinary(message), pipeline.manifest(message));
            assertEquals(message, back);
            if (!(message instanceof TensorType)) {
                assertNotSame(message, back);
            }
        }
    }

    @Test
    void aTensorIsTheHeaderThenItsTypeShapeAndRawLittleEndianBytes() {
        HostTensor tensor = HostTensor.ofFloats(new long[] {2, 2}, new float[] {1.5f, -2, 0, 1e9f});
        byte[] frame = pipeline.toBinary(tensor);
        ByteBuffer expected = ByteBuffer.allocate(frame.length).order(ByteOrder.LITTLE_ENDIAN);
        expected.put((byte) 'S').put((byte) 'W').putShort((short) 1).put((byte) 17); // magic, version, id
        expected.put((byte) (TensorType.FLOAT32.ordinal() + 1)); // the element type
        expected.put((byte) 3).putLong(2).putLong(2); // the shape: length + 1, then the dimensions
        expected.put((byte) 17).put(tensor.data()); // the data: length + 1, then the raw bytes
        assertArrayEquals(expected.array(), frame);
        assertEquals("17", pipeline.manifest(tensor));
    }

    @Test
    void floatArraysTravelAsTheirRawLittleEndianBytes() {
        AllKinds message = WireValues.allKinds(probe.ref());
        ByteBuffer raw = ByteBuffer.allocate(message.floats().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(message.floats());
        assertTrue(indexOf(serializer.toBinary(message), raw.array()) >= 0);
    }

    @Test
    void aBigMessageGrowsTheByteArrayPathButOverflowsASmallBuffer() {
        HostTensor big = new HostTensor(TensorType.UINT8, new long[] {1 << 20}, new byte[1 << 20]);
        new Random(1).nextBytes(big.data());
        assertEquals(big, serializer.fromBinary(serializer.toBinary(big), "17"));
        double before = drops.of(DropReason.OVERSIZED);
        for (int capacity : new int[] {3, 1024}) {
            ByteBuffer small = ByteBuffer.allocateDirect(capacity + 2);
            small.position(2);
            assertThrows(BufferOverflowException.class, () -> serializer.toBinary(big, small));
            assertEquals(2, small.position(), "a failed write leaves the position");
        }
        assertEquals(before + 2, drops.of(DropReason.OVERSIZED));
    }

    @Test
    void everyStrictPrefixOfAFrameIsTruncated() {
        AllKinds message = WireValues.allKinds(probe.ref());
        byte[] frame = serializer.toBinary(message);
        double before = drops.of(DropReason.TRUNCATED);
        for (int length = 0; length < frame.length; length++) {
            byte[] prefix = Arrays.copyOf(frame, length);
            WireFormatException dropped = assertThrows(WireFormatException.class,
                    () -> serializer.fromBinary(prefix, "38"));
            assertEquals(DropReason.TRUNCATED, dropped.reason(), length + " bytes: " + dropped.getMessage());
        }
        assertEquals(before + frame.length, drops.of(DropReason.TRUNCATED));
    }

    @Test
    void badFramesAreRefusedWithTheirReasonAndCounted() {
        Pong pong = new Pong(4, HostTensor.ofFloats(new long[] {1}, new float[] {2}));
        byte[] frame = serializer.toBinary(pong);
        assertRefused(DropReason.MALFORMED, noise(frame.length), "33", "not the stml wire magic");
        assertRefused(DropReason.MALFORMED, Arrays.copyOf(frame, frame.length + 1), "33", "1 bytes follow the Pong");
        assertRefused(DropReason.MALFORMED, frame, "32", "manifest says 32");
        assertRefused(DropReason.MALFORMED, frame, "pong", "manifest says pong");
        assertRefused(DropReason.NEWER_VERSION, withVersion(frame, 4), "33", "written by wire protocol 4");
        assertRefused(DropReason.OLDER_VERSION, withVersion(frame, 2), "33", "written by wire protocol 2");
        byte[] unknown = frame.clone();
        unknown[4] = 99;
        assertRefused(DropReason.UNREGISTERED, unknown, "99", "registration id 99 is not in the table");
    }

    @Test
    void theDropLineSaysWhatWhereFromAndWhy() {
        byte[] frame = Arrays.copyOf(serializer.toBinary(new Pong(1, null)), 6);
        WireFormatException dropped = assertThrows(WireFormatException.class,
                () -> serializer.fromBinary(frame, "33"));
        assertEquals("stml wire: dropped an inbound frame of 6 bytes, manifest [33]: truncated: the frame ends "
                + "inside the message (1 more bytes needed, 0 left) (this node speaks " + TestProtocol.TABLE + ")",
                dropped.getMessage());
        assertEquals(0, dropped.getStackTrace().length);
    }

    @Test
    void anUnregisteredClassIsRefusedOnTheWayOut() {
        double before = drops.of(DropReason.UNREGISTERED);
        NotInTable stranger = new NotInTable(1);
        for (Runnable send : new Runnable[] {() -> serializer.manifest(stranger),
            () -> serializer.toBinary(stranger), () -> serializer.toBinary(stranger, ByteBuffer.allocate(64)),
            () -> serializer.toBinary(new Envelope(stranger))}) {
            WireFormatException refused = assertThrows(WireFormatException.class, send::run);
            assertEquals(DropReason.UNREGISTERED, refused.reason());
            assertTrue(refused.getMessage().contains(NotInTable.class.getName()), refused.getMessage());
        }
        assertEquals(before + 4, drops.of(DropReason.UNREGISTERED));
        Envelope registered = new Envelope(new Pong(2, null));
        assertEquals(registered, serializer.fromBinary(serializer.toBinary(registered), "36"));
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformedNotAStackOverflow() {
        Chain shallow = chain(10);
        assertEquals(shallow, serializer.fromBinary(serializer.toBinary(shallow), "37"));
        ByteBuffer deep = ByteBuffer.allocate(100_000 * 2 + 16).order(ByteOrder.LITTLE_ENDIAN);
        deep.put((byte) 'S').put((byte) 'W').putShort((short) 3).put((byte) 37);
        for (int level = 0; level < 100_000; level++) {
            deep.put((byte) 0).put((byte) 1); // depth 0, then "a next link follows"
        }
        deep.put((byte) 0).put((byte) 0).flip();
        WireFormatException dropped = assertThrows(WireFormatException.class,
                () -> serializer.fromBinary(deep, "37"));
        assertEquals(DropReason.MALFORMED, dropped.reason());
        assertTrue(dropped.getMessage().contains("Max depth exceeded"), dropped.getMessage());
    }

    @Test
    void randomlyDamagedFramesEitherDecodeOrAreRefused() {
        byte[] frame = serializer.toBinary(WireValues.allKinds(probe.ref()));
        Random random = new Random(11);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] damaged = frame.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                serializer.fromBinary(damaged, "38");
            } catch (WireFormatException refused) {
                assertTrue(refused.getMessage().startsWith("stml wire: dropped an inbound frame"));
            }
        }
    }

    private void assertRefused(DropReason reason, byte[] frame, String manifest, String why) {
        double before = drops.of(reason);
        WireFormatException dropped = assertThrows(WireFormatException.class,
                () -> serializer.fromBinary(frame, manifest));
        assertEquals(reason, dropped.reason(), dropped.getMessage());
        assertTrue(dropped.getMessage().contains(why), dropped.getMessage());
        assertTrue(dropped.getMessage().contains(frame.length + " bytes, manifest [" + manifest + "]"));
        assertEquals(before + 1, drops.of(reason));
    }

    private static Chain chain(int depth) {
        return depth == 0 ? null : new Chain(depth, chain(depth - 1));
    }

    private static byte[] noise(int length) {
        byte[] noise = new byte[length];
        new Random(3).nextBytes(noise);
        return noise;
    }

    private static byte[] withVersion(byte[] frame, int version) {
        byte[] stamped = frame.clone();
        stamped[WireCodec.VERSION_OFFSET] = (byte) version;
        return stamped;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
