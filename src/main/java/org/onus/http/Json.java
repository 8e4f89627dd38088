package org.onus.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading request bodies strictly and writing JSON answers.
 *
 * <p>What is appended to the ledger is hashed in RFC 8785 canonical form, whose numbers are
 * IEEE 754 doubles. A body is therefore refused, rather than silently altered, when it holds a
 * number that a double cannot keep exactly (integers beyond 2^53, excess digits, overflow), a
 * string with an unpaired surrogate, or a duplicate key (which would make "what was posted"
 * ambiguous).
 */
final class Json {

    static final String MEDIA_TYPE = "application/json";
    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.TWO.pow(53);
    static final int MAX_DEPTH = 64;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    private Json() {
    }

    /**
     * The request body, at most {@code limit} bytes. Refuses a larger body with 413 as soon as
     * its declared length or the bytes read exceed the limit, without reading the rest.
     */
    static byte[] body(Context ctx, long limit) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.isBlank()
                && !contentType.toLowerCase(Locale.ROOT).strip().startsWith(MEDIA_TYPE)) {
            throw Problems.unsupportedMediaType(contentType).exception();
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw Problems.tooLarge(limit).withHeader("Connection", "close").exception();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw Problems.tooLarge(limit).withHeader("Connection", "close").exception();
            }
            return bytes;
        } catch (IOException e) {
            throw Problems.malformedJson("the body could not be read: " + e.getMessage()).exception();
        }
    }

    /** Parses a JSON object body, refusing anything the ledger could not keep exactly. */
    static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            throw Problems.malformedJson("the body is empty; send a JSON object").exception();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw Problems.malformedJson("the body is not well-formed JSON" + where + ": " + e.getOriginalMessage()).exception();
        } catch (IOException e) {
            throw Problems.malformedJson("the body is not well-formed JSON: " + e.getMessage()).exception();
        }
        if (node == null || node.isMissingNode()) {
            throw Problems.malformedJson("the body is empty; send a JSON object").exception();
        }
        if (!node.isObject()) {
            throw Problems.invalidBody("(body)", "must be a JSON object, not " + kind(node)).exception();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        checkExact(node, Where.ROOT, errors);
        if (!errors.isEmpty()) {
            throw Problems.invalidBody(errors).exception();
        }
        return (ObjectNode) node;
    }

    static String kind(JsonNode n) {
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNull()) {
            return "null";
        }
        return "an object";
    }

    /**
     * Where a node sits, as a chain to its parent: the JSON pointer is only spelled out for a
     * node that breaks a rule, not for each of the thousands a batch holds.
     */
    private record Where(Where parent, String key, int index) {
        static final Where ROOT = new Where(null, null, -1);

        Where field(String name) {
            return new Where(this, name, -1);
        }

        Where item(int i) {
            return new Where(this, null, i);
        }

        String pointer() {
            if (parent == null) {
                return "";
            }
            String step = key == null ? Integer.toString(index) : key.replace("~", "~0").replace("/", "~1");
            return parent.pointer() + "/" + step;
        }
    }

    private static final long MAX_SAFE_LONG = 1L << 53;

    private static void checkExact(JsonNode node, Where where, List<Problem.FieldError> errors) {
        if (errors.size() >= 20) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                Where child = where.field(f.getKey());
                if (hasUnpairedSurrogate(f.getKey())) {
                    errors.add(new Problem.FieldError(child.pointer(), "body", "the key holds an unpaired UTF-16 surrogate, which is not Unicode text"));
                }
                checkExact(f.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkExact(node.get(i), where.item(i), errors);
            }
        } else if (node.isTextual()) {
            if (hasUnpairedSurrogate(node.textValue())) {
                errors.add(new Problem.FieldError(where.pointer(), "body", "the string holds an unpaired UTF-16 surrogate, which is not Unicode text"));
            }
        } else if (node.isIntegralNumber()) {
            boolean safe = node.canConvertToLong()
                    ? node.longValue() >= -MAX_SAFE_LONG && node.longValue() <= MAX_SAFE_LONG
                    : node.bigIntegerValue().abs().compareTo(MAX_SAFE_INTEGER) <= 0;
            if (!safe) {
                errors.add(new Problem.FieldError(where.pointer(), "body", "the integer " + node.bigIntegerValue()
                        + " is beyond +/-2^53 and would be altered by canonical JSON (RFC 8785 numbers are IEEE 754 doubles); send it as a string"));
            }
        } else if (node.isNumber()) {
            BigDecimal exact = node.decimalValue();
            int magnitude = exact.precision() - exact.scale();
            if (exact.precision() <= 15 && magnitude > -290 && magnitude < 290) {
                return; // at most 15 significant digits in the normal range: a double keeps the value exactly
            }
            double d = exact.doubleValue();
            if (Double.isInfinite(d) || new BigDecimal(Double.toString(d)).compareTo(exact) != 0) {
                errors.add(new Problem.FieldError(where.pointer(), "body", "the number " + exact
                        + " cannot be kept exactly as an IEEE 754 double, as canonical JSON (RFC 8785) requires; send it as a string"));
            }
        }
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static void write(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType(MEDIA_TYPE).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer: " + e.getOriginalMessage(), e);
        }
    }
}
