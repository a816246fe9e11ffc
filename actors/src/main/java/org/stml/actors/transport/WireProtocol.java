package org.stml.actors.transport;

import com.esotericsoftware.kryo.Kryo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A version of the wire format: a protocol version number and the ordered table of registered classes, each with the
 * id that names it in a frame. Sender and receiver must hold the same table; {@link #hash()} fingerprints it — the
 * version, every id, class name and, for a record, its component names and declared types in order, for an enum its
 * constants in order — so that any change in a message's shape changes the hash and nodes can compare tables when
 * they join.
 *
 * <p>Built with {@link #builder()}; building checks every registered record's components against what the wire
 * format carries (see {@link FieldCodecs}) and that every record or enum they name is registered too. Immutable and
 * thread-safe. The pipeline's table is {@link StmlWireProtocol#CURRENT}.
 */
public final class WireProtocol {

    /** Smallest registration id: Kryo's own default registrations use the ids below it. */
    public static final int MIN_ID = 16;

    /** Largest protocol version number: a frame carries it in two bytes. */
    public static final int MAX_VERSION = 0xFFFF;

    private final int version;
    private final List<Registration> registrations;
    private final Map<Integer, Registration> byId;
    private final Map<Class<?>, Registration> byClass;
    private final Map<Class<?>, RecordCodec> codecs;
    private final String hash;

    private WireProtocol(int version, List<Registration> registrations, Map<Class<?>, RecordCodec> codecs) {
        this.version = version;
        this.registrations = List.copyOf(registrations);
        this.byId = registrations.stream().collect(Collectors.toUnmodifiableMap(Registration::id, r -> r));
        this.byClass = registrations.stream().collect(Collectors.toUnmodifiableMap(Registration::type, r -> r));
        this.codecs = Map.copyOf(codecs);
        this.hash = sha256(describe());
    }

    /**
     * Returns a builder.
     *
     * @return a builder with no version and no registrations
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the protocol version number.
     *
     * @return the version every frame carries
     */
    public int version() {
        return version;
    }

    /**
     * Returns the registrations.
     *
     * @return every registered class with its id, in ascending id order
     */
    public List<Registration> registrations() {
        return registrations;
    }

    /**
     * Returns the registration of an id.
     *
     * @param id a registration id
     * @return its registration, or empty if the table has none
     */
    public Optional<Registration> registration(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Returns the registration of a class.
     *
     * @param type a class
     * @return its registration, or empty if the table has none
     */
    public Optional<Registration> registration(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    /**
     * Returns the hash of the table.
     *
     * @return SHA-256, as 64 lower-case hex digits, of the version and every registration's id, class name and shape
     */
    public String hash() {
        return hash;
    }

    /**
     * Returns the table as text, one line per registration after a line with the version: what {@link #hash()}
     * hashes.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder("stml wire protocol ").append(version).append('\n');
        for (Registration registration : registrations) {
            text.append(registration.id()).append(' ').append(registration.type().getName()).append(' ')
                    .append(shape(registration.type())).append('\n');
        }
        return text.toString();
    }

    /** Registers every class with a Kryo instance: records with their codec, enums with Kryo's ordinal serializer. */
    void registerWith(Kryo kryo) {
        for (Registration registration : registrations) {
            RecordCodec codec = codecs.get(registration.type());
            if (codec != null) {
                kryo.register(registration.type(), codec, registration.id());
            } else {
                kryo.register(registration.type(), registration.id());
            }
        }
    }

    @Override
    public String toString() {
        return "wire protocol " + version + " (" + registrations.size() + " classes, hash " + hash + ")";
    }

    private static String shape(Class<?> type) {
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(",", "enum(", ")"));
        }
        return Arrays.stream(type.getRecordComponents())
                .map(component -> component.getName() + ":" + component.getGenericType().getTypeName())
                .collect(Collectors.joining(",", "record(", ")"));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * A registered class and its id.
     *
     * @param id the number that names the class in a frame, at least {@link #MIN_ID}
     * @param type a record or enum class
     */
    public record Registration(int id, Class<?> type) {}

    /** Builds a {@link WireProtocol}: {@code setVersion}, then one {@code register} per class, then {@code build}. */
    public static final class Builder {

        private int version;
        private final Map<Integer, Class<?>> classes = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the protocol version number; raise it whenever the table changes.
         *
         * @param version from 1 to {@link #MAX_VERSION}
         * @return this builder
         */
        public Builder setVersion(int version) {
            if (version < 1 || version > MAX_VERSION) {
                throw new IllegalArgumentException("protocol version " + version + " is not in 1.." + MAX_VERSION);
            }
            this.version = version;
            return this;
        }

        /**
         * Registers a class under an id.
         *
         * @param id the id, at least {@link #MIN_ID}, unique in the table
         * @param type a record or enum class, registered once
         * @return this builder
         */
        public Builder register(int id, Class<?> type) {
            if (id < MIN_ID) {
                throw new IllegalArgumentException("registration id " + id + " of " + type.getName()
                        + " is below " + MIN_ID + " (Kryo's own ids)");
            }
            if (!type.isRecord() && !type.isEnum()) {
                throw new IllegalArgumentException(type.getName() + " is neither a record nor an enum");
            }
            Class<?> previous = classes.putIfAbsent(id, type);
            if (previous != null) {
                throw new IllegalArgumentException("registration id " + id + " is taken by " + previous.getName()
                        + ", cannot also register " + type.getName());
            }
            if (Collections.frequency(classes.values(), type) > 1) {
                classes.remove(id);
                throw new IllegalArgumentException(type.getName() + " is registered twice");
            }
            return this;
        }

        /**
         * Builds the protocol, checking every record's components.
         *
         * @return the protocol
         * @throws IllegalStateException if no version was set
         * @throws IllegalArgumentException if a record has a component the wire format does not carry, or names a
         *     record or enum that is not registered
         */
        public WireProtocol build() {
            if (version == 0) {
                throw new IllegalStateException("the protocol needs a version: call setVersion");
            }
            Set<Class<?>> registered = Set.copyOf(classes.values());
            List<Registration> registrations = new ArrayList<>();
            Map<Class<?>, RecordCodec> codecs = new LinkedHashMap<>();
            for (Map.Entry<Integer, Class<?>> entry : new TreeMap<>(classes).entrySet()) {
                registrations.add(new Registration(entry.getKey(), entry.getValue()));
                if (entry.getValue().isRecord()) {
                    codecs.put(entry.getValue(), new RecordCodec(entry.getValue(), registered));
                }
            }
            return new WireProtocol(version, registrations, codecs);
        }
    }
}
