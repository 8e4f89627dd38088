package org.onus.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.onus.ledger.CanonicalJson;

/**
 * A decision entry's {@code data}, written straight into canonical JSON from the validated
 * {@link Decision} and what the recorder added to it: the patient's pseudonym in place of its id,
 * the digests of the sealed text, recommendation and payload in place of their content, the
 * authorization, system and care setting the scope check found, its flags, and for a correction
 * the entry corrected and why.
 *
 * <p>These bytes are what the recorder wrote before it had this class, when it built the event's
 * tree ({@link Decision#toData()}), changed it and canonicalized the tree; a property test holds
 * the two byte for byte equal, since stored entries must keep verifying and a repeat of an event
 * must keep meaning the same entry. Members are written in canonical (UTF-16) key order, which
 * the writer checks: every {@code key(...)} below is in that order.
 */
final class DecisionEntry {

    /** The digests of the sealed content, each null when that field was absent and nothing was sealed. */
    record Sealed(String text, String recommendation, String payload) {
    }

    /** What the recorder adds to the submitted decision. {@code corrects} and {@code reason} only for a correction. */
    record Additions(String pseudonym, Sealed sealed, String authorization, String system, String careSetting,
                     List<Flag> flags, boolean correction, long corrects, String reason) {
    }

    private DecisionEntry() {
    }

    /** Whether the input's payload is kept (and so sealed): present, not null, not an empty object or array. */
    static boolean hasPayload(Decision.Input input) {
        if (input == null) {
            return false;
        }
        JsonNode payload = input.payload();
        return payload != null && !payload.isNull() && !payload.isMissingNode()
                && !(payload.isContainerNode() && payload.isEmpty());
    }

    static void write(CanonicalJson.Writer w, Decision d, Additions a) {
        w.beginObject();
        string(w, "artifactDigest", d.artifactDigest());
        if (a.authorization() != null) {
            w.key("authorization").value(a.authorization());
        } else {
            string(w, "authorization", d.authorization());
        }
        if (a.correction()) {
            w.key("corrects").value(a.corrects());
        }
        if (d.eventTime() != null) {
            w.key("eventTime").value(d.eventTime().toString());
        }
        flags(w, a.flags());
        string(w, "id", d.id());
        if (d.input() != null) {
            input(w, d.input(), a.sealed().payload());
        }
        output(w, d.output(), a.sealed());
        patient(w, d.patient(), a);
        if (a.correction()) {
            w.key("reason").value(a.reason());
        }
        string(w, "reportedVersion", d.reportedVersion());
        strings(w, "shownTo", d.shownTo());
        string(w, "site", d.site());
        if (a.system() != null) {
            w.key("system").value(a.system());
        } else {
            string(w, "system", d.system());
        }
        string(w, "unit", d.unit());
        w.endObject();
    }

    private static void flags(CanonicalJson.Writer w, List<Flag> flags) {
        w.key("flags").beginArray();
        for (Flag f : flags) {
            w.beginObject();
            w.key("code").value(f.code());
            string(w, "detail", f.detail());
            w.endObject();
        }
        w.endArray();
    }

    private static void input(CanonicalJson.Writer w, Decision.Input in, String sealedPayload) {
        w.key("input").beginObject();
        string(w, "digest", in.digest());
        strings(w, "fieldsPresent", in.fieldsPresent());
        string(w, "modality", in.modality());
        if (hasPayload(in)) {
            w.key("payload");
            sealed(w, required(sealedPayload, "payload"));
        }
        Map<String, Double> quality = in.quality();
        if (quality != null && !quality.isEmpty()) {
            w.key("quality").beginObject();
            for (Map.Entry<String, Double> q : sorted(quality).entrySet()) {
                if (q.getValue() != null) {
                    w.key(q.getKey()).value(q.getValue());
                }
            }
            w.endObject();
        }
        w.endObject();
    }

    private static void output(CanonicalJson.Writer w, Decision.Output o, Sealed sealed) {
        w.key("output").beginObject();
        Decision.DeviceAction action = o.deviceAction();
        if (action != null) {
            w.key("deviceAction").beginObject();
            string(w, "code", action.code());
            string(w, "description", action.description());
            string(w, "kind", action.kind());
            w.endObject();
        }
        string(w, "flagReason", o.flagReason());
        if (o.flagged() != null) {
            w.key("flagged").value(o.flagged());
        }
        string(w, "kind", o.kind());
        string(w, "label", o.label());
        sealedText(w, "recommendation", sealed.recommendation(), o.recommendation());
        if (o.score() != null) {
            w.key("score").value(o.score());
        }
        sealedText(w, "text", sealed.text(), o.text());
        w.endObject();
    }

    private static void patient(CanonicalJson.Writer w, Decision.Patient p, Additions a) {
        w.key("patient").beginObject();
        if (p.age() != null) {
            w.key("age").value(p.age());
        }
        Map<String, String> attributes = p.attributes();
        if (attributes != null && attributes.values().stream().anyMatch(v -> v != null && !v.isEmpty())) {
            w.key("attributes").beginObject();
            for (Map.Entry<String, String> e : sorted(attributes).entrySet()) {
                string(w, e.getKey(), e.getValue());
            }
            w.endObject();
        }
        if (!isEmpty(p.careSetting())) {
            w.key("careSetting").value(p.careSetting());
        } else if (a.careSetting() != null) {
            w.key("careSetting").value(a.careSetting());
        }
        string(w, "indication", p.indication());
        w.key("pseudonym").value(a.pseudonym());
        string(w, "sex", p.sex());
        w.endObject();
    }

    /** Patient-linked free text is only ever written sealed: present content without its sealed digest is a bug, not a fallback. */
    private static void sealedText(CanonicalJson.Writer w, String key, String sealedDigest, String value) {
        if (!isEmpty(value)) {
            w.key(key);
            sealed(w, required(sealedDigest, key));
        }
    }

    private static String required(String sealedDigest, String field) {
        if (sealedDigest == null) {
            throw new IllegalStateException("the decision's " + field + " must be sealed before its entry is written");
        }
        return sealedDigest;
    }

    private static void sealed(CanonicalJson.Writer w, String digest) {
        w.beginObject().key("sealed").value(digest).endObject();
    }

    /** A string member, left out when absent or empty (the recorder's inclusion rule, see {@link EntryTree}). */
    private static void string(CanonicalJson.Writer w, String key, String value) {
        if (!isEmpty(value)) {
            w.key(key).value(value);
        }
    }

    private static void strings(CanonicalJson.Writer w, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            w.key(key).beginArray();
            for (String v : values) {
                w.value(v);
            }
            w.endArray();
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** The map in canonical key order: String order is UTF-16 code unit order. */
    private static <V> SortedMap<String, V> sorted(Map<String, V> m) {
        if (m instanceof SortedMap<String, V> s && s.comparator() == null) {
            return s;
        }
        return new TreeMap<>(m);
    }
}
