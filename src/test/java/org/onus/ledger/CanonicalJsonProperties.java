package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The fast canonicalizer agrees byte for byte with the RFC 8785 authors' reference implementation. */
class CanonicalJsonProperties {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Property(tries = 500)
    void theFastFormEqualsTheReferenceForm(@ForAll("entry") JsonNode node) throws Exception {
        byte[] fast = CanonicalJson.bytes(node);
        assertThat(new String(fast, StandardCharsets.UTF_8))
                .isEqualTo(new String(CanonicalJson.reference(MAPPER.writeValueAsString(node)), StandardCharsets.UTF_8));
        assertThat(CanonicalJson.isCanonical(fast)).isTrue();
    }

    @Property(tries = 500)
    void writingMembersInOrderGivesTheBytesOfTheTree(@ForAll("entry") JsonNode node) {
        CanonicalJson.Writer w = CanonicalJson.writer();
        writeSorted(node, w);
        assertThat(new String(w.toBytes(), StandardCharsets.UTF_8)).isEqualTo(new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8));
    }

    @Test
    void aWriterRefusesAKeyOutOfCanonicalOrderAndBytesWhileAnObjectIsOpen() {
        CanonicalJson.Writer w = CanonicalJson.writer().beginObject().key("b").value(1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.key("a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("out of canonical order");
        org.assertj.core.api.Assertions.assertThatThrownBy(w::toBytes).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalJson.writer().beginObject().value("no key"))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Writes the tree through the writer, each object's keys in String order, numbers as the tree holds them. */
    private static void writeSorted(JsonNode n, CanonicalJson.Writer w) {
        if (n.isObject()) {
            w.beginObject();
            java.util.List<String> names = new java.util.ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (String name : names) {
                w.key(name);
                writeSorted(n.get(name), w);
            }
            w.endObject();
        } else if (n.isArray()) {
            w.beginArray();
            n.forEach(item -> writeSorted(item, w));
            w.endArray();
        } else if (n.isTextual()) {
            w.value(n.textValue());
        } else if (n.isIntegralNumber() && n.canConvertToLong()) {
            w.value(n.longValue());
        } else if (n.isNumber()) {
            w.value(n.doubleValue());
        } else if (n.isBoolean()) {
            w.value(n.booleanValue());
        } else {
            w.value(n);
        }
    }

    @Test
    void theRfcExampleOfNumbersAndEscapesComesOutAsTheRfcSays() throws Exception {
        JsonNode n = MAPPER.readTree("{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"
                + "\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\"literals\":[null,true,false]}");
        assertThat(new String(CanonicalJson.bytes(n), StandardCharsets.UTF_8)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** Entries are always JSON objects, and the reference implementation takes nothing else at the top. */
    @Provide
    Arbitrary<JsonNode> entry() {
        return object(3);
    }

    Arbitrary<JsonNode> json(int depth) {
        return depth == 0 ? leaf() : Arbitraries.oneOf(leaf(), leaf(), object(depth - 1), array(depth - 1));
    }

    Arbitrary<JsonNode> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).filter(CanonicalJsonProperties::noLoneSurrogate).map(s -> (JsonNode) F.textNode(s)),
                Arbitraries.strings().withCharRange('\u0000', '\u0080').withChars('\u20ac', '\u2028', '\uD83D', '\uDE00').ofMaxLength(8)
                        .filter(CanonicalJsonProperties::noLoneSurrogate).map(s -> (JsonNode) F.textNode(s)),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(l -> (JsonNode) F.numberNode(l)),
                Arbitraries.doubles().filter(d -> !d.isNaN() && !d.isInfinite()).map(d -> (JsonNode) F.numberNode(d)),
                Arbitraries.longs().between(-(1L << 54), 1L << 54).map(l -> (JsonNode) F.numberNode((double) l)),
                Arbitraries.of(-0.0, 1e21, 1e22, -1e21, 9007199254740992.0, 9007199254740993.0, 0.1, 1e-7, 123e-20)
                        .map(d -> (JsonNode) F.numberNode(d)),
                Arbitraries.bigDecimals().between(new java.math.BigDecimal("-1e9"), new java.math.BigDecimal("1e9")).ofScale(3)
                        .map(b -> (JsonNode) F.numberNode(b)),
                Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
                Arbitraries.just(F.nullNode()));
    }

    Arbitrary<JsonNode> object(int depth) {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(6).filter(CanonicalJsonProperties::noLoneSurrogate), json(depth))
                .ofMaxSize(4).map(m -> {
                    ObjectNode o = F.objectNode();
                    m.forEach(o::set);
                    return o;
                });
    }

    Arbitrary<JsonNode> array(int depth) {
        return json(depth).list().ofMaxSize(4).map(l -> {
            ArrayNode a = F.arrayNode();
            l.forEach(a::add);
            return a;
        });
    }

    static boolean noLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
