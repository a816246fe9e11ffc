package org.stml.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How the checkpoint package reads and writes JSON, with Jackson: objects are written with two-space indentation and
 * {@code "key": value}, keys in insertion order; reading is strict (a duplicate key or trailing text is an error) and
 * every missing or mistyped field is reported by name, for example {@code "seed" should be a number but is missing}.
 */
final class ManifestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")));

    private ManifestJson() {}

    /** Returns a new, empty object. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Returns an object of the given strings, keys sorted. */
    static ObjectNode strings(Map<String, String> values) {
        ObjectNode object = object();
        new TreeMap<>(values).forEach(object::put);
        return object;
    }

    /** Writes an object indented, ending with a newline. */
    static String write(ObjectNode object) {
        try {
            return PRETTY.writeValueAsString(object) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses an object.
     *
     * @throws IllegalArgumentException naming the line and column if the text is not one JSON object
     */
    static ObjectNode parse(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr()), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected an object");
        }
        return object;
    }

    /** Returns an integral field that fits a long. */
    static long longField(JsonNode object, String key) {
        JsonNode value = field(object, key, JsonNode::isNumber, "a number");
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + key + "\" should be a 64-bit integer, not " + value);
        }
        return value.longValue();
    }

    /** Returns an integral field that fits an int. */
    static int intField(JsonNode object, String key) {
        JsonNode value = field(object, key, JsonNode::isNumber, "a number");
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + key + "\" should be a 32-bit integer, not " + value);
        }
        return value.intValue();
    }

    /** Returns a string field. */
    static String text(JsonNode object, String key) {
        return field(object, key, JsonNode::isTextual, "a string").textValue();
    }

    /** Returns an object field. */
    static JsonNode object(JsonNode object, String key) {
        return field(object, key, JsonNode::isObject, "an object");
    }

    /** Returns the number fields of an object, by key. */
    static Map<String, Double> numbers(JsonNode object) {
        Map<String, Double> numbers = new TreeMap<>();
        object.fieldNames().forEachRemaining(key -> numbers.put(key,
                field(object, key, JsonNode::isNumber, "a number").doubleValue()));
        return numbers;
    }

    /** Returns the string fields of an object, by key. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new TreeMap<>();
        object.fieldNames().forEachRemaining(key -> strings.put(key, text(object, key)));
        return strings;
    }

    private static JsonNode field(JsonNode object, String key, Predicate<JsonNode> kind, String expected) {
        JsonNode value = object.get(key);
        if (value == null || !kind.test(value)) {
            throw new IllegalArgumentException("\"" + key + "\" should be " + expected
                    + (value == null ? " but is missing" : ""));
        }
        return value;
    }
}
