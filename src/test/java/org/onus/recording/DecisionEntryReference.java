package org.onus.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.onus.ledger.Entries;

/**
 * How the recorder made a decision's entry bytes before {@link DecisionEntry}: the event's tree,
 * changed in place (pseudonym for id, sealed digests for content, the scope check's additions,
 * flags, a correction's fields), then the canonical form of the whole envelope's tree. Kept as
 * the reference the direct writer must match byte for byte.
 */
final class DecisionEntryReference {

    private DecisionEntryReference() {
    }

    static byte[] bytes(String type, Instant recordedAt, String actor, Decision d, DecisionEntry.Additions a) {
        ObjectNode data = d.toData();
        ObjectNode patient = (ObjectNode) data.get("patient");
        patient.remove("id");
        patient.put("pseudonym", a.pseudonym());
        ObjectNode output = (ObjectNode) data.get("output");
        if (output.get("text") != null && output.get("text").isTextual()) {
            output.set("text", sealed(a.sealed().text()));
        }
        if (output.get("recommendation") != null && output.get("recommendation").isTextual()) {
            output.set("recommendation", sealed(a.sealed().recommendation()));
        }
        if (data.get("input") instanceof ObjectNode input && input.has("payload")) {
            input.set("payload", sealed(a.sealed().payload()));
        }
        if (a.authorization() != null) {
            data.put("authorization", a.authorization());
        }
        if (a.system() != null) {
            data.put("system", a.system());
        }
        if (a.careSetting() != null && !patient.has("careSetting")) {
            patient.put("careSetting", a.careSetting());
        }
        data.set("flags", Flag.toJson(a.flags()));
        if (a.correction()) {
            data.put("corrects", a.corrects());
            data.put("reason", a.reason());
        }
        return Entries.draft(type, recordedAt, actor, data).bytes();
    }

    private static JsonNode sealed(String digest) {
        return JsonNodeFactory.instance.objectNode().put("sealed", digest);
    }
}
