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
        Sink out = SINK.get();
        out.size = 0;
        write(node, out);
        byte[] bytes = java.util.Arrays.copyOf(out.buf, out.size);
        if (out.buf.length > 1 << 20) {
            SINK.remove(); // don't keep a large buffer alive per thread after an outsized entry
        }
        return bytes;
    }

    /**
     * A growable UTF-8 byte buffer, one per thread: the canonical bytes are written as bytes
     * straight away, rather than built as a String and encoded, which copied every entry twice.
     */
    private static final class Sink {
        byte[] buf = new byte[1024];
        int size;

        void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void ascii(char c) {
            ensure(1);
            buf[size++] = (byte) c;
        }

        void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        }
    }

    private static final ThreadLocal<Sink> SINK = ThreadLocal.withInitial(Sink::new);

    private static void write(JsonNode node, Sink out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                String[] names = new String[node.size()];
                int n = 0;
                boolean sorted = true;
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names[n] = it.next();
                    if (n > 0 && sorted && names[n - 1].compareTo(names[n]) > 0) {
                        sorted = false;
                    }
                    n++;
                }
                if (!sorted) {
                    java.util.Arrays.sort(names); // String order is UTF-16 code unit order, as RFC 8785 3.2.3 requires
                }
                out.ascii('{');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.ascii(',');
                    }
                    string(names[i], out);
                    out.ascii(':');
                    write(node.get(names[i]), out);
                }
                out.ascii('}');
            }
            case ARRAY -> {
                out.ascii('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.ascii(',');
                    }
                    write(node.get(i), out);
                }
                out.ascii(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.ascii(number(node));
            case BOOLEAN -> out.ascii(node.booleanValue() ? "true" : "false");
            case NULL -> out.ascii("null");
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
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return Long.toString((long) d); // ECMAScript prints integral values below 2^53 as integers; -0 as 0
        }
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (IOException e) {
            throw new IllegalArgumentException("the number " + n + " has no canonical JSON form: " + e.getMessage(), e);
        }
    }

    /** RFC 8785 3.2.2.2: ECMAScript's JSON.stringify escaping, everything else as is, in UTF-8. */
    private static void string(String s, Sink out) {
        int len = s.length();
        out.ensure(len * 6 + 2); // the most a char can take: \\u00xx; so no check per char
        byte[] buf = out.buf;
        buf[out.size++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[out.size++] = (byte) c;
                continue;
            }
            switch (c) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\f' -> out.ascii("\\f");
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case '\t' -> out.ascii("\\t");
                default -> {
                    if (c < 0x20) {
                        out.ascii("\\u00");
                        out.ascii(HEX[c >> 4]);
                        out.ascii(HEX[c & 0xf]);
                    } else if (c < 0x800) {
                        out.ensure(2);
                        out.buf[out.size++] = (byte) (0xc0 | (c >> 6));
                        out.buf[out.size++] = (byte) (0x80 | (c & 0x3f));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                            int cp = Character.toCodePoint(c, s.charAt(++i));
                            out.ensure(4);
                            out.buf[out.size++] = (byte) (0xf0 | (cp >> 18));
                            out.buf[out.size++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                            out.buf[out.size++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                            out.buf[out.size++] = (byte) (0x80 | (cp & 0x3f));
                        } else {
                            throw new IllegalArgumentException("the entry holds a string with an unpaired UTF-16 surrogate, which is not Unicode text");
                        }
                    } else {
                        out.ensure(3);
                        out.buf[out.size++] = (byte) (0xe0 | (c >> 12));
                        out.buf[out.size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                        out.buf[out.size++] = (byte) (0x80 | (c & 0x3f));
                    }
                }
            }
        }
        out.ascii('"');
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
