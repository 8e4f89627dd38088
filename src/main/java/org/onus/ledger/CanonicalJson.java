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

    /**
     * Writes canonical JSON straight from a record, without building a tree first: for entries
     * written tens of thousands of times a second, whose shape the caller knows. The caller
     * gives each object's members in canonical order (sorted by UTF-16 code units, as
     * {@link #bytes} sorts them); a key out of order is refused with an exception, never written,
     * so a mistake cannot produce bytes that are not canonical. Values are formatted exactly as
     * {@link #bytes} formats them.
     */
    public static final class Writer {
        private final Sink out = new Sink();
        /** The last key written in each open object (null before the first), innermost last. */
        private String[] lastKeys = new String[8];
        /** Per open container: whether a value was already written, so the next needs a comma. */
        private boolean[] filled = new boolean[8];
        private int depth;
        private boolean afterKey;

        private void beforeValue() {
            if (afterKey) {
                afterKey = false;
                return;
            }
            if (depth > 0) {
                if (lastKeys[depth - 1] != OPEN_ARRAY) {
                    throw new IllegalStateException("a value inside an object needs its key first");
                }
                if (filled[depth - 1]) {
                    out.ascii(',');
                }
                filled[depth - 1] = true;
            }
        }

        private static final String OPEN_ARRAY = new String("[");

        private void open(char c, String marker) {
            beforeValue();
            out.ascii(c);
            if (depth == lastKeys.length) {
                lastKeys = java.util.Arrays.copyOf(lastKeys, depth * 2);
                filled = java.util.Arrays.copyOf(filled, depth * 2);
            }
            lastKeys[depth] = marker;
            filled[depth] = false;
            depth++;
        }

        public Writer beginObject() {
            open('{', null);
            return this;
        }

        public Writer endObject() {
            if (depth == 0 || lastKeys[depth - 1] == OPEN_ARRAY || afterKey) {
                throw new IllegalStateException("no object to end here");
            }
            depth--;
            out.ascii('}');
            return this;
        }

        public Writer beginArray() {
            open('[', OPEN_ARRAY);
            return this;
        }

        public Writer endArray() {
            if (depth == 0 || lastKeys[depth - 1] != OPEN_ARRAY) {
                throw new IllegalStateException("no array to end here");
            }
            depth--;
            out.ascii(']');
            return this;
        }

        /** The next member's key; it must sort after the object's previous key. */
        public Writer key(String key) {
            if (depth == 0 || lastKeys[depth - 1] == OPEN_ARRAY || afterKey) {
                throw new IllegalStateException("a key belongs directly inside an object: " + key);
            }
            String last = lastKeys[depth - 1];
            if (last != null && last.compareTo(key) >= 0) {
                throw new IllegalStateException("key " + key + " after " + last + " is out of canonical order");
            }
            if (last != null) {
                out.ascii(',');
            }
            lastKeys[depth - 1] = key;
            string(key, out);
            out.ascii(':');
            afterKey = true;
            return this;
        }

        /** A string, or {@code null}. */
        public Writer value(String s) {
            beforeValue();
            if (s == null) {
                out.ascii("null");
            } else {
                string(s, out);
            }
            return this;
        }

        public Writer value(double d) {
            beforeValue();
            out.ascii(number(d, null));
            return this;
        }

        public Writer value(long l) {
            beforeValue();
            if (Math.abs(l) >= (1L << 53)) {
                out.ascii(number((double) l, null));
            } else {
                out.ascii(Long.toString(l));
            }
            return this;
        }

        public Writer value(boolean b) {
            beforeValue();
            out.ascii(b ? "true" : "false");
            return this;
        }

        /** Any JSON value, its objects' keys sorted, as {@link #bytes} writes it. */
        public Writer value(JsonNode node) {
            beforeValue();
            write(node, out);
            return this;
        }

        /** The bytes written; the writer must be back outside every object and array. */
        public byte[] toBytes() {
            if (depth != 0 || afterKey) {
                throw new IllegalStateException("an object or array is still open");
            }
            return java.util.Arrays.copyOf(out.buf, out.size);
        }
    }

    public static Writer writer() {
        return new Writer();
    }

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
        return number(n.doubleValue(), n);
    }

    /** {@code d} in ECMAScript form; {@code n}, if given, is the node it came from, for messages. */
    private static String number(double d, JsonNode n) {
        Object shown = n == null ? (Object) d : n;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("the entry holds the number " + shown + ", which JSON cannot express");
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return Long.toString((long) d); // ECMAScript prints integral values below 2^53 as integers; -0 as 0
        }
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (IOException e) {
            throw new IllegalArgumentException("the number " + shown + " has no canonical JSON form: " + e.getMessage(), e);
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
