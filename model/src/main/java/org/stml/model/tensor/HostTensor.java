package org.stml.model.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor in host memory: its element type, its shape and its elements as raw little-endian bytes, row-major. It
 * owns no native memory; {@link #toNDArray(NDManager)} makes an array of it on the receiver's device. The byte array
 * is shared, not copied: treat it as read-only.
 *
 * @param type the element type
 * @param shape the dimensions
 * @param data the elements, little-endian, {@code type.bytes()} × the product of {@code shape} bytes
 */
public record HostTensor(TensorType type, long[] shape, byte[] data) {

    /** Checks that the bytes fit the shape. */
    public HostTensor {
        long elements = elements(shape);
        if (elements * type.bytes() != data.length) {
            throw new IllegalArgumentException("a " + type + " tensor of shape " + Arrays.toString(shape) + " needs "
                    + elements * type.bytes() + " bytes, got " + data.length);
        }
    }

    /**
     * Copies an array to the host.
     *
     * @param array the array, on any device
     * @return its host copy
     */
    public static HostTensor of(NDArray array) {
        TensorType type = TensorType.of(array.getDataType());
        ByteBuffer buffer = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return new HostTensor(type, array.getShape().getShape(), data);
    }

    /**
     * Wraps floats as a tensor (copying them into little-endian bytes).
     *
     * @param shape the dimensions
     * @param values the elements, row-major
     * @return the tensor
     */
    public static HostTensor ofFloats(long[] shape, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new HostTensor(TensorType.FLOAT32, shape, buffer.array());
    }

    /**
     * Returns the number of elements.
     *
     * @return the product of the shape
     */
    public long elements() {
        return elements(shape);
    }

    /**
     * Returns the DJL shape.
     *
     * @return the shape
     */
    public Shape djlShape() {
        return new Shape(shape);
    }

    /**
     * Returns the elements as floats.
     *
     * @return a new array of the elements
     * @throws IllegalStateException if the tensor is not {@link TensorType#FLOAT32}
     */
    public float[] toFloats() {
        if (type != TensorType.FLOAT32) {
            throw new IllegalStateException("a " + type + " tensor has no float view");
        }
        float[] values = new float[(int) elements()];
        littleEndian().asFloatBuffer().get(values);
        return values;
    }

    /**
     * Creates an array of this tensor on the manager's device.
     *
     * @param manager the owner of the new array
     * @return the array
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(littleEndian(), djlShape(), type.dataType());
    }

    /**
     * Overwrites an array of the same type and shape with this tensor, in place.
     *
     * @param target the array to overwrite
     * @throws IllegalArgumentException if its type or shape differ
     */
    public void copyInto(NDArray target) {
        if (target.getDataType() != type.dataType() || !Arrays.equals(target.getShape().getShape(), shape)) {
            throw new IllegalArgumentException("a " + type + " tensor of shape " + Arrays.toString(shape)
                    + " does not fit an array of " + target.getDataType() + " " + target.getShape());
        }
        target.set(littleEndian());
    }

    private ByteBuffer littleEndian() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long elements(long[] shape) {
        long elements = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            elements *= dimension;
        }
        return elements;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor tensor && type == tensor.type && Arrays.equals(shape, tensor.shape)
                && Arrays.equals(data, tensor.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HostTensor[" + type + " " + Arrays.toString(shape) + "]";
    }
}
