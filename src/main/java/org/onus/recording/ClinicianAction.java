package org.onus.recording;

import java.time.Instant;
import java.util.Set;
import org.onus.validation.Fields;

/**
 * What a clinician did with a decision's output: viewed, accepted, modified, overridden or
 * ignored it, when, and why. For generated text, {@code editedShare} is the share of the text
 * changed before signing (0 = signed as generated).
 */
public record ClinicianAction(String id, String decision, String clinician, String kind, Instant time,
                              String rationale, Double editedShare) {

    public static final Set<String> KINDS = Set.of("viewed", "accepted", "modified", "overridden", "ignored");

    public static ClinicianAction read(Fields f) {
        String id = f.id("id", true);
        String decision = f.id("decision", true);
        String clinician = f.id("clinician", true);
        String kind = f.oneOf("kind", true, KINDS);
        Instant time = f.instant("time", true, true);
        String rationale = f.optionalString("rationale");
        Double edited = f.number("editedShare", false, 0, 1);
        f.end();
        return new ClinicianAction(id, decision, clinician, kind, time, rationale, edited);
    }

    /** This action as its entry tree (what the recorder's mapper would write; see {@link EntryTree}). */
    public com.fasterxml.jackson.databind.node.ObjectNode toData() {
        var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        EntryTree.put(n, "id", id);
        EntryTree.put(n, "decision", decision);
        EntryTree.put(n, "clinician", clinician);
        EntryTree.put(n, "kind", kind);
        EntryTree.put(n, "time", time);
        EntryTree.put(n, "rationale", rationale);
        EntryTree.put(n, "editedShare", editedShare);
        return n;
    }
}
