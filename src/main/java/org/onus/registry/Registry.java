package org.onus.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.store.Annex;
import org.onus.store.StoredEntry;
import org.onus.validation.Fields;
import org.onus.validation.InvalidInputException;

/**
 * One tenant's registry: parties, AI systems and versions with their cards, authorizations,
 * local validations, notices and receipts. Every write is a ledger entry (a revision); nothing is
 * changed in place. The registry is small, so every revision is also kept in memory, loaded from
 * the ledger at start through the store's {@code record} lookup keys.
 *
 * <h2>Which revision is in force</h2>
 * {@link #asOf} answers "the record in force at T, as known at K": among the revisions recorded
 * by K that are not corrected by a correction recorded by K, the one with the latest
 * {@code effectiveAt} not after T (ties go to the later entry). A revocation is a revision too;
 * from its effective time on, the record is revoked.
 */
public final class Registry {

    /** Lookup-key kind under which every registry entry is filed, keyed {@code <path>/<id>}. */
    public static final String LOOKUP = "record";
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private final TenantLog log;
    private final Clock clock;
    private final Map<String, List<Revision>> revisions = new ConcurrentHashMap<>();
    private final Map<Long, Object> typedCache = new ConcurrentHashMap<>();
    /**
     * Per record, its revisions as known after the latest of them, in force order: what
     * {@link #asOf} answers from by binary search whenever {@code knownAt} is not before the last
     * recording, which is the case for every event being recorded. Rebuilt under the record's
     * lock whenever a revision is added, so readers never see a stale one.
     */
    private final Map<String, Settled> settled = new ConcurrentHashMap<>();
    /** Ids per kind, sorted; dropped whenever a record of that kind is first written. */
    private final Map<RecordKind, List<String>> idsByKind = new ConcurrentHashMap<>();

    /** Revisions not corrected by any other, ordered by (effectiveAt, index); {@code lastRecorded} is the newest recordedAt. */
    private record Settled(Revision[] inForceOrder, Instant lastRecorded) {

        static Settled of(List<Revision> ledgerOrder) {
            java.util.Set<Long> corrected = new java.util.HashSet<>();
            Instant last = Instant.MIN;
            for (Revision r : ledgerOrder) {
                if (r.corrects() != null) {
                    corrected.add(r.corrects());
                }
                if (r.recordedAt().isAfter(last)) {
                    last = r.recordedAt();
                }
            }
            Revision[] kept = ledgerOrder.stream().filter(r -> !corrected.contains(r.index()))
                    .sorted(IN_FORCE_ORDER).toArray(Revision[]::new);
            return new Settled(kept, last);
        }

        /** The last revision in force order whose effectiveAt is not after {@code t}. */
        Optional<Revision> at(Instant t) {
            int lo = 0;
            int hi = inForceOrder.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (inForceOrder[mid].effectiveAt().isAfter(t)) {
                    hi = mid - 1;
                } else {
                    found = mid;
                    lo = mid + 1;
                }
            }
            return found < 0 ? Optional.empty() : Optional.of(inForceOrder[found]);
        }
    }

    private static final Comparator<Revision> IN_FORCE_ORDER =
            Comparator.comparing(Revision::effectiveAt).thenComparingLong(Revision::index);

    public Registry(TenantLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        // Revisions other nodes sharing the store commit reach this node through its log's
        // listeners; its own arrive there too and are filed once (by index).
        log.addCommitListener(entries -> {
            for (StoredEntry e : entries) {
                if (e.type().startsWith("registry.")) {
                    remember(e);
                }
            }
        });
        load();
    }

    private static String key(RecordKind kind, String id) {
        return kind.path() + "/" + id;
    }

    private void load() {
        for (String k : log.lookupKeys(LOOKUP)) {
            Annex.Key after = null;
            while (true) {
                List<Annex.Key> page = log.lookup(LOOKUP, k, Long.MIN_VALUE, Long.MAX_VALUE, after, 1000);
                for (Annex.Key key : page) {
                    log.entry(key.index()).ifPresent(this::remember);
                }
                if (page.size() < 1000) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
        }
    }

    private void remember(StoredEntry e) {
        Optional<RecordKind> kind = RecordKind.ofEntryType(e.type());
        if (kind.isEmpty()) {
            return;
        }
        JsonNode data = Entries.parse(e.bytes()).get("data");
        Revision r = new Revision(kind.get(), data.get("id").asText(), e.index(),
                Instant.ofEpochMilli(e.recordedAtMillis()), Instant.parse(data.get("effectiveAt").asText()),
                data.path("revoked").asBoolean(false), data.hasNonNull("corrects") ? data.get("corrects").asLong() : null,
                data.hasNonNull("reason") ? data.get("reason").asText() : null, data.get("record"));
        add(r);
    }

    /** Files a revision in ledger order (once) and settles the record again. */
    private void add(Revision r) {
        String key = key(r.kind(), r.id());
        List<Revision> list = revisions.computeIfAbsent(key, x -> new ArrayList<>());
        synchronized (list) {
            if (list.stream().noneMatch(x -> x.index() == r.index())) {
                list.add(r);
                list.sort(Comparator.comparingLong(Revision::index));
            }
            settled.put(key, Settled.of(list));
            if (list.size() == 1) {
                idsByKind.remove(r.kind());
            }
        }
    }

    /** What a write produced: the ledger index and the revision as stored. */
    public record Written(long index, Revision revision) {
    }

    /**
     * Validates and records a revision of a registry record.
     *
     * @param effectiveAt when it takes effect; null for the record's natural time (a version's
     *     release, an authorization's start, ...) on a first revision, and now on later ones
     * @param corrects the ledger index of the revision this one corrects, or null
     */
    public Written write(RecordKind kind, JsonNode body, String actor, Instant effectiveAt, Long corrects, String reason) {
        log.catchUp(); // references are checked against what every node sharing the store recorded
        Fields.Errors errors = new Fields.Errors(clock);
        Object record = read(kind, Fields.of(body, "", errors));
        errors.throwIfAny();
        String id = idOf(kind, record);
        checkReferences(kind, record, errors);
        if (corrects != null) {
            boolean known = history(kind, id).stream().anyMatch(r -> r.index() == corrects);
            if (!known) {
                errors.add("corrects", "must be the ledger index of an earlier revision of " + kind.path() + "/" + id);
            }
        }
        errors.throwIfAny();
        if (record instanceof Authorization a) {
            record = a.withWidening(widening(a));
        }
        Instant at = effectiveAt != null ? effectiveAt
                : history(kind, id).isEmpty() ? naturalTime(record) : clock.instant();
        return append(kind, id, JSON.valueToTree(record), actor, at, false, corrects, reason);
    }

    /** Records that an authorization (or any record) stops being in force at {@code effectiveAt}. */
    public Written revoke(RecordKind kind, String id, String actor, Instant effectiveAt, String reason) {
        log.catchUp();
        Optional<Revision> current = asOf(kind, id, effectiveAt, clock.instant());
        if (current.isEmpty()) {
            throw new InvalidInputException("id", "no " + kind.path() + " record " + id + " is in force at " + effectiveAt);
        }
        return append(kind, id, current.get().record(), actor, effectiveAt, true, null, reason);
    }

    private Written append(RecordKind kind, String id, JsonNode record, String actor, Instant effectiveAt,
                           boolean revoked, Long corrects, String reason) {
        ObjectNode data = JSON.createObjectNode();
        data.put("kind", kind.path());
        data.put("id", id);
        data.put("effectiveAt", effectiveAt.toString());
        if (revoked) {
            data.put("revoked", true);
        }
        if (corrects != null) {
            data.put("corrects", corrects);
        }
        if (reason != null) {
            data.put("reason", reason);
        }
        data.set("record", record);
        Instant now = clock.instant();
        EntryDraft draft = Entries.draft(kind.entryType(), now, actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(LOOKUP, key(kind, id), effectiveAt.toEpochMilli())));
        long index;
        try {
            index = log.append(draft).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while recording " + kind.path() + "/" + id, e);
        } catch (ExecutionException e) {
            throw new LedgerException("recording " + kind.path() + "/" + id + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        Revision r = new Revision(kind, id, index, now, effectiveAt, revoked, corrects, reason, record);
        add(r);
        return new Written(index, r);
    }

    /** Every revision of a record, in ledger order. */
    public List<Revision> history(RecordKind kind, String id) {
        List<Revision> list = revisions.get(key(kind, id));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** The revision in force at {@code validAt} as known at {@code knownAt} (see the class comment). */
    public Optional<Revision> asOf(RecordKind kind, String id, Instant validAt, Instant knownAt) {
        Settled now = settled.get(key(kind, id));
        if (now == null) {
            return Optional.empty();
        }
        if (!knownAt.isBefore(now.lastRecorded())) {
            return now.at(validAt);
        }
        List<Revision> known = history(kind, id).stream().filter(r -> !r.recordedAt().isAfter(knownAt)).toList();
        java.util.Set<Long> corrected = new java.util.HashSet<>();
        for (Revision r : known) {
            if (r.corrects() != null) {
                corrected.add(r.corrects());
            }
        }
        return known.stream()
                .filter(r -> !corrected.contains(r.index()))
                .filter(r -> !r.effectiveAt().isAfter(validAt))
                .max(Comparator.comparing(Revision::effectiveAt).thenComparingLong(Revision::index));
    }

    /** The record in force and not revoked at {@code validAt}, as known now, typed. */
    public <T> Optional<T> current(RecordKind kind, String id, Instant validAt, Class<T> type) {
        return asOf(kind, id, validAt, clock.instant()).filter(r -> !r.revoked()).map(r -> typed(r, type));
    }

    /** Ids of every record of a kind ever written. */
    public List<String> ids(RecordKind kind) {
        return idsByKind.computeIfAbsent(kind, k -> {
            String prefix = k.path() + "/";
            return revisions.keySet().stream().filter(x -> x.startsWith(prefix)).map(x -> x.substring(prefix.length())).sorted().toList();
        });
    }

    /**
     * The revision's record as a typed object, parsed once per revision: registry records are
     * read on every recorded event, so parsing them each time would dominate ingest.
     */
    @SuppressWarnings("unchecked")
    public <T> T typed(Revision r, Class<T> type) {
        Object cached = typedCache.get(r.index());
        if (type.isInstance(cached)) {
            return (T) cached;
        }
        T fresh = as(r, type);
        typedCache.put(r.index(), fresh);
        return fresh;
    }

    public static <T> T as(Revision r, Class<T> type) {
        try {
            return JSON.treeToValue(r.record(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LedgerException("registry entry " + r.index() + " does not read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(RecordKind kind, String id) {
        return settled.containsKey(key(kind, id));
    }

    /** Ids of the systems a manufacturer makes, as known now (empty for null or unknown parties). */
    public java.util.Set<String> systemsOf(String manufacturer) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (manufacturer == null) {
            return out;
        }
        for (String id : ids(RecordKind.AI_SYSTEM)) {
            List<Revision> h = history(RecordKind.AI_SYSTEM, id);
            if (as(h.get(h.size() - 1), AiSystem.class).manufacturer().equals(manufacturer)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Every version of a system ever registered with this artifact digest. */
    public List<AiVersion> versionsWithDigest(String digest, Instant validAt) {
        List<AiVersion> out = new ArrayList<>();
        for (String id : ids(RecordKind.VERSION)) {
            current(RecordKind.VERSION, id, validAt, AiVersion.class)
                    .filter(v -> v.artifactDigest().equals(digest)).ifPresent(out::add);
        }
        return out;
    }

    private static Object read(RecordKind kind, Fields f) {
        return switch (kind) {
            case PARTY -> Party.read(f);
            case AI_SYSTEM -> AiSystem.read(f);
            case VERSION -> AiVersion.read(f);
            case AUTHORIZATION -> Authorization.read(f);
            case LOCAL_VALIDATION -> LocalValidation.read(f);
            case NOTICE -> Notice.read(f);
            case NOTICE_RECEIPT -> Notice.Receipt.read(f);
        };
    }

    private static String idOf(RecordKind kind, Object record) {
        return switch (kind) {
            case PARTY -> ((Party) record).id();
            case AI_SYSTEM -> ((AiSystem) record).id();
            case VERSION -> ((AiVersion) record).key();
            case AUTHORIZATION -> ((Authorization) record).id();
            case LOCAL_VALIDATION -> ((LocalValidation) record).id();
            case NOTICE -> ((Notice) record).id();
            case NOTICE_RECEIPT -> ((Notice.Receipt) record).notice() + "/" + ((Notice.Receipt) record).deployer();
        };
    }

    private static Instant naturalTime(Object record) {
        Instant t = null;
        if (record instanceof AiVersion v) {
            t = v.releasedAt();
        } else if (record instanceof Authorization a) {
            t = a.validFrom();
        } else if (record instanceof LocalValidation lv) {
            t = lv.periodEnd();
        } else if (record instanceof Notice n) {
            t = n.issuedAt();
        } else if (record instanceof Notice.Receipt r) {
            t = r.receivedAt();
        }
        // A party or system registered for the first time is taken to have been as described all along.
        return t != null ? t : Instant.EPOCH;
    }

    private void checkReferences(RecordKind kind, Object record, Fields.Errors errors) {
        switch (kind) {
            case PARTY -> {
                Party p = (Party) record;
                if (p.affiliation() != null) {
                    requireParty(errors, "/affiliation", p.affiliation(), "deployer");
                }
                for (int i = 0; i < p.training().size(); i++) {
                    require(errors, "/training/" + i + "/aiSystem", RecordKind.AI_SYSTEM, p.training().get(i).aiSystem());
                }
            }
            case AI_SYSTEM -> requireParty(errors, "/manufacturer", ((AiSystem) record).manufacturer(), "manufacturer");
            case VERSION -> require(errors, "/system", RecordKind.AI_SYSTEM, ((AiVersion) record).system());
            case AUTHORIZATION -> {
                Authorization a = (Authorization) record;
                if (require(errors, "/system", RecordKind.AI_SYSTEM, a.system())) {
                    for (int i = 0; i < a.versions().size(); i++) {
                        require(errors, "/versions/" + i, RecordKind.VERSION, a.system() + "@" + a.versions().get(i));
                    }
                }
                if (requireParty(errors, "/site", a.site(), "deployer")) {
                    Party site = latest(RecordKind.PARTY, a.site(), Party.class);
                    for (int i = 0; i < a.units().size(); i++) {
                        String unit = a.units().get(i);
                        if (site.units().stream().noneMatch(u -> u.id().equals(unit))) {
                            errors.add("/units/" + i, "unit " + unit + " is not a unit of site " + a.site());
                        }
                    }
                }
                if (a.authorizedBy() != null) {
                    require(errors, "/authorizedBy/party", RecordKind.PARTY, a.authorizedBy().party());
                }
                if (a.localValidation() != null) {
                    require(errors, "/localValidation", RecordKind.LOCAL_VALIDATION, a.localValidation());
                }
            }
            case LOCAL_VALIDATION -> {
                LocalValidation lv = (LocalValidation) record;
                requireParty(errors, "/site", lv.site(), "deployer");
                require(errors, "/version", RecordKind.VERSION, lv.system() + "@" + lv.version());
            }
            case NOTICE -> {
                Notice n = (Notice) record;
                requireParty(errors, "/manufacturer", n.manufacturer(), "manufacturer");
                if (require(errors, "/system", RecordKind.AI_SYSTEM, n.system())) {
                    for (int i = 0; i < n.versions().size(); i++) {
                        require(errors, "/versions/" + i, RecordKind.VERSION, n.system() + "@" + n.versions().get(i));
                    }
                }
            }
            case NOTICE_RECEIPT -> {
                Notice.Receipt r = (Notice.Receipt) record;
                require(errors, "/notice", RecordKind.NOTICE, r.notice());
                requireParty(errors, "/deployer", r.deployer(), "deployer");
            }
        }
    }

    private boolean require(Fields.Errors errors, String pointer, RecordKind kind, String id) {
        if (!exists(kind, id)) {
            errors.add(pointer, "refers to " + kind.path() + "/" + id + ", which is not registered");
            return false;
        }
        return true;
    }

    private boolean requireParty(Fields.Errors errors, String pointer, String id, String partyKind) {
        if (!require(errors, pointer, RecordKind.PARTY, id)) {
            return false;
        }
        Party p = latest(RecordKind.PARTY, id, Party.class);
        if (!p.kind().equals(partyKind)) {
            errors.add(pointer, "refers to party " + id + ", which is a " + p.kind() + ", not a " + partyKind);
            return false;
        }
        return true;
    }

    private <T> T latest(RecordKind kind, String id, Class<T> type) {
        List<Revision> h = history(kind, id);
        return as(h.get(h.size() - 1), type);
    }

    /** How an authorization's population reaches beyond the cards of the versions it names. */
    private List<String> widening(Authorization a) {
        List<String> out = new ArrayList<>();
        if (a.population() == null) {
            return out;
        }
        for (String v : a.versions()) {
            List<Revision> h = history(RecordKind.VERSION, a.system() + "@" + v);
            if (h.isEmpty()) {
                continue;
            }
            AiVersion version = as(h.get(h.size() - 1), AiVersion.class);
            for (String w : a.population().widerThan(version.card().intendedPopulation())) {
                String item = "version " + v + ": " + w;
                if (!out.contains(item)) {
                    out.add(item);
                }
            }
        }
        return out;
    }
}
