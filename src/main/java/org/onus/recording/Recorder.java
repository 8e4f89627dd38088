package org.onus.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.onus.ledger.CanonicalJson;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.registry.Registry;
import org.onus.store.Annex;
import org.onus.store.SecretConflictException;
import org.onus.store.StoredEntry;
import org.onus.validation.Fields;
import org.onus.validation.InvalidInputException;

/**
 * Records the clinical side of the value chain for one tenant: decision events, clinician actions
 * and outcomes, single or in batches, each batch all or nothing.
 *
 * <p>Each event becomes one ledger entry whose data is the event as submitted, except that the
 * patient id is replaced by its keyed pseudonym, patient-linked free text and payloads are sealed
 * (see {@link PatientVault}), and Onus adds what it worked out: the authorization and system the
 * decision ran under and the {@link Flag}s it raised at its event time. The entry is filed under
 * lookup keys for its patient, its deployment and its decision, and claims the unique key
 * {@code <kind>/<id>} with the digest of the submitted body, which makes every write idempotent.
 */
public final class Recorder {

    public static final int MAX_BATCH = 10_000;
    public static final String PATIENT = "patient";
    public static final String DEPLOYMENT = "deployment";
    public static final String DECISION = "decision";
    public static final String SYSTEM = "system";

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final TenantLog log;
    private final Registry registry;
    private final PatientVault vault;
    private final Clock clock;
    /** Where recent decisions' actions and outcomes are filed, to spare a store read per action. */
    private final Map<String, DecisionRef> recentDecisions = new java.util.concurrent.ConcurrentHashMap<>(4096);
    /** Past this many, a tenth of the recent decisions are dropped (in the map's order); a dropped one costs a store read. */
    static final int MAX_RECENT_DECISIONS = 200_000;

    private void remember(String decisionId, DecisionRef ref) {
        recentDecisions.put(decisionId, ref);
        if (recentDecisions.size() > MAX_RECENT_DECISIONS) {
            int excess = recentDecisions.size() - MAX_RECENT_DECISIONS * 9 / 10;
            for (var it = recentDecisions.keySet().iterator(); it.hasNext() && excess-- > 0; ) {
                it.next();
                it.remove();
            }
        }
    }

    /** What an action or outcome needs to know of its decision. */
    public record DecisionRef(long index, String pseudonym, String deployment, String system) {
    }

    public Recorder(TenantLog log, Registry registry, PatientVault vault, Clock clock) {
        this.log = log;
        this.registry = registry;
        this.vault = vault;
        this.clock = clock;
    }

    public TenantLog log() {
        return log;
    }

    public Registry registry() {
        return registry;
    }

    public PatientVault vault() {
        return vault;
    }

    /**
     * Records decision events all or nothing; answers each one's ledger index (the original one
     * for a repeat). In a batch, error pointers start with the item's position ({@code /3/patient/age}).
     */
    public long[] decisions(List<JsonNode> bodies, String actor, boolean batch) {
        return decisions(bodies, actor, batch, null).await();
    }

    /**
     * Validates and drafts decision events on the calling thread (throwing
     * {@link InvalidInputException} for any broken rule, with nothing written) and hands them to
     * the sequencer; the future completes with each one's index once they are durably committed,
     * or exceptionally (e.g. {@link org.onus.ledger.DuplicateKeyException}). Nothing waits on it
     * here, so a caller answering over HTTP need not hold a thread through the group commit. The
     * recorder's own bookkeeping after the commit, and the returned future's completion, run on
     * {@code afterCommit}, not on the sequencer's thread, which every commit of the tenant waits for.
     */
    public CompletableFuture<long[]> submitDecisions(List<JsonNode> bodies, String actor, boolean batch, Executor afterCommit) {
        return decisions(bodies, actor, batch, null).on(afterCommit);
    }

    private Pending decisions(List<JsonNode> bodies, String actor, boolean batch, Correction correction) {
        List<DecisionRef> refs = new ArrayList<>(bodies.size());
        return record(bodies, batch, refs::clear, (body, pointer, errors, now, sealing) -> {
            int before = errors.list().size();
            Decision d = Decision.read(Fields.of(body, pointer, errors));
            if (d == null || errors.list().size() > before) {
                return null;
            }
            ScopeCheck.Result scope = ScopeCheck.check(registry, d, now, errors, pointer);
            if (scope == null) {
                return null;
            }
            String pseudonym = vault.pseudonym(d.patient().id());
            String deployment = deploymentKey(scope.authorization(), d.site(), d.unit());
            List<Annex.Blob> blobs = new ArrayList<>();
            // sealed in this order (text, recommendation, payload), as the blobs have always been listed
            String text = sealedDigest(sealing, d.output().text(), pseudonym, blobs);
            String recommendation = sealedDigest(sealing, d.output().recommendation(), pseudonym, blobs);
            String payload = null;
            if (DecisionEntry.hasPayload(d.input())) {
                JsonNode p = d.input().payload();
                Annex.Blob blob = sealing.seal(pseudonym, p.isTextual() ? p.asText() : p.toString());
                blobs.add(blob);
                payload = blob.digest();
            }
            DecisionEntry.Additions added = new DecisionEntry.Additions(pseudonym,
                    new DecisionEntry.Sealed(text, recommendation, payload), scope.authorization(), scope.system(),
                    scope.careSetting(), scope.flags(), correction != null,
                    correction == null ? 0 : correction.corrects(), correction == null ? null : correction.reason());
            long at = d.eventTime().toEpochMilli();
            List<EntryDraft.Lookup> lookups = new ArrayList<>(List.of(
                    new EntryDraft.Lookup(PATIENT, pseudonym, at),
                    new EntryDraft.Lookup(DEPLOYMENT, deployment, at),
                    new EntryDraft.Lookup(DECISION, d.id(), at)));
            if (scope.system() != null) {
                lookups.add(new EntryDraft.Lookup(SYSTEM, scope.system(), at));
            }
            refs.add(new DecisionRef(-1, pseudonym, deployment, scope.system()));
            return keyed("decision", d.id(), type -> Entries.draft(type, now, actor, w -> DecisionEntry.write(w, d, added)),
                    lookups, body, correction).withBlobs(blobs).withSecrets(keyToSave(pseudonym, blobs, sealing));
        }).then(indexes -> {
            // before the future completes for the caller: an action sent after the answer finds its decision here
            for (int i = 0; i < indexes.length; i++) {
                DecisionRef r = refs.get(i);
                remember(bodies.get(i).get("id").asText(), new DecisionRef(indexes[i], r.pseudonym(), r.deployment(), r.system()));
            }
            return indexes;
        });
    }

    public long decision(JsonNode body, String actor) {
        return decisions(List.of(body), actor, false)[0];
    }

    /** Records clinician actions all or nothing. */
    public long[] actions(List<JsonNode> bodies, String actor, boolean batch) {
        return actions(bodies, actor, batch, null).await();
    }

    /** As {@link #submitDecisions}, for clinician actions. */
    public CompletableFuture<long[]> submitActions(List<JsonNode> bodies, String actor, boolean batch, Executor afterCommit) {
        return actions(bodies, actor, batch, null).on(afterCommit);
    }

    private Pending actions(List<JsonNode> bodies, String actor, boolean batch, Correction correction) {
        return record(bodies, batch, () -> { }, (body, pointer, errors, now, sealing) -> {
            int before = errors.list().size();
            ClinicianAction a = ClinicianAction.read(Fields.of(body, pointer, errors));
            if (a == null || errors.list().size() > before) {
                return null;
            }
            Optional<DecisionRef> ref = decisionRef(a.decision());
            if (ref.isEmpty()) {
                errors.add(pointer + "/decision", "refers to decision " + a.decision() + ", which is not recorded");
                return null;
            }
            List<Annex.Blob> blobs = new ArrayList<>();
            ObjectNode data = a.toData();
            seal(sealing, data, "rationale", ref.get().pseudonym(), blobs);
            data.put("decisionIndex", ref.get().index());
            data.put("patient", ref.get().pseudonym());
            data.put("deployment", ref.get().deployment());
            List<Flag> flags = new ArrayList<>();
            var clinician = registry.current(org.onus.registry.RecordKind.PARTY, a.clinician(), a.time(), org.onus.registry.Party.class);
            if (clinician.isEmpty() || !"clinician".equals(clinician.get().kind())) {
                flags.add(new Flag(Flag.CLINICIAN_NOT_REGISTERED, "clinician " + a.clinician() + " is not registered"));
            } else if (ref.get().system() != null && !clinician.get().trainedOn(ref.get().system(), a.time())) {
                flags.add(new Flag(Flag.CLINICIAN_UNTRAINED, "clinician " + a.clinician() + " held no valid training on "
                        + ref.get().system() + " at " + a.time()));
            }
            data.set("flags", Flag.toJson(flags));
            long at = a.time().toEpochMilli();
            return finish("action", a.id(), data, List.of(new EntryDraft.Lookup(DECISION, a.decision(), at),
                            new EntryDraft.Lookup(PATIENT, ref.get().pseudonym(), at),
                            new EntryDraft.Lookup(DEPLOYMENT, ref.get().deployment(), at)), body, correction, now, actor)
                    .withBlobs(blobs).withSecrets(keyToSave(ref.get().pseudonym(), blobs, sealing));
        });
    }

    public long action(JsonNode body, String actor) {
        return actions(List.of(body), actor, false)[0];
    }

    /** Records outcomes all or nothing. */
    public long[] outcomes(List<JsonNode> bodies, String actor, boolean batch) {
        return outcomes(bodies, actor, batch, null).await();
    }

    /** As {@link #submitDecisions}, for outcomes. */
    public CompletableFuture<long[]> submitOutcomes(List<JsonNode> bodies, String actor, boolean batch, Executor afterCommit) {
        return outcomes(bodies, actor, batch, null).on(afterCommit);
    }

    private Pending outcomes(List<JsonNode> bodies, String actor, boolean batch, Correction correction) {
        return record(bodies, batch, () -> { }, (body, pointer, errors, now, sealing) -> {
            int before = errors.list().size();
            Outcome o = Outcome.read(Fields.of(body, pointer, errors));
            if (o == null || errors.list().size() > before) {
                return null;
            }
            List<DecisionRef> refs = new ArrayList<>();
            for (int j = 0; j < o.decisions().size(); j++) {
                Optional<DecisionRef> ref = decisionRef(o.decisions().get(j));
                if (ref.isEmpty()) {
                    errors.add(pointer + "/decisions/" + j, "refers to decision " + o.decisions().get(j) + ", which is not recorded");
                } else {
                    refs.add(ref.get());
                }
            }
            if (refs.size() != o.decisions().size()) {
                return null;
            }
            String pseudonym = refs.get(0).pseudonym();
            if (refs.stream().anyMatch(r -> !r.pseudonym().equals(pseudonym))) {
                errors.add(pointer + "/decisions", "must all concern the same patient");
                return null;
            }
            List<Annex.Blob> blobs = new ArrayList<>();
            ObjectNode data = o.toData();
            seal(sealing, data, "narrative", pseudonym, blobs);
            data.put("patient", pseudonym);
            ArrayNode indexes = data.putArray("decisionIndexes");
            refs.forEach(r -> indexes.add(r.index()));
            long at = o.observedAt().toEpochMilli();
            List<EntryDraft.Lookup> lookups = new ArrayList<>();
            lookups.add(new EntryDraft.Lookup(PATIENT, pseudonym, at));
            for (int j = 0; j < refs.size(); j++) {
                lookups.add(new EntryDraft.Lookup(DECISION, o.decisions().get(j), at));
                EntryDraft.Lookup dep = new EntryDraft.Lookup(DEPLOYMENT, refs.get(j).deployment(), at);
                if (!lookups.contains(dep)) {
                    lookups.add(dep);
                }
            }
            return finish("outcome", o.id(), data, lookups, body, correction, now, actor).withBlobs(blobs)
                    .withSecrets(keyToSave(pseudonym, blobs, sealing));
        });
    }

    /** Turns one submitted event into its entry draft, or records why it cannot and returns null. */
    private interface Drafter {
        EntryDraft draft(JsonNode body, String pointer, Fields.Errors errors, Instant now, PatientVault.Sealing sealing);
    }

    /**
     * The frame every kind of event shares: each body drafted in order (in a batch, error pointers
     * start with the item's position), every broken rule collected, nothing appended unless all
     * are sound, then one group append; the keys of patients first sealed for are marked saved.
     *
     * <p>If the store refuses the group because another node saved a key for one of its new
     * patients first, this node's unsaved key is dropped and the group is drafted again, sealed
     * under the stored key ({@code reset} forgets what the refused drafting noted), off the
     * sequencer's thread: no entry is acknowledged sealed under a key the store does not keep.
     */
    private Pending record(List<JsonNode> bodies, boolean batch, Runnable reset, Drafter drafter) {
        checkBatch(bodies);
        // the flags are observations investigations and monitoring read: they must be made against
        // every registry revision committed before the request, through whichever node
        log.catchUpWithOtherNodes();
        Instant now = clock.instant();
        java.util.concurrent.atomic.AtomicReference<PatientVault.Sealing> committedSealing = new java.util.concurrent.atomic.AtomicReference<>();
        return new Pending(submit(bodies, batch, reset, drafter, now, 1, committedSealing), indexes -> {
            committedSealing.get().saved();
            return indexes;
        });
    }

    /** Drafts the group (throwing on a broken rule, nothing written) and hands it to the sequencer; see {@link #record}. */
    private CompletableFuture<long[]> submit(List<JsonNode> bodies, boolean batch, Runnable reset, Drafter drafter, Instant now,
                                             int attempt, java.util.concurrent.atomic.AtomicReference<PatientVault.Sealing> used) {
        Fields.Errors errors = new Fields.Errors(clock);
        List<EntryDraft> drafts = new ArrayList<>(bodies.size());
        PatientVault.Sealing sealing = vault.sealing();
        reset.run();
        for (int i = 0; i < bodies.size(); i++) {
            int before = errors.list().size();
            EntryDraft d = drafter.draft(bodies.get(i), batch ? "/" + i : "", errors, now, sealing);
            if (d != null && errors.list().size() == before) {
                drafts.add(d);
            }
        }
        errors.throwIfAny();
        used.set(sealing);
        return log.appendGroup(drafts).exceptionallyComposeAsync(failure -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof SecretConflictException lostKeyRace && attempt < MAX_KEY_RACES) {
                vault.refused(lostKeyRace);
                return submit(bodies, batch, reset, drafter, now, attempt + 1, used);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** How often one write is redrafted after losing a new patient's key to another node (once is the rule). */
    static final int MAX_KEY_RACES = 5;

    /**
     * A group handed to the sequencer, and what the recorder does once it is committed. That work
     * is not chained onto the sequencer's future directly, since dependents of a future run on
     * the thread that completes it, and the sequencer's thread is the one every commit waits for.
     */
    private record Pending(CompletableFuture<long[]> committed, UnaryOperator<long[]> after) {

        Pending then(UnaryOperator<long[]> more) {
            return new Pending(committed, indexes -> more.apply(after.apply(indexes)));
        }

        /** Waits for the commit on this thread and does the bookkeeping here. */
        long[] await() {
            return after.apply(Recorder.committed(committed));
        }

        CompletableFuture<long[]> on(Executor executor) {
            return committed.thenApplyAsync(after, executor);
        }
    }

    public long outcome(JsonNode body, String actor) {
        return outcomes(List.of(body), actor, false)[0];
    }

    /**
     * Erases a patient's personal data by destroying their key (crypto-shredding) and records the
     * erasure as a ledger entry. Every entry stays, and verifies; the sealed content becomes
     * unreadable. Returns the erasure entry's index.
     */
    public long erasePatient(String patientId, String actor, String reason) {
        String pseudonym = vault.pseudonym(patientId);
        boolean hadKey = vault.erase(pseudonym);
        ObjectNode data = JSON.createObjectNode();
        data.put("patient", pseudonym);
        data.put("keyDestroyed", hadKey);
        if (reason != null) {
            data.put("reason", reason);
        }
        Instant now = clock.instant();
        return append(List.of(Entries.draft("patient.erasure", now, actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(PATIENT, pseudonym, now.toEpochMilli())))))[0];
    }

    /** The ledger index, patient and deployment of a recorded decision (its latest correction's, if corrected). */
    public Optional<DecisionRef> decisionRef(String decisionId) {
        DecisionRef r = recentDecisions.get(decisionId);
        if (r != null) {
            return Optional.of(r);
        }
        DecisionRef found = null;
        long latest = -1;
        for (Annex.Key k : log.lookup(DECISION, decisionId, Long.MIN_VALUE, Long.MAX_VALUE, null, 1000)) {
            Optional<StoredEntry> e = log.entry(k.index());
            if (e.isPresent() && (e.get().type().equals("decision") || e.get().type().equals("decision.correction"))
                    && k.index() > latest) {
                JsonNode data = Entries.parse(e.get().bytes()).get("data");
                String auth = data.hasNonNull("authorization") ? data.get("authorization").asText() : null;
                found = new DecisionRef(k.index(), data.get("patient").get("pseudonym").asText(),
                        deploymentKey(auth, text(data, "site"), text(data, "unit")), text(data, "system"));
                latest = k.index();
            }
        }
        if (found != null) {
            remember(decisionId, found);
        }
        return Optional.ofNullable(found);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** The deployment an event belongs to: its authorization, or the site and unit when none covers it. */
    public static String deploymentKey(String authorization, String site, String unit) {
        if (authorization != null) {
            return authorization;
        }
        return "site:" + site + (unit == null ? "" : "/" + unit);
    }

    /** A correction of a recorded event: the entry it corrects, and why. */
    private record Correction(long corrects, String reason, String formerPatient) {
    }

    /**
     * The draft of an event entry. A first recording claims the unique key {@code <kind>/<id>};
     * a correction is its own entry of type {@code <kind>.correction} pointing at the entry it
     * corrects, filed under the same keys (and under the former patient's, should the patient
     * itself have been wrong), and repeating the same correction is answered with its index.
     */
    private EntryDraft finish(String kind, String id, ObjectNode data, List<EntryDraft.Lookup> lookups, JsonNode body,
                              Correction correction, Instant now, String actor) {
        if (correction != null) {
            data.put("corrects", correction.corrects());
            data.put("reason", correction.reason());
        }
        return keyed(kind, id, type -> Entries.draft(type, now, actor, data), lookups, body, correction);
    }

    /** The unique key and lookups of {@link #finish}, for an entry {@code draft} makes given its type. */
    private EntryDraft keyed(String kind, String id, java.util.function.Function<String, EntryDraft> draft,
                             List<EntryDraft.Lookup> lookups, JsonNode body, Correction correction) {
        if (correction == null) {
            return draft.apply(kind).withLookups(lookups).withUniqueKey(kind + "/" + id, bodyDigest(body));
        }
        List<EntryDraft.Lookup> all = new ArrayList<>(lookups);
        if (correction.formerPatient() != null && lookups.stream().noneMatch(l -> l.kind().equals(PATIENT) && l.key().equals(correction.formerPatient()))) {
            all.add(new EntryDraft.Lookup(PATIENT, correction.formerPatient(), lookups.get(0).atMillis()));
        }
        byte[] digest = bodyDigest(body);
        return draft.apply(kind + ".correction").withLookups(all)
                .withUniqueKey(kind + "-correction/" + id + "/" + java.util.HexFormat.of().formatHex(digest), digest);
    }

    /**
     * Records a correction of a decision, action or outcome: the whole event as it should have
     * been, with the same id, and the reason. The original entry stays; readers take the latest
     * correction. Returns the correction's ledger index.
     */
    public long correct(String kind, String id, JsonNode corrected, String reason, String actor) {
        if (!List.of("decision", "action", "outcome").contains(kind)) {
            throw new IllegalArgumentException("only decisions, actions and outcomes are corrected this way");
        }
        Fields.Errors errors = new Fields.Errors(clock);
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "is required: why the event is corrected");
        }
        if (corrected == null || !corrected.isObject()) {
            errors.add("/corrected", "is required: the whole " + kind + " as it should have been");
        } else if (!id.equals(corrected.path("id").asText(null))) {
            errors.add("/corrected/id", "must be " + id + ", the id of the " + kind + " corrected");
        }
        errors.throwIfAny();
        Long original = log.uniqueKeyIndex(kind + "/" + id).orElseThrow(() ->
                new InvalidInputException("", "no " + kind + " with id " + id + " was recorded, so there is nothing to correct"));
        String formerPatient = log.entry(original).map(e -> {
            JsonNode p = Entries.parse(e.bytes()).path("data").path("patient");
            return p.isObject() ? p.path("pseudonym").asText(null) : p.asText(null);
        }).orElse(null);
        Correction c = new Correction(original, reason, formerPatient);
        long[] index;
        try {
            index = (switch (kind) {
                case "decision" -> decisions(List.of(corrected), actor, false, c);
                case "action" -> actions(List.of(corrected), actor, false, c);
                default -> outcomes(List.of(corrected), actor, false, c);
            }).await();
        } catch (InvalidInputException e) {
            List<org.onus.validation.Violation> moved = new ArrayList<>();
            e.violations().forEach(v -> moved.add(new org.onus.validation.Violation("/corrected" + v.pointer(), v.rule())));
            throw new InvalidInputException(moved);
        }
        if (kind.equals("decision")) {
            recentDecisions.remove(id);
        }
        return index[0];
    }

    /** The patient's key, if this is the first entry sealed under it, to be committed with the entry. */
    private static List<Annex.Secret> keyToSave(String pseudonym, List<Annex.Blob> blobs, PatientVault.Sealing sealing) {
        if (blobs.isEmpty()) {
            return List.of();
        }
        return sealing.unsavedKey(pseudonym).map(List::of).orElse(List.of());
    }

    private static void seal(PatientVault.Sealing sealing, ObjectNode node, String field, String pseudonym, List<Annex.Blob> blobs) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual()) {
            node.set(field, sealed(sealing.seal(pseudonym, v.asText()), blobs));
        }
    }

    /** Seals {@code plaintext} when present and not empty, and answers its digest; else null. */
    private static String sealedDigest(PatientVault.Sealing sealing, String plaintext, String pseudonym, List<Annex.Blob> blobs) {
        if (plaintext == null || plaintext.isEmpty()) {
            return null;
        }
        Annex.Blob blob = sealing.seal(pseudonym, plaintext);
        blobs.add(blob);
        return blob.digest();
    }

    private static ObjectNode sealed(Annex.Blob blob, List<Annex.Blob> blobs) {
        blobs.add(blob);
        ObjectNode n = JSON.createObjectNode();
        n.put("sealed", blob.digest());
        return n;
    }

    private static void checkBatch(List<JsonNode> bodies) {
        if (bodies.isEmpty()) {
            throw new InvalidInputException("", "a batch must hold at least one event");
        }
        if (bodies.size() > MAX_BATCH) {
            throw new BatchTooLargeException(bodies.size(), MAX_BATCH);
        }
    }

    /** SHA-256 of the submitted body's canonical form: what makes a repeat "the same body". */
    static byte[] bodyDigest(JsonNode body) {
        return SHA256.get().digest(CanonicalJson.bytes(body));
    }

    private long[] append(List<EntryDraft> drafts) {
        return committed(log.appendGroup(drafts));
    }

    /** Waits for a group's commit; a failure is rethrown as it was raised. */
    private static long[] committed(CompletableFuture<long[]> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while recording", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new LedgerException("recording failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
