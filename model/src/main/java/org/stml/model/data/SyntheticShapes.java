package org.stml.model.data;

import java.util.Random;

/**
 * A procedural image generator with many classes and real intra-class variation, deterministic by seed.
 *
 * <p>Each class is a random star-like polygon (3–8 vertices at irregular radii, straight edges) in a class colour. Each
 * instance of a class varies in rotation, scale, position, colour (brightness and a hue shift), background
 * tone and pixel noise. Images are RGB in [0, 1], channel-major (CHW). The same (seed, class, instance) always
 * gives the same pixels, so no files are needed and tests are reproducible.
 */
public final class SyntheticShapes {

    private static final double MAX_ROTATION = Math.PI / 6;

    private final int imageSize;
    private final long seed;

    /**
     * Creates a generator.
     *
     * @param imageSize the side of the square images, at least 8
     * @param seed the seed that fixes every class and instance
     */
    public SyntheticShapes(int imageSize, long seed) {
        if (imageSize < 8) {
            throw new IllegalArgumentException("synthetic images need a size of at least 8, got " + imageSize);
        }
        this.imageSize = imageSize;
        this.seed = seed;
    }

    /**
     * Returns the side of the square images.
     *
     * @return the image size in pixels
     */
    public int imageSize() {
        return imageSize;
    }

    /**
     * Renders one instance of a class.
     *
     * @param classIndex the class, any non-negative integer
     * @param instance the instance within the class, any non-negative integer
     * @return 3 × size × size floats in [0, 1], channel-major
     */
    public float[] render(int classIndex, int instance) {
        Shape shape = Shape.of(new Random(mix(classIndex, -1)));
        Random random = new Random(mix(classIndex, instance));
        Placement placement = Placement.draw(random, imageSize);
        float[] colour = shape.colour(random);
        float background = 0.15f + 0.35f * random.nextFloat();
        float[] pixels = new float[3 * imageSize * imageSize];
        int plane = imageSize * imageSize;
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++) {
                boolean inside = shape.contains(placement.toShapeX(x, y), placement.toShapeY(x, y));
                for (int c = 0; c < 3; c++) {
                    float value = inside ? colour[c] : background;
                    value += (float) (0.04 * random.nextGaussian());
                    pixels[c * plane + y * imageSize + x] = Math.min(1f, Math.max(0f, value));
                }
            }
        }
        return pixels;
    }

    /**
     * Renders one instance as an 8-bit RGB image (the form every other dataset decodes to).
     *
     * @param classIndex the class, any non-negative integer
     * @param instance the instance within the class, any non-negative integer
     * @return the image, size × size
     */
    public RgbImage renderImage(int classIndex, int instance) {
        float[] planes = render(classIndex, instance);
        int plane = imageSize * imageSize;
        byte[] pixels = new byte[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                pixels[p * 3 + c] = (byte) Math.round(planes[c * plane + p] * 255f);
            }
        }
        return new RgbImage(imageSize, imageSize, pixels);
    }

    private long mix(int classIndex, int instance) {
        long h = seed * 0x9E3779B97F4A7C15L + classIndex;
        h = h * 0xBF58476D1CE4E5B9L + instance;
        return h ^ (h >>> 31);
    }

    /** A class prototype: a star-like polygon with straight edges and a base colour. */
    private record Shape(double[] xs, double[] ys, float[] baseColour) {

        static Shape of(Random random) {
            int vertices = 3 + random.nextInt(6);
            double[] xs = new double[vertices];
            double[] ys = new double[vertices];
            for (int v = 0; v < vertices; v++) {
                double angle = 2 * Math.PI * (v + 0.3 * random.nextDouble()) / vertices;
                double radius = 0.3 + 0.7 * random.nextDouble();
                xs[v] = radius * Math.cos(angle);
                ys[v] = radius * Math.sin(angle);
            }
            float[] colour = new float[3];
            for (int c = 0; c < 3; c++) {
                colour[c] = 0.35f + 0.65f * random.nextFloat();
            }
            return new Shape(xs, ys, colour);
        }

        float[] colour(Random random) {
            float brightness = 0.85f + 0.3f * random.nextFloat();
            float[] colour = new float[3];
            for (int c = 0; c < 3; c++) {
                float shifted = baseColour[c] * brightness + 0.06f * (float) random.nextGaussian();
                colour[c] = Math.min(1f, Math.max(0f, shifted));
            }
            return colour;
        }

        /** Whether a point in shape coordinates lies inside the polygon (even-odd ray casting). */
        boolean contains(double x, double y) {
            boolean inside = false;
            for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
                boolean crosses = (ys[i] > y) != (ys[j] > y);
                if (crosses && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /** Where and how one instance is drawn: rotation, scale and centre. */
    private record Placement(double cos, double sin, double scale, double centreX, double centreY) {

        static Placement draw(Random random, int size) {
            double rotation = (2 * random.nextDouble() - 1) * MAX_ROTATION;
            double scale = size * (0.28 + 0.14 * random.nextDouble());
            double centreX = size / 2.0 + (random.nextDouble() - 0.5) * size * 0.3;
            double centreY = size / 2.0 + (random.nextDouble() - 0.5) * size * 0.3;
            return new Placement(Math.cos(rotation), Math.sin(rotation), scale, centreX, centreY);
        }

        double toShapeX(int x, int y) {
            double dx = x + 0.5 - centreX;
            double dy = y + 0.5 - centreY;
            return (cos * dx + sin * dy) / scale;
        }

        double toShapeY(int x, int y) {
            double dx = x + 0.5 - centreX;
            double dy = y + 0.5 - centreY;
            return (-sin * dx + cos * dy) / scale;
        }
    }
}
