package org.onus.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Entry bytes are JSON in the RFC 8785 canonical form (JCS): keys sorted by UTF-16 code units,
 * no insignificant whitespace, numbers and strings serialized as ECMAScript does. Anyone can
 * therefore re-derive the exact bytes, and the leaf hash, from the JSON the API returns.
 * The canonicalization itself is the reference implementation by the RFC's authors.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the entry cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the entry is not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    /** Whether {@code bytes} are already in canonical form. */
    public static boolean isCanonical(byte[] bytes) {
        try {
            return java.util.Arrays.equals(new JsonCanonicalizer(bytes).getEncodedUTF8(), bytes);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
