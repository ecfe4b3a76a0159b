package io.buildfactory.persistence.copy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.buildfactory.domain.shared.Timestamps;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * A row's values as text, two ways: PostgreSQL {@code COPY}'s text format, to load it, and a canonical rendering,
 * the same on both databases for the same data, to compare it. Values arrive typed (jOOQ reads each column as its
 * catalogue type on either database), so neither rendering depends on how a vendor stores a type.
 */
final class RowText {

    private RowText() {}

    /** One row as a line of COPY text: tab-separated, {@code \N} for NULL, backslash escapes. */
    static void appendCopyLine(StringBuilder line, Record row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object value = row.get(i);
            switch (value) {
                case null -> line.append("\\N");
                case String text -> appendEscaped(line, text);
                case JSONB json -> appendEscaped(line, json.data());
                case Boolean b -> line.append(b ? 't' : 'f');
                // ISO-8601 in UTC, which timestamptz reads exactly; cut to the microsecond, as every write of ours
                // does (PostgreSQL would round a finer one instead)
                case Instant at -> line.append(Timestamps.stored(at));
                default -> line.append(value); // integers
            }
        }
        line.append('\n');
    }

    private static void appendEscaped(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
    }

    /**
     * A row's canonical bytes: each value length-prefixed (so no two different rows render alike), times to the
     * microsecond in UTC, JSON with its keys sorted and its numbers without trailing zeros (PostgreSQL's
     * {@code jsonb} keeps neither the order nor the spelling it was given).
     */
    static byte[] canonical(Record row, ByteArrayOutputStream buffer) {
        buffer.reset();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
                buffer.write(0);
                continue;
            }
            String text = switch (value) {
                case JSONB json -> canonicalJson(json.data());
                case Instant at -> Timestamps.stored(at).toString();
                default -> value.toString();
            };
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            buffer.write(1);
            buffer.write(bytes.length >>> 24);
            buffer.write(bytes.length >>> 16);
            buffer.write(bytes.length >>> 8);
            buffer.write(bytes.length);
            buffer.write(bytes, 0, bytes.length);
        }
        return buffer.toByteArray();
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static String canonicalJson(String text) {
        try {
            StringBuilder out = new StringBuilder(text.length());
            appendCanonical(out, JSON.readTree(text));
            return out.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "invalid JSON: " + text; // still compared: both sides must hold the same text
        }
    }

    private static void appendCanonical(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",").append(new TextNode(names.get(i))).append(':');
                appendCanonical(out, node.get(names.get(i)));
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                appendCanonical(out, node.get(i));
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node); // strings quoted and escaped, true, false, null
        }
    }
}
