package org.onus.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.onus.ledger.Entries;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.registry.Revision;
import org.onus.store.Annex;
import org.onus.store.StoredEntry;

/**
 * The read side of recording: a patient's timeline, a deployment's event stream, one decision's
 * chain. Every read of patient-linked data is itself appended to the ledger as an {@code access}
 * entry (who, what, when, how many entries) before the data is handed out; if that append fails,
 * nothing is handed out.
 */
public final class Timeline {

    /** Longest window a patient timeline covers in one request. */
    public static final int MAX_EVENTS = 10_000;

    /**
     * Who reads: the token id and role; whether sealed content may be opened for them; and, for a
     * vendor, the only systems whose records they may see (null = all).
     */
    public record Reader(String actor, String role, boolean opensSealed, Set<String> onlySystems) {
    }

    private final Recorder recorder;
    private final TenantLog log;
    private final Registry registry;
    private final PatientVault vault;
    private final Clock clock;

    public Timeline(Recorder recorder, Clock clock) {
        this.recorder = recorder;
        this.log = recorder.log();
        this.registry = recorder.registry();
        this.vault = recorder.vault();
        this.clock = clock;
    }

    /** All decisions, actions and outcomes of a patient in [from, to), each decision with the card and authorization in force. */
    public ObjectNode patient(String patientId, Instant from, Instant to, Reader reader) {
        return patientByPseudonym(vault.pseudonym(patientId), from, to, reader);
    }

    /** As {@link #patient}, for a patient known only by pseudonym (as an incident or a finding names them). */
    public ObjectNode patientByPseudonym(String pseudonym, Instant from, Instant to, Reader reader) {
        List<Annex.Key> keys = log.lookup(Recorder.PATIENT, pseudonym, from.toEpochMilli(), to.toEpochMilli(), null, MAX_EVENTS + 1);
        boolean truncated = keys.size() > MAX_EVENTS;
        ObjectNode out = Recorder.JSON.createObjectNode();
        out.put("patient", pseudonym);
        out.put("from", from.toString());
        out.put("to", to.toString());
        ArrayNode events = out.putArray("events");
        for (Annex.Key k : truncated ? keys.subList(0, MAX_EVENTS) : keys) {
            render(k, reader, true).ifPresent(events::add);
        }
        out.put("truncated", truncated);
        logAccess(reader, "patient-timeline", pseudonym, events.size(), from + "/" + to);
        return out;
    }

    /** A deployment's events in [from, to), a page at a time; {@code cursor} is the previous page's {@code next}. */
    public ObjectNode deployment(String deployment, Instant from, Instant to, String cursor, int limit, Reader reader) {
        Annex.Key after = decodeCursor(deployment, cursor);
        List<Annex.Key> keys = log.lookup(Recorder.DEPLOYMENT, deployment, from.toEpochMilli(), to.toEpochMilli(), after, limit);
        ObjectNode out = Recorder.JSON.createObjectNode();
        out.put("deployment", deployment);
        ArrayNode events = out.putArray("events");
        for (Annex.Key k : keys) {
            render(k, reader, false).ifPresent(events::add);
        }
        if (keys.size() == limit) {
            Annex.Key last = keys.get(keys.size() - 1);
            out.put("next", last.atMillis() + "." + last.index());
        }
        logAccess(reader, "deployment-stream", deployment, events.size(), from + "/" + to);
        return out;
    }

    /** A decision with every action, outcome and correction filed under it. */
    public Optional<ObjectNode> decision(String decisionId, Reader reader) {
        List<Annex.Key> keys = log.lookup(Recorder.DECISION, decisionId, Long.MIN_VALUE, Long.MAX_VALUE, null, MAX_EVENTS);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out = Recorder.JSON.createObjectNode();
        out.put("decision", decisionId);
        ArrayNode events = out.putArray("events");
        for (Annex.Key k : keys) {
            render(k, reader, true).ifPresent(events::add);
        }
        if (events.isEmpty()) {
            return Optional.empty();
        }
        logAccess(reader, "decision", decisionId, events.size(), null);
        return Optional.of(out);
    }

    /** Entry types that carry patient-linked data: reading one, by any route, is logged. */
    public static final Set<String> PATIENT_LINKED = Set.of("decision", "action", "outcome", "patient.erasure",
            "decision.correction", "action.correction", "outcome.correction");

    /** Logs a direct read of one ledger entry that is patient-linked (e.g. through the raw ledger API). */
    public void logEntryRead(Reader reader, long index, String type) {
        if (PATIENT_LINKED.contains(type)) {
            logAccess(reader, "ledger-entry", type + "/" + index, 1, null);
        }
    }

    private static Annex.Key decodeCursor(String deployment, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts = cursor.split("\\.");
        try {
            return new Annex.Key(Long.parseLong(parts[1]), Recorder.DEPLOYMENT, deployment, Long.parseLong(parts[0]));
        } catch (RuntimeException e) {
            throw new org.onus.validation.InvalidInputException("cursor", "must be the 'next' value of the previous page");
        }
    }

    private Optional<ObjectNode> render(Annex.Key key, Reader reader, boolean withContext) {
        Optional<StoredEntry> stored = log.entry(key.index());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        JsonNode entry = Entries.parse(stored.get().bytes());
        JsonNode data = entry.get("data");
        if (reader.onlySystems() != null && !reader.onlySystems().contains(systemOf(stored.get().type(), data))) {
            return Optional.empty();
        }
        ObjectNode event = Recorder.JSON.createObjectNode();
        event.put("index", key.index());
        event.put("type", stored.get().type());
        event.put("time", Instant.ofEpochMilli(key.atMillis()).toString());
        event.put("recordedAt", entry.get("recordedAt").asText());
        ObjectNode copy = data.deepCopy();
        String pseudonym = pseudonymOf(stored.get().type(), data);
        if (reader.opensSealed() && pseudonym != null) {
            openSealed(copy, key.index(), pseudonym);
        }
        event.set("data", copy);
        if (withContext && stored.get().type().startsWith("decision")) {
            event.set("inForce", context(data));
        }
        return Optional.of(event);
    }

    private String systemOf(String type, JsonNode data) {
        if (type.startsWith("decision")) {
            return data.path("system").asText(null);
        }
        String decision = type.startsWith("action") ? data.path("decision").asText(null)
                : data.path("decisions").path(0).asText(null);
        return decision == null ? null : recorder.decisionRef(decision).map(Recorder.DecisionRef::system).orElse(null);
    }

    private static String pseudonymOf(String type, JsonNode data) {
        JsonNode p = data.get("patient");
        if (p == null) {
            return null;
        }
        return p.isObject() ? p.path("pseudonym").asText(null) : p.asText();
    }

    /** Replaces every {"sealed": digest} in the tree by its plaintext, or by {"erased": true} after crypto-shredding. */
    private void openSealed(JsonNode node, long index, String pseudonym) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = obj.get(name);
                if (child.isObject() && child.size() == 1 && child.has("sealed")) {
                    String digest = child.get("sealed").asText();
                    Optional<String> plain = vault.open(pseudonym, index, digest);
                    if (plain.isPresent()) {
                        obj.put(name, plain.get());
                    } else {
                        ObjectNode erased = Recorder.JSON.createObjectNode();
                        erased.put("sealed", digest);
                        erased.put("erased", true);
                        obj.set(name, erased);
                    }
                } else {
                    openSealed(child, index, pseudonym);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(child -> openSealed(child, index, pseudonym));
        }
    }

    /** The authorization and version (with its card) in force at the decision's event time, as known now. */
    private ObjectNode context(JsonNode decision) {
        ObjectNode ctx = Recorder.JSON.createObjectNode();
        Instant t = Instant.parse(decision.get("eventTime").asText());
        Instant now = clock.instant();
        if (decision.hasNonNull("authorization")) {
            registry.asOf(RecordKind.AUTHORIZATION, decision.get("authorization").asText(), t, now)
                    .ifPresent(r -> ctx.set("authorization", revision(r)));
        }
        if (decision.hasNonNull("system")) {
            registry.asOf(RecordKind.VERSION, decision.get("system").asText() + "@" + decision.get("reportedVersion").asText(), t, now)
                    .ifPresent(r -> ctx.set("version", revision(r)));
        }
        return ctx;
    }

    private static ObjectNode revision(Revision r) {
        ObjectNode n = Recorder.JSON.createObjectNode();
        n.put("index", r.index());
        n.put("effectiveAt", r.effectiveAt().toString());
        if (r.revoked()) {
            n.put("revoked", true);
        }
        n.set("record", r.record());
        return n;
    }

    private void logAccess(Reader reader, String query, String subject, int count, String window) {
        ObjectNode data = Recorder.JSON.createObjectNode();
        data.put("reader", reader.actor());
        data.put("role", reader.role());
        data.put("query", query);
        data.put("subject", subject);
        if (window != null) {
            data.put("window", window);
        }
        data.put("entries", count);
        data.put("contentOpened", reader.opensSealed());
        try {
            log.append(Entries.draft("access", clock.instant(), reader.actor(), data)
                    .withLookups(List.of(new org.onus.ledger.EntryDraft.Lookup("access", subject, clock.millis())))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while logging a read of patient data; nothing was returned", e);
        } catch (ExecutionException e) {
            throw new LedgerException("the read could not be logged, so nothing is returned: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
