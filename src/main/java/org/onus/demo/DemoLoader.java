package org.onus.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.recording.Recorder;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;

/**
 * Records the demo hospital's story into one tenant through the same services the API uses, so
 * the demo exercises exactly what an integration would: registry revisions with their story
 * time as effective time, then decisions, actions and outcomes in batches. A decision is always
 * recorded before anything that refers to it.
 */
public final class DemoLoader {

    static final int BATCH = 5_000;
    static final String ACTOR = "demo-loader";

    /** How many records of each kind were recorded. */
    public record Loaded(Map<String, Integer> counts, long ledgerSize) {
    }

    private final TenantServices services;
    private final List<JsonNode> decisions = new ArrayList<>();
    private final List<JsonNode> actions = new ArrayList<>();
    private final List<JsonNode> outcomes = new ArrayList<>();
    private final Map<String, Integer> counts = new java.util.TreeMap<>();

    public DemoLoader(TenantServices services) {
        this.services = services;
    }

    public Loaded load(DemoHospital hospital) {
        Registry registry = services.registry();
        Recorder recorder = services.recorder();
        for (DemoRecord r : hospital) {
            counts.merge(r.kind(), 1, Integer::sum);
            switch (r.kind()) {
                case DemoRecord.DECISION -> {
                    decisions.add(r.body());
                    if (decisions.size() >= BATCH) {
                        flushDecisions(recorder);
                    }
                }
                case DemoRecord.ACTION -> {
                    actions.add(r.body());
                    if (actions.size() >= BATCH) {
                        flushDecisions(recorder);
                        recorder.actions(drain(actions), ACTOR, true);
                    }
                }
                case DemoRecord.OUTCOME -> {
                    outcomes.add(r.body());
                    if (outcomes.size() >= BATCH) {
                        flushDecisions(recorder);
                        recorder.outcomes(drain(outcomes), ACTOR, true);
                    }
                }
                default -> {
                    flushAll(recorder);
                    registry.write(kindOf(r.kind()), r.body(), ACTOR, r.at(), null, null);
                }
            }
        }
        flushAll(recorder);
        return new Loaded(counts, services.log().size());
    }

    private void flushDecisions(Recorder recorder) {
        if (!decisions.isEmpty()) {
            recorder.decisions(drain(decisions), ACTOR, true);
        }
    }

    private void flushAll(Recorder recorder) {
        flushDecisions(recorder);
        if (!actions.isEmpty()) {
            recorder.actions(drain(actions), ACTOR, true);
        }
        if (!outcomes.isEmpty()) {
            recorder.outcomes(drain(outcomes), ACTOR, true);
        }
    }

    private static List<JsonNode> drain(List<JsonNode> buffer) {
        List<JsonNode> out = new ArrayList<>(buffer);
        buffer.clear();
        return out;
    }

    private static final Map<String, RecordKind> KINDS = new java.util.HashMap<>(Map.of(
            DemoRecord.PARTY, RecordKind.PARTY,
            DemoRecord.AI_SYSTEM, RecordKind.AI_SYSTEM,
            DemoRecord.VERSION, RecordKind.VERSION,
            DemoRecord.LOCAL_VALIDATION, RecordKind.LOCAL_VALIDATION,
            DemoRecord.AUTHORIZATION, RecordKind.AUTHORIZATION,
            DemoRecord.NOTICE, RecordKind.NOTICE,
            DemoRecord.NOTICE_RECEIPT, RecordKind.NOTICE_RECEIPT));

    private static RecordKind kindOf(String kind) {
        RecordKind k = KINDS.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("the demo produced a record of unknown kind " + kind);
        }
        return k;
    }
}
