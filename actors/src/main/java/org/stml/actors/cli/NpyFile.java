package org.stml.actors.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a float32 matrix in NumPy's {@code .npy} format, version 1.0, so that {@code numpy.load(path)} returns an
 * array of shape (rows, columns) and dtype {@code <f4}: the magic string, a little-endian header length, a Python
 * dict literal padded with spaces to a multiple of 64 bytes and ended by a newline, then the values row-major,
 * little-endian.
 */
final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGNMENT = 64;

    private NpyFile() {}

    static void write(Path file, float[] values, int rows, int columns) throws IOException {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + " x " + columns + " does not hold " + values.length + " values");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(MAGIC);
            byte[] header = header(rows, columns);
            out.write(header.length & 0xFF);
            out.write(header.length >>> 8);
            out.write(header);
            ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(values);
            out.write(data.array());
        }
    }

    private static byte[] header(int rows, int columns) {
        String dict = String.format(Locale.ROOT, "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }",
                rows, columns);
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        return (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
