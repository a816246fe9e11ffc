package org.stml.actors.config;

/**
 * {@code stml.data.synthetic}: the built-in generated shapes of the {@code synthetic} layout.
 *
 * @param trainClasses the classes of the training split, at least 1
 * @param testClasses the classes of the held-out split, at least 1
 * @param instances the images per class, at least 2
 * @param size the side of the square images in pixels, at least 8
 */
public record SyntheticSettings(int trainClasses, int testClasses, int instances, int size) {

    /**
     * Returns the number of training images.
     *
     * @return {@code trainClasses × instances}
     */
    public long trainImages() {
        return (long) trainClasses * instances;
    }

    static SyntheticSettings read(SettingsReader reader) {
        return new SyntheticSettings(reader.integer("train-classes", 1), reader.integer("test-classes", 1),
                reader.integer("instances", 2), reader.integer("size", 8));
    }
}
