package org.onus.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * Entry bytes are JSON in the RFC 8785 canonical form (JCS): keys sorted by UTF-16 code units,
 * no insignificant whitespace, numbers and strings serialized as ECMAScript does. Anyone can
 * therefore re-derive the exact bytes, and the leaf hash, from the JSON the API returns.
 *
 * <p>{@link #bytes} walks a Jackson tree directly: the reference implementation by the RFC's
 * authors (which {@link #isCanonical} and the verifier use) re-parses a JSON string first, and
 * on the ingest path that parse cost as much as everything else together. Numbers still go
 * through the reference implementation's ECMAScript number formatting, and a property test
 * checks that both produce the same bytes.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 3.2.3 requires
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("the entry holds a " + node.getNodeType() + ", which JSON cannot express");
        }
    }

    private static String number(JsonNode n) {
        if (n.canConvertToLong() && n.isIntegralNumber() && Math.abs(n.longValue()) < (1L << 53)) {
            return Long.toString(n.longValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("the entry holds the number " + n + ", which JSON cannot express");
        }
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (IOException e) {
            throw new IllegalArgumentException("the number " + n + " has no canonical JSON form: " + e.getMessage(), e);
        }
    }

    /** RFC 8785 3.2.2.2: ECMAScript's JSON.stringify escaping, everything else as is. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            throw new IllegalArgumentException("the entry holds a string with an unpaired UTF-16 surrogate, which is not Unicode text");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether {@code bytes} are already in canonical form, by the RFC authors' reference implementation. */
    public static boolean isCanonical(byte[] bytes) {
        try {
            return java.util.Arrays.equals(new JsonCanonicalizer(bytes).getEncodedUTF8(), bytes);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The reference implementation's canonical form of a JSON text; for cross-checks. */
    static byte[] reference(String json) throws IOException {
        return new JsonCanonicalizer(json).getEncodedUTF8();
    }
}
