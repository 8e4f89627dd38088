package org.onus.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A decision's entry tree is built by hand for speed; it must be exactly what Jackson's generic
 * conversion of the record gives, for every shape of event (fields absent, empty, present).
 */
class DecisionDataProperties {

    @Property(tries = 1000)
    void handBuiltTreeEqualsJacksonsConversion(@ForAll("decisions") Decision d) {
        assertThat(d.toData()).isEqualTo(Recorder.JSON.valueToTree(d));
    }

    /**
     * The entry bytes written straight from the record are those the recorder made before from
     * the record's tree (the reference kept in the tests): same bytes, so the same leaf hash.
     */
    @Property(tries = 2000)
    void entryBytesWrittenDirectlyAreThoseOfTheTreePath(@ForAll("recordedDecisions") Decision d,
                                                        @ForAll("flags") List<Flag> flags,
                                                        @ForAll("additions") String[] added,
                                                        @ForAll("corrections") Long corrects) {
        DecisionEntry.Sealed sealed = new DecisionEntry.Sealed(
                present(d.output().text()) ? digest(1) : null,
                present(d.output().recommendation()) ? digest(2) : null,
                DecisionEntry.hasPayload(d.input()) ? digest(3) : null);
        DecisionEntry.Additions a = new DecisionEntry.Additions(added[0] == null ? "p" : added[0], sealed, added[1], added[2], added[3],
                flags, corrects != null, corrects == null ? 0 : corrects, corrects == null ? null : added[4]);
        String type = corrects == null ? "decision" : "decision.correction";
        Instant at = Instant.parse("2026-11-25T10:00:00.123Z");
        String actor = added[5];

        String direct = outcome(() -> org.onus.ledger.Entries.draft(type, at, actor, w -> DecisionEntry.write(w, d, a)).bytes());
        String reference = outcome(() -> DecisionEntryReference.bytes(type, at, actor, d, a));

        assertThat(direct).isEqualTo(reference);
    }

    /** The bytes, in hex, or the refusal (text that canonical JSON cannot hold is refused by both). */
    private static String outcome(java.util.function.Supplier<byte[]> bytes) {
        try {
            return java.util.HexFormat.of().formatHex(bytes.get());
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static String digest(int i) {
        return "sha256:" + Integer.toString(i).repeat(64);
    }

    /** A decision as it reaches the entry: validation has made sure it has a patient and an output. */
    @Provide
    Arbitrary<Decision> recordedDecisions() {
        return decisions().filter(d -> d.patient() != null && d.output() != null);
    }

    /** pseudonym, authorization, system, care setting, reason, actor. */
    @Provide
    Arbitrary<String[]> additions() {
        return texts().filter(s -> s == null || !s.isEmpty()).array(String[].class).ofSize(6);
    }

    @Provide
    Arbitrary<Long> corrections() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 40), Arbitraries.of(0L, Long.MAX_VALUE, 1L << 53))
                .injectNull(0.6);
    }

    @Property(tries = 200)
    void flagsAsTheEntryHoldsThem(@ForAll("flags") java.util.List<Flag> flags) {
        assertThat((JsonNode) Flag.toJson(flags)).isEqualTo(Recorder.JSON.valueToTree(flags));
    }

    @Property(tries = 300)
    void actionTreeEqualsJacksonsConversion(@ForAll("actions") ClinicianAction a) {
        assertThat(a.toData()).isEqualTo(Recorder.JSON.valueToTree(a));
    }

    @Property(tries = 300)
    void outcomeTreeEqualsJacksonsConversion(@ForAll("outcomes") Outcome o) {
        assertThat(o.toData()).isEqualTo(Recorder.JSON.valueToTree(o));
    }

    @Provide
    Arbitrary<ClinicianAction> actions() {
        Arbitrary<String> text = texts();
        return Combinators.combine(text.array(String[].class).ofSize(5), times(), numbers())
                .as((t, time, share) -> new ClinicianAction(t[0], t[1], t[2], t[3], time, t[4], share));
    }

    @Provide
    Arbitrary<Outcome> outcomes() {
        Arbitrary<String> text = texts();
        return Combinators.combine(text.array(String[].class).ofSize(5), text.filter(s -> s != null).list().ofMaxSize(3),
                        times(), Arbitraries.of(true, false).injectNull(0.3))
                .as((t, decisions, time, positive) -> new Outcome(t[0], decisions, time, positive, t[1], t[2], t[3], t[4]));
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(""),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6));
    }

    private static Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, 1.0, 0.5, 1e-7, 123456789.0));
    }

    private static Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, 4_000_000_000_000L)
                .flatMap(ms -> Arbitraries.integers().between(0, 999_999).map(ns -> Instant.ofEpochMilli(ms).plusNanos(ns)))
                .injectNull(0.05);
    }

    @Provide
    Arbitrary<java.util.List<Flag>> flags() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(""),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12));
        return Combinators.combine(text.filter(s -> s != null && !s.isEmpty()), text).as(Flag::new).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Decision> decisions() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(""),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6));
        Arbitrary<Double> number = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, 1.0, 0.5, 1e-7, 123456789.0));
        Arbitrary<List<String>> list = text.filter(s -> s != null).list().ofMaxSize(3).injectNull(0.2);
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(text.filter(s -> s != null && !s.isEmpty()),
                text.filter(s -> s != null)).ofMaxSize(3).map(m -> (Map<String, String>) new TreeMap<>(m)).injectNull(0.2);
        Arbitrary<Map<String, Double>> quality = Arbitraries.maps(text.filter(s -> s != null && !s.isEmpty()),
                number.filter(x -> x != null)).ofMaxSize(3).map(m -> (Map<String, Double>) new TreeMap<>(m)).injectNull(0.2);
        Arbitrary<JsonNode> payload = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.just(JsonNodeFactory.instance.objectNode()),
                Arbitraries.just(JsonNodeFactory.instance.arrayNode()),
                Arbitraries.just(JsonNodeFactory.instance.textNode("")),
                text.filter(s -> s != null).map(JsonNodeFactory.instance::textNode),
                text.filter(s -> s != null).map(s -> JsonNodeFactory.instance.objectNode().put("k", s)));
        Arbitrary<Decision.Patient> patient = Combinators.combine(text, number, text, text, text, attributes)
                .as(Decision.Patient::new).injectNull(0.1);
        Arbitrary<Decision.Input> input = Combinators.combine(text, text, quality, list, payload)
                .as(Decision.Input::new).injectNull(0.2);
        Arbitrary<Decision.DeviceAction> action = Combinators.combine(text, text, text).as(Decision.DeviceAction::new).injectNull(0.6);
        Arbitrary<Boolean> flagged = Arbitraries.of(true, false).injectNull(0.4);
        Arbitrary<Decision.Output> output = Combinators.combine(text, text, number, text, text, action, flagged, text)
                .as(Decision.Output::new).injectNull(0.1);
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 4_000_000_000_000L)
                .flatMap(ms -> Arbitraries.integers().between(0, 999_999).map(ns -> Instant.ofEpochMilli(ms).plusNanos(ns)))
                .injectNull(0.05);
        Arbitrary<String[]> names = text.array(String[].class).ofSize(7);
        return Combinators.combine(names, time, patient, input, output, list)
                .as((n, t, p, i, o, shown) -> new Decision(n[0], t, n[1], n[2], n[3], n[4], n[5], n[6], p, i, o, shown));
    }
}
