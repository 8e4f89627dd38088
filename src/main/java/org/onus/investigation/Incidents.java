package org.onus.investigation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.onus.ledger.CanonicalJson;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.recording.Recorder;
import org.onus.recording.TenantServices;
import org.onus.registry.Party;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.store.Annex;
import org.onus.store.StoredEntry;
import org.onus.validation.Fields;
import org.onus.validation.InvalidInputException;

/**
 * One tenant's incidents, kept as ledger entries and nothing else: the filing ({@code incident}),
 * information added later ({@code incident.information}), determinations
 * ({@code incident.determination}) and the closure ({@code incident.closure}), all filed under the
 * lookup key {@code incident/<id>}. The incident as it stands is folded from them on every read,
 * so there is no state to fall out of step with the record.
 *
 * <p>Every write is idempotent: the filing claims the unique key {@code incident/<id>}, a
 * closure {@code incident-closure/<id>}, and information or a determination that carries an
 * {@code id} claims {@code incident-<kind>/<incident>/<id>}; the same body again answers the
 * original index, another body under the same key is refused.
 */
public final class Incidents {

    public static final String LOOKUP = "incident";
    public static final String FILED = "incident";
    public static final String INFORMATION = "incident.information";
    public static final String DETERMINATION = "incident.determination";
    public static final String CLOSURE = "incident.closure";
    /** Entry types of incidents: patient-linked, so reading them is logged. */
    public static final List<String> TYPES = List.of(FILED, INFORMATION, DETERMINATION, CLOSURE);

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final TenantServices services;
    private final TenantLog log;
    private final Registry registry;
    private final Clock clock;

    public Incidents(TenantServices services, Clock clock) {
        this.services = services;
        this.log = services.log();
        this.registry = services.registry();
        this.clock = clock;
    }

    /** Files an incident; answers its ledger index (the original one for a repeat). */
    public long file(JsonNode body, String actor) {
        Fields.Errors errors = new Fields.Errors(clock);
        Incident incident = Incident.read(Fields.of(body, "", errors));
        errors.throwIfAny();
        requireParty(errors, "/site", incident.site(), "deployer", incident.occurredAt());
        if (incident.unit() != null) {
            registry.current(RecordKind.PARTY, incident.site(), incident.occurredAt(), Party.class)
                    .filter(s -> s.units().stream().noneMatch(u -> u.id().equals(incident.unit())))
                    .ifPresent(s -> errors.add("/unit", "unit " + incident.unit() + " is not a unit of site " + incident.site()));
        }
        requireParty(errors, "/reporter", incident.reporter(), null, clock.instant());
        String pseudonym = services.vault().pseudonym(incident.patient());
        checkDecisions(errors, "/decisions", incident.decisions(), pseudonym);
        errors.throwIfAny();
        ObjectNode data = (ObjectNode) JSON.valueToTree(incident);
        data.put("patient", pseudonym);
        List<Annex.Blob> blobs = new ArrayList<>();
        seal(data, "narrative", pseudonym, blobs);
        return append(Entries.draft(FILED, clock.instant(), actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(LOOKUP, incident.id(), incident.occurredAt().toEpochMilli())))
                .withUniqueKey("incident/" + incident.id(), digest(body)), pseudonym, blobs);
    }

    /** Adds information to an open incident. */
    public long addInformation(String incidentId, JsonNode body, String actor) {
        IncidentState state = open(incidentId);
        Fields.Errors errors = new Fields.Errors(clock);
        Information info = Information.read(Fields.of(body, "", errors));
        errors.throwIfAny();
        requireParty(errors, "/reporter", info.reporter(), null, clock.instant());
        checkDecisions(errors, "/decisions", info.decisions(), state.patient());
        errors.throwIfAny();
        ObjectNode data = (ObjectNode) JSON.valueToTree(info);
        data.put("incident", incidentId);
        List<Annex.Blob> blobs = new ArrayList<>();
        seal(data, "narrative", state.patient(), blobs);
        EntryDraft draft = Entries.draft(INFORMATION, clock.instant(), actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(LOOKUP, incidentId, state.occurredAt().toEpochMilli())));
        if (info.id() != null) {
            draft = draft.withUniqueKey("incident-information/" + incidentId + "/" + info.id(), digest(body));
        }
        return append(draft, state.patient(), blobs);
    }

    /** Records an investigator's determination on an open incident. */
    public long determine(String incidentId, JsonNode body, String actor) {
        IncidentState state = open(incidentId);
        Fields.Errors errors = new Fields.Errors(clock);
        Determination d = Determination.read(Fields.of(body, "", errors));
        errors.throwIfAny();
        requireParty(errors, "/investigator", d.investigator(), null, clock.instant());
        if (d.decision() != null) {
            checkDecisions(errors, "/decision", List.of(d.decision()), state.patient());
        }
        errors.throwIfAny();
        ObjectNode data = (ObjectNode) JSON.valueToTree(d);
        data.put("incident", incidentId);
        List<Annex.Blob> blobs = new ArrayList<>();
        seal(data, "rationale", state.patient(), blobs);
        EntryDraft draft = Entries.draft(DETERMINATION, clock.instant(), actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(LOOKUP, incidentId, state.occurredAt().toEpochMilli())));
        if (d.id() != null) {
            draft = draft.withUniqueKey("incident-determination/" + incidentId + "/" + d.id(), digest(body));
        }
        return append(draft, state.patient(), blobs);
    }

    /** Closes an incident; the same closure again answers its index, another one is refused. */
    public long close(String incidentId, JsonNode body, String actor) {
        IncidentState state = state(incidentId).orElseThrow(() -> new NoSuchIncidentException(incidentId));
        Fields.Errors errors = new Fields.Errors(clock);
        Closure c = Closure.read(Fields.of(body, "", errors));
        errors.throwIfAny();
        requireParty(errors, "/investigator", c.investigator(), null, clock.instant());
        if (c.closedAt().isBefore(state.awareAt())) {
            errors.add("/closedAt", "must not be before the organisation became aware of the incident (" + state.awareAt() + ")");
        }
        errors.throwIfAny();
        ObjectNode data = (ObjectNode) JSON.valueToTree(c);
        data.put("incident", incidentId);
        return append(Entries.draft(CLOSURE, clock.instant(), actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(LOOKUP, incidentId, state.occurredAt().toEpochMilli())))
                .withUniqueKey("incident-closure/" + incidentId, digest(body)), state.patient(), List.of());
    }

    /** Ids of every incident filed in this tenant. */
    public List<String> ids() {
        return log.lookupKeys(LOOKUP).stream().sorted().toList();
    }

    /** The incident as it stands now (see the class comment), or empty if it was never filed. */
    public Optional<IncidentState> state(String incidentId) {
        List<Annex.Key> keys = log.lookup(LOOKUP, incidentId, Long.MIN_VALUE, Long.MAX_VALUE, null, 100_000);
        IncidentState state = null;
        for (Annex.Key k : keys.stream().sorted(java.util.Comparator.comparingLong(Annex.Key::index)).toList()) {
            Optional<StoredEntry> e = log.entry(k.index());
            if (e.isEmpty()) {
                continue;
            }
            JsonNode entry = Entries.parse(e.get().bytes());
            JsonNode data = unsealedView(entry.get("data"));
            Instant at = Instant.ofEpochMilli(e.get().recordedAtMillis());
            String actor = entry.path("actor").asText();
            switch (e.get().type()) {
                case FILED -> {
                    Incident i = as(data, Incident.class);
                    state = new IncidentState(incidentId, new Recorded<>(k.index(), at, actor, i), i.severity(), i.facts(), i.decisions(),
                            List.of(), List.of(), null);
                }
                case INFORMATION -> state = state == null ? null : state.withInformation(new Recorded<>(k.index(), at, actor, as(data, Information.class)));
                case DETERMINATION -> state = state == null ? null
                        : state.withDetermination(new Recorded<>(k.index(), at, actor, as(data, Determination.class)));
                case CLOSURE -> state = state == null ? null : state.closedBy(new Recorded<>(k.index(), at, actor, as(data, Closure.class)));
                default -> {
                }
            }
        }
        return Optional.ofNullable(state);
    }

    /**
     * The sealed text behind a digest for this incident's patient, filed with entry {@code index},
     * if the patient's key still exists.
     */
    public Optional<String> open(IncidentState state, long index, String digest) {
        return services.vault().open(state.patient(), index, digest);
    }

    private IncidentState open(String incidentId) {
        IncidentState state = state(incidentId).orElseThrow(() -> new NoSuchIncidentException(incidentId));
        if (state.closed()) {
            throw new InvalidInputException("", "incident " + incidentId + " was closed at " + state.closure().value().closedAt()
                    + " (entry " + state.closure().index() + "); file a new incident or record the new facts there");
        }
        return state;
    }

    /** Sealed fields ({"sealed": digest}) read as their digest, so the records bind. */
    private static JsonNode unsealedView(JsonNode data) {
        ObjectNode copy = data.deepCopy();
        for (String f : List.of("narrative", "rationale")) {
            JsonNode n = copy.get(f);
            if (n != null && n.isObject() && n.has("sealed")) {
                copy.put(f, n.get("sealed").asText());
            }
        }
        copy.remove("incident");
        return copy;
    }

    private static <T> T as(JsonNode data, Class<T> type) {
        try {
            return JSON.treeToValue(data, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LedgerException("an incident entry does not read as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private void requireParty(Fields.Errors errors, String pointer, String id, String kind, Instant at) {
        if (id == null) {
            return;
        }
        Optional<Party> p = registry.current(RecordKind.PARTY, id, at, Party.class);
        if (p.isEmpty()) {
            errors.add(pointer, "refers to " + id + ", which is not a registered party" + (kind == null ? "" : " (" + kind + ")"));
        } else if (kind != null && !kind.equals(p.get().kind())) {
            errors.add(pointer, "refers to " + id + ", a " + p.get().kind() + ", not a " + kind);
        }
    }

    private void checkDecisions(Fields.Errors errors, String pointer, List<String> decisions, String pseudonym) {
        Recorder recorder = services.recorder();
        for (int i = 0; i < decisions.size(); i++) {
            String at = pointer.endsWith("/decision") ? pointer : pointer + "/" + i;
            Optional<Recorder.DecisionRef> ref = recorder.decisionRef(decisions.get(i));
            if (ref.isEmpty()) {
                errors.add(at, "refers to decision " + decisions.get(i) + ", which is not recorded");
            } else if (!ref.get().pseudonym().equals(pseudonym)) {
                errors.add(at, "decision " + decisions.get(i) + " concerns another patient than the incident");
            }
        }
    }

    private void seal(ObjectNode node, String field, String pseudonym, List<Annex.Blob> blobs) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual()) {
            Annex.Blob blob = services.vault().seal(pseudonym, v.asText());
            blobs.add(blob);
            node.putObject(field).put("sealed", blob.digest());
        }
    }

    private long append(EntryDraft draft, String pseudonym, List<Annex.Blob> blobs) {
        EntryDraft d = draft.withBlobs(blobs);
        Optional<Annex.Secret> key = blobs.isEmpty() ? Optional.empty() : services.vault().unsavedKey(pseudonym);
        if (key.isPresent()) {
            d = d.withSecrets(List.of(key.get()));
        }
        try {
            long index = log.appendGroup(List.of(d)).get()[0];
            key.ifPresent(k -> services.vault().saved(List.of(pseudonym)));
            return index;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while recording an incident entry", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.onus.store.SecretConflictException lostKeyRace) {
                services.vault().refused(lostKeyRace); // another node saved the patient's key first: a retry seals under it
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new LedgerException("recording an incident entry failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static byte[] digest(JsonNode body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** There is no incident with that id in this tenant. */
    public static final class NoSuchIncidentException extends RuntimeException {
        private final String id;

        public NoSuchIncidentException(String id) {
            super("there is no incident " + id + " in this tenant");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
