package org.stml.model.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HostTensorTest {

    @Test
    void floatsRoundTripThroughTheHostAndAreLittleEndian() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = {1.5f, -2f, Float.MIN_VALUE, Float.NaN, 3e38f, 0f};
            NDArray array = manager.create(values, new Shape(2, 3));
            HostTensor tensor = HostTensor.of(array);
            assertEquals(TensorType.FLOAT32, tensor.type());
            assertArrayEquals(new long[] {2, 3}, tensor.shape());
            assertArrayEquals(new byte[] {0, 0, (byte) 0xC0, 0x3F}, java.util.Arrays.copyOf(tensor.data(), 4),
                    "1.5f = 0x3FC00000, lowest byte first");
            assertArrayEquals(values, tensor.toFloats());
            assertArrayEquals(values, tensor.toNDArray(manager).toFloatArray());
            assertEquals(tensor, HostTensor.ofFloats(new long[] {2, 3}, values));
        }
    }

    @Test
    void bytesAndIntegersKeepTheirType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            byte[] pixels = {0, 1, (byte) 200, (byte) 255};
            HostTensor uint8 = HostTensor.of(manager.create(pixels, new Shape(4)).toType(DataType.UINT8, false));
            assertEquals(TensorType.UINT8, uint8.type());
            NDArray back = uint8.toNDArray(manager);
            assertEquals(DataType.UINT8, back.getDataType());
            assertArrayEquals(new int[] {0, 1, 200, 255}, back.toType(DataType.INT32, false).toIntArray());
            HostTensor longs = HostTensor.of(manager.create(new long[] {-1, 1L << 40}));
            assertArrayEquals(new long[] {-1, 1L << 40}, longs.toNDArray(manager).toLongArray());
        }
    }

    @Test
    void copyIntoOverwritesInPlaceAndRefusesAnotherShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.zeros(new Shape(2, 2));
            HostTensor tensor = HostTensor.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3, 4});
            tensor.copyInto(target);
            assertArrayEquals(new float[] {1, 2, 3, 4}, target.toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> tensor.copyInto(manager.zeros(new Shape(4))));
            assertThrows(IllegalArgumentException.class,
                    () -> new HostTensor(TensorType.FLOAT32, new long[] {3}, new byte[8]));
        }
    }
}
