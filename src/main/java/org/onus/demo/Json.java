package org.onus.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/** Terse builders for the demo's JSON bodies; a null value leaves its field out. */
final class Json {

    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** RFC 3339 with seconds always written and the site's own offset, as an EHR interface would send it. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private Json() {
    }

    /** An object from name/value pairs. */
    static ObjectNode obj(Object... pairs) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            put(o, (String) pairs[i], pairs[i + 1]);
        }
        return o;
    }

    static ObjectNode put(ObjectNode o, String name, Object value) {
        if (value != null) {
            o.set(name, node(value));
        }
        return o;
    }

    static ArrayNode arr(Object... items) {
        ArrayNode a = F.arrayNode();
        for (Object x : items) {
            a.add(node(x));
        }
        return a;
    }

    static JsonNode node(Object v) {
        if (v instanceof JsonNode n) {
            return n;
        } else if (v instanceof String s) {
            return F.textNode(s);
        } else if (v instanceof Integer i) {
            return F.numberNode(i);
        } else if (v instanceof Long l) {
            return F.numberNode(l);
        } else if (v instanceof Double d) {
            return F.numberNode(d);
        } else if (v instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (v instanceof Instant t) {
            return F.textNode(t.toString());
        } else if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(x -> a.add(node(x)));
            return a;
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> put(o, (String) k, x));
            return o;
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }

    /** An instant written with the offset of {@code zone}, e.g. {@code 2026-09-01T09:15:00+02:00}. */
    static String local(Instant t, ZoneId zone) {
        return LOCAL.format(OffsetDateTime.ofInstant(t, zone));
    }

    static double round(double x, int places) {
        double f = Math.pow(10, places);
        return Math.round(x * f) / f;
    }
}
