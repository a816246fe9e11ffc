package org.stml.model.checkpoint;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small JSON subset of {@code manifest.json}: an object whose values are strings, numbers or objects of the
 * same kind. No arrays, booleans or nulls. Written with two-space indentation, keys in the given order.
 */
final class Json {

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Writes an object whose values are {@link String}, {@link Number} or {@code Map<String, ?>} of the same.
     *
     * @param object the object
     * @return the JSON text, ending with a newline
     */
    static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        writeObject(object, out, "");
        return out.append('\n').toString();
    }

    /**
     * Parses an object; numbers become {@link BigDecimal}, strings {@link String}, objects ordered maps.
     *
     * @param text the JSON text
     * @return the object
     * @throws IllegalArgumentException naming the offset if the text is not in the subset
     */
    static Map<String, Object> parse(String text) {
        Json parser = new Json(text);
        Map<String, Object> object = parser.object();
        parser.skipSpace();
        if (parser.position != text.length()) {
            throw parser.error("trailing characters");
        }
        return object;
    }

    private static void writeObject(Map<String, ?> object, StringBuilder out, String indent) {
        out.append('{');
        String inner = indent + "  ";
        String separator = "\n";
        for (Map.Entry<String, ?> entry : object.entrySet()) {
            out.append(separator).append(inner);
            writeString(entry.getKey(), out);
            out.append(": ");
            writeValue(entry.getValue(), out, inner);
            separator = ",\n";
        }
        out.append(object.isEmpty() ? "" : "\n" + indent).append('}');
    }

    private static void writeValue(Object value, StringBuilder out, String indent) {
        if (value instanceof String string) {
            writeString(string, out);
        } else if (value instanceof Number number) {
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, inner) -> object.put((String) key, inner));
            writeObject(object, out, indent);
        } else {
            throw new IllegalArgumentException("manifest values are strings, numbers or objects, not " + value);
        }
    }

    private static void writeString(String string, StringBuilder out) {
        out.append('"');
        for (char c : string.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> object = new LinkedHashMap<>();
        if (peek() == '}') {
            position++;
            return object;
        }
        do {
            String key = string();
            expect(':');
            if (object.put(key, value()) != null) {
                throw error("duplicate key " + key);
            }
        } while (next() == ',');
        position--;
        expect('}');
        return object;
    }

    private Object value() {
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '"') {
            return string();
        }
        int start = position;
        while (position < text.length() && "+-.0123456789eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        try {
            return new BigDecimal(text.substring(start, position));
        } catch (NumberFormatException e) {
            throw error("expected a string, a number or an object");
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        for (char c = character(); c != '"'; c = character()) {
            out.append(c == '\\' ? escaped() : c);
        }
        return out.toString();
    }

    private char escaped() {
        char c = character();
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'u' -> unicode();
            default -> throw error("bad escape \\" + c);
        };
    }

    private char unicode() {
        if (position + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
            position += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private char character() {
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(position++);
    }

    private void expect(char expected) {
        if (next() != expected) {
            position--;
            throw error("expected '" + expected + "'");
        }
    }

    private char next() {
        skipSpace();
        return character();
    }

    private char peek() {
        skipSpace();
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(position);
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at offset " + position);
    }
}
