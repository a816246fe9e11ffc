package org.stml.model.tensor;

import ai.djl.ndarray.types.DataType;

/** The element types a {@link HostTensor} can hold, each with its DJL type and its width in bytes. */
public enum TensorType {

    /** 32-bit IEEE floats. */
    FLOAT32(DataType.FLOAT32, 4),

    /** Unsigned bytes (image pixels). */
    UINT8(DataType.UINT8, 1),

    /** 32-bit signed integers. */
    INT32(DataType.INT32, 4),

    /** 64-bit signed integers. */
    INT64(DataType.INT64, 8);

    private final DataType dataType;
    private final int bytes;

    TensorType(DataType dataType, int bytes) {
        this.dataType = dataType;
        this.bytes = bytes;
    }

    /**
     * Returns the DJL data type.
     *
     * @return the data type
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Returns the width of one element.
     *
     * @return bytes per element
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Returns the type of a DJL data type.
     *
     * @param dataType the DJL type
     * @return the tensor type
     * @throws IllegalArgumentException if the type has no host form here
     */
    public static TensorType of(DataType dataType) {
        for (TensorType type : values()) {
            if (type.dataType == dataType) {
                return type;
            }
        }
        throw new IllegalArgumentException("no host tensor type for " + dataType);
    }
}
