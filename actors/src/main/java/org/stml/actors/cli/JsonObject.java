package org.stml.actors.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A flat JSON object of strings and numbers, written on one line (for events.jsonl and small reports). */
final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    JsonObject put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    JsonObject putAll(Map<String, ?> values) {
        fields.putAll(values);
        return this;
    }

    JsonObject putAll(JsonObject other) {
        fields.putAll(other.fields);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(name)).append(':').append(render(value));
        });
        return json.append('}').toString();
    }

    private static String render(Object value) {
        if (value instanceof Double number) {
            return Double.isFinite(number) ? String.format(Locale.ROOT, "%.6g", number) : "null";
        }
        if (value instanceof Float number) {
            return render(number.doubleValue());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
            }
        }
        return quoted.append('"').toString();
    }
}
