package org.onus.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object and collects every broken rule, each named by its JSON
 * pointer, instead of stopping at the first: an integration engineer fixes a payload in one pass.
 * Readers of absent optional fields return null. Call {@link #end()} once all fields are read:
 * it reports fields nobody asked for (a misspelt field must not be silently dropped from a
 * record that may later decide responsibility).
 */
public final class Fields {

    /** Identifiers chosen by clients: slugs, codes, UUIDs. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    /** How far in the future an event time may be before it is called clock skew. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private final JsonNode node;
    private final String pointer;
    private final Errors errors;
    /** Names read so far; a list, since objects have a dozen fields at most and this runs for every field of every event. */
    private final List<String> read = new ArrayList<>(16);

    /** A shared sink of violations for one request, with the clock that judges "the future". */
    public static final class Errors {
        private final List<Violation> list = new ArrayList<>();
        private final Clock clock;

        public Errors(Clock clock) {
            this.clock = clock;
        }

        public void add(String pointer, String rule) {
            list.add(new Violation(pointer, rule));
        }

        public boolean isEmpty() {
            return list.isEmpty();
        }

        public List<Violation> list() {
            return Collections.unmodifiableList(list);
        }

        /** Throws if any rule was broken. */
        public void throwIfAny() {
            if (!list.isEmpty()) {
                throw new InvalidInputException(list);
            }
        }
    }

    private Fields(JsonNode node, String pointer, Errors errors) {
        this.node = node;
        this.pointer = pointer;
        this.errors = errors;
    }

    /** Fields of the object at {@code pointer}; if it is not an object, that is recorded and every read yields null. */
    public static Fields of(JsonNode node, String pointer, Errors errors) {
        if (node == null || !node.isObject()) {
            errors.add(pointer, "must be a JSON object");
            return new Fields(null, pointer, errors);
        }
        return new Fields(node, pointer, errors);
    }

    public Errors errors() {
        return errors;
    }

    public String pointer() {
        return pointer;
    }

    public String at(String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private JsonNode get(String name) {
        if (!read.contains(name)) {
            read.add(name);
        }
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public boolean has(String name) {
        return node != null && node.hasNonNull(name);
    }

    private void missing(String name) {
        errors.add(at(name), "is required");
    }

    public String string(String name, boolean required) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(at(name), "must be a string");
            return null;
        }
        if (v.asText().isBlank()) {
            errors.add(at(name), "must not be empty");
            return null;
        }
        if (v.asText().length() > 100_000) {
            errors.add(at(name), "must be at most 100000 characters");
            return null;
        }
        return v.asText();
    }

    public String requiredString(String name) {
        return string(name, true);
    }

    public String optionalString(String name) {
        return string(name, false);
    }

    /**
     * Whether {@code s} matches {@link #ID}; a scan instead of the pattern because every event
     * checks several identifiers (the pattern stays the definition, and a test holds them equal).
     */
    static boolean isId(String s) {
        int n = s.length();
        if (n == 0 || n > 128 || !isAsciiLetterOrDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '@' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} matches {@link #SHA256}. */
    static boolean isSha256(String s) {
        if (s.length() != 71 || !s.startsWith("sha256:")) {
            return false;
        }
        for (int i = 7; i < 71; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A client-chosen identifier: letters, digits and {@code . _ : @ / -}, at most 128 characters. */
    public String id(String name, boolean required) {
        String s = string(name, required);
        if (s != null && !isId(s)) {
            errors.add(at(name), "must be an identifier: 1-128 letters, digits or . _ : @ / -, starting with a letter or digit");
            return null;
        }
        return s;
    }

    /** A SHA-256 digest written {@code sha256:<64 lower-case hex>}. */
    public String digest(String name, boolean required) {
        String s = string(name, required);
        if (s != null && !isSha256(s)) {
            errors.add(at(name), "must be a SHA-256 digest written sha256:<64 lower-case hex digits>");
            return null;
        }
        return s;
    }

    /**
     * An instant in RFC 3339 form with an explicit offset ({@code Z} or {@code +01:00}); a local
     * time without a zone is ambiguous across sites and daylight saving, so it is refused. So is
     * a time more than {@link #MAX_FUTURE_SKEW} ahead of the server's clock, when {@code notFuture}.
     */
    public Instant instant(String name, boolean required, boolean notFuture) {
        String s = string(name, required);
        if (s == null) {
            return null;
        }
        Instant t;
        try {
            t = Rfc3339.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(at(name), "must be an RFC 3339 date-time with a zone offset, e.g. 2026-03-01T08:15:00Z");
            return null;
        }
        if (notFuture && t.isAfter(errors.clock.instant().plus(MAX_FUTURE_SKEW))) {
            errors.add(at(name), "lies in the future beyond the allowed clock skew of " + MAX_FUTURE_SKEW.toMinutes() + " minutes");
            return null;
        }
        return t;
    }

    public Double number(String name, boolean required, double min, double max) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return null;
        }
        if (!v.isNumber()) {
            errors.add(at(name), "must be a number");
            return null;
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            errors.add(at(name), "must be between " + fmt(min) + " and " + fmt(max));
            return null;
        }
        return d;
    }

    public Long integer(String name, boolean required, long min, long max) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(at(name), "must be an integer");
            return null;
        }
        long l = v.asLong();
        if (l < min || l > max) {
            errors.add(at(name), "must be between " + min + " and " + max);
            return null;
        }
        return l;
    }

    public Boolean bool(String name, boolean required) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return null;
        }
        if (!v.isBoolean()) {
            errors.add(at(name), "must be true or false");
            return null;
        }
        return v.asBoolean();
    }

    /** One of the given lower-case, hyphenated words. */
    public String oneOf(String name, boolean required, Set<String> allowed) {
        String s = string(name, required);
        if (s != null && !allowed.contains(s)) {
            errors.add(at(name), "must be one of " + String.join(", ", allowed));
            return null;
        }
        return s;
    }

    public <E extends Enum<E>> E enumValue(String name, boolean required, Class<E> type) {
        Set<String> words = new LinkedHashSet<>();
        for (E e : type.getEnumConstants()) {
            words.add(wordOf(e));
        }
        String s = oneOf(name, required, words);
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (wordOf(e).equals(s)) {
                return e;
            }
        }
        return null;
    }

    /** The JSON spelling of an enum constant: {@code FIELD_SAFETY_NOTICE} is {@code field-safety-notice}. */
    public static String wordOf(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public List<String> strings(String name, boolean required) {
        JsonNode v = get(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return out;
        }
        if (!v.isArray()) {
            errors.add(at(name), "must be an array of strings");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(at(name) + "/" + i, "must be a non-empty string");
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    public Fields object(String name, boolean required) {
        JsonNode v = get(name);
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return null;
        }
        return of(v, at(name), errors);
    }

    public List<Fields> objects(String name, boolean required) {
        JsonNode v = get(name);
        List<Fields> out = new ArrayList<>();
        if (v == null) {
            if (required && node != null) {
                missing(name);
            }
            return out;
        }
        if (!v.isArray()) {
            errors.add(at(name), "must be an array of objects");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), at(name) + "/" + i, errors));
        }
        return out;
    }

    /** An optional object whose every field is a string (e.g. free-form attributes), in key order. */
    public java.util.Map<String, String> stringMap(String name) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        Fields f = object(name, false);
        if (f == null) {
            return out;
        }
        for (String field : f.fieldNames()) {
            String v = f.requiredString(field);
            if (v != null) {
                out.put(field, v);
            }
        }
        f.end();
        return out;
    }

    /** Names of the object's fields, in document order (empty if it is not an object). */
    public List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** The raw value of a free-form field (e.g. an output payload), marked as read. */
    public JsonNode raw(String name) {
        return get(name);
    }

    /** Reports every field of the object that no reader asked for. */
    public void end() {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!read.contains(f)) {
                errors.add(at(f), "is not a known field here");
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
