package org.onus.recording;

import java.time.Instant;
import java.util.List;
import org.onus.validation.Fields;

/**
 * Later ground truth for one or more decisions: the confirmed finding ({@code positive} for a
 * binary task, or a {@code label}), an adverse event if there was one, and when it was observed.
 * It turns decisions into observed true or false positives and negatives.
 */
public record Outcome(String id, List<String> decisions, Instant observedAt, Boolean positive, String label,
                      String adverseEvent, String source, String narrative) {

    public Outcome {
        decisions = List.copyOf(decisions);
    }

    public static Outcome read(Fields f) {
        String id = f.id("id", true);
        List<String> decisions = f.strings("decisions", true);
        if (f.has("decisions") && decisions.isEmpty()) {
            f.errors().add(f.at("decisions"), "must name at least one decision");
        }
        Instant observed = f.instant("observedAt", true, true);
        Boolean positive = f.bool("positive", false);
        String label = f.optionalString("label");
        if (positive == null && label == null && f.has("positive") == false) {
            f.errors().add(f.at("positive"), "is required unless a label gives the ground truth");
        }
        String adverse = f.optionalString("adverseEvent");
        String source = f.optionalString("source");
        String narrative = f.optionalString("narrative");
        f.end();
        return new Outcome(id, decisions, observed, positive, label, adverse, source, narrative);
    }

    /** This outcome as its entry tree (what the recorder's mapper would write; see {@link EntryTree}). */
    public com.fasterxml.jackson.databind.node.ObjectNode toData() {
        var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        EntryTree.put(n, "id", id);
        EntryTree.putList(n, "decisions", decisions);
        EntryTree.put(n, "observedAt", observedAt);
        EntryTree.put(n, "positive", positive);
        EntryTree.put(n, "label", label);
        EntryTree.put(n, "adverseEvent", adverseEvent);
        EntryTree.put(n, "source", source);
        EntryTree.put(n, "narrative", narrative);
        return n;
    }
}
