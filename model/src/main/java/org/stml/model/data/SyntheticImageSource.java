package org.stml.model.data;

/**
 * One generated image of {@link SyntheticShapes}; it needs no file and no decoder.
 *
 * @param shapes the generator
 * @param classIndex the class
 * @param instance the instance within the class
 */
public record SyntheticImageSource(SyntheticShapes shapes, int classIndex, int instance) implements ImageSource {

    @Override
    public String location() {
        return "synthetic:" + classIndex + "/" + instance;
    }

    @Override
    public RgbImage load(ImageDecoder decoder) {
        return shapes.renderImage(classIndex, instance);
    }
}
