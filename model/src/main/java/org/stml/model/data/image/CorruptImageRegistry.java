package org.stml.model.data.image;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images that could not be read, by location, with the reason. Each is reported once, with a WARN log naming it,
 * when first recorded; loaders consult the registry to leave the image out of every later batch without reading it
 * again. Thread-safe.
 */
public final class CorruptImageRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CorruptImageRegistry.class);

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    /** Creates an empty registry. */
    public CorruptImageRegistry() {
        // filled by record
    }

    /**
     * Records an unreadable image; the first record of a location logs a warning, later ones do nothing.
     *
     * @param location the image's {@link org.stml.model.data.ImageSource#location()}
     * @param reason a one-line reason that names the location
     * @return true when the location was not recorded before
     */
    public boolean record(String location, String reason) {
        boolean first = reasons.putIfAbsent(location, reason) == null;
        if (first) {
            LOG.warn("skipping unreadable image, left out of this and every later batch: {}", reason);
        }
        return first;
    }

    /**
     * Tells whether a location is recorded.
     *
     * @param location the image's location
     * @return true when the image is known to be unreadable
     */
    public boolean contains(String location) {
        return reasons.containsKey(location);
    }

    /**
     * Returns the number of distinct unreadable images.
     *
     * @return the count
     */
    public int count() {
        return reasons.size();
    }

    /**
     * Returns the recorded images and their reasons, sorted by location.
     *
     * @return an unmodifiable snapshot
     */
    public SortedMap<String, String> reasons() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
    }
}
