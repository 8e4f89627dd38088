package org.onus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onus.auth.Principal;
import org.onus.ledger.ConsistencyProof;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.InclusionProof;
import org.onus.ledger.TenantLog;
import org.onus.recording.TenantServices;
import org.onus.recording.Timeline;
import org.onus.store.StoredEntry;

/**
 * {@code /v1/ledger/*}: the caller's tenant log, its checkpoints, key, entries and proofs, and
 * appending annotation entries. Every answer a verifier needs is exact: entries come back as
 * their canonical bytes, hashes in standard base64, proofs in RFC 9162 order.
 */
final class LedgerRoutes {

    /** The entry type of everything posted to {@code POST /v1/ledger/entries}. */
    static final String ANNOTATION = "annotation";
    static final int MAX_TYPE_LENGTH = 128;
    static final String TEXT = "text/plain; charset=utf-8";

    private final Clock clock;
    private final Metrics metrics;
    private final long maxEntryBytes;

    private final TenantServices.Directory services;

    LedgerRoutes(Clock clock, Metrics metrics, long maxEntryBytes, TenantServices.Directory services) {
        this.services = services;
        this.clock = clock;
        this.metrics = metrics;
        this.maxEntryBytes = maxEntryBytes;
    }

    void checkpoint(Context ctx, Principal who, TenantLog log) {
        ctx.header("Cache-Control", "no-cache").contentType(TEXT).result(log.checkpoint());
    }

    void key(Context ctx, Principal who, TenantLog log) {
        ctx.contentType(TEXT).result(log.verifierKey());
    }

    void entry(Context ctx, Principal who, TenantLog log) {
        Params p = new Params(ctx);
        long index = p.path("index");
        p.check();
        long size = log.size();
        StoredEntry e = log.entry(index).orElseThrow(() -> Problems.entryNotFound("there is no entry " + index
                + ": the log of tenant '" + log.tenant() + "' holds " + size + " entries"
                + (size == 0 ? "" : " (indexes 0 to " + (size - 1) + ")")).exception());
        services.of(log).timeline().logEntryRead(new Timeline.Reader(who.tokenId(), who.role().wireName(), false, null),
                e.index(), e.type());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", e.index());
        out.put("type", e.type());
        out.put("recordedAt", Instant.ofEpochMilli(e.recordedAtMillis()).toString());
        out.put("entry", b64(e.bytes()));
        out.put("leafHash", b64(e.leafHash()));
        out.put("json", Entries.parse(e.bytes()));
        Json.write(ctx, 200, out);
    }

    /** {@code index} and {@code size} are both required: a proof means something only against the checkpoint of that size. */
    void inclusion(Context ctx, Principal who, TenantLog log) {
        Params p = new Params(ctx);
        long index = p.query("index");
        long size = p.query("size");
        p.check();
        long logSize = log.size();
        if (size > logSize) {
            p.rule("size", "query", "must not exceed the log's size, " + logSize + "; fetch a checkpoint and use its size");
        } else if (index >= size) {
            p.rule("index", "query", "must be below size (" + size + "), got " + index);
        }
        p.check();
        InclusionProof proof = log.inclusionProof(index, size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("size", size);
        log.entry(index).ifPresent(e -> out.put("leafHash", b64(e.leafHash())));
        out.put("hashes", b64(proof.hashes()));
        Json.write(ctx, 200, out);
    }

    void consistency(Context ctx, Principal who, TenantLog log) {
        Params p = new Params(ctx);
        long from = p.query("from");
        long to = p.query("to");
        p.check();
        long logSize = log.size();
        if (to > logSize) {
            p.rule("to", "query", "must not exceed the log's size, " + logSize + "; fetch a checkpoint and use its size");
        } else if (from > to) {
            p.rule("from", "query", "must not exceed to (" + to + "), got " + from);
        }
        p.check();
        ConsistencyProof proof = log.consistencyProof(from, to);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        out.put("hashes", b64(proof.hashes()));
        Json.write(ctx, 200, out);
    }

    /**
     * Appends the posted object as the data of an {@code annotation} entry. The answer is sent
     * only once the entry is durably committed: a 201 is a promise that the entry survives a crash.
     */
    void append(Context ctx, Principal who, TenantLog log) {
        ObjectNode posted = Json.object(Json.body(ctx, maxEntryBytes));
        String problem = typeProblem(posted.get("type"));
        if (problem != null) {
            throw Problems.invalidBody("type", problem).exception();
        }
        EntryDraft draft;
        try {
            draft = Entries.draft(ANNOTATION, clock.instant(), who.tokenId(), posted);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidBody("(body)", e.getMessage()).exception();
        }
        ctx.future(() -> log.append(draft).thenAccept(index -> {
            metrics.appended(log.tenant(), 1);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("index", index);
            out.put("leafHash", b64(draft.leafHash()));
            ctx.header("Location", "/v1/ledger/entries/" + index);
            Json.write(ctx, 201, out);
        }));
    }

    private static String typeProblem(JsonNode type) {
        if (type == null || type.isNull()) {
            return "is required: a non-empty string naming the kind of annotation (e.g. \"investigator.note\")";
        }
        if (!type.isTextual()) {
            return "must be a string, not " + Json.kind(type);
        }
        String t = type.textValue();
        if (t.isBlank()) {
            return "must not be empty";
        }
        if (t.length() > MAX_TYPE_LENGTH) {
            return "must be at most " + MAX_TYPE_LENGTH + " characters, got " + t.length();
        }
        if (t.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /**
     * {@code POST /v1/ledger/bundles} {"indexes": [...]}: an evidence bundle of those entries with
     * inclusion proofs against one signed checkpoint, verifiable offline with {@code onus verify}.
     * Patient-linked entries in it are logged as read.
     */
    void bundle(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, maxEntryBytes));
        JsonNode indexes = body.get("indexes");
        List<Problem.FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("indexes")) {
                errors.add(new Problem.FieldError("/" + f, "body", "is not a known field; a bundle request has only 'indexes'"));
            }
        });
        List<Long> wanted = new ArrayList<>();
        long size = log.size();
        if (indexes == null || !indexes.isArray() || indexes.isEmpty()) {
            errors.add(new Problem.FieldError("/indexes", "body", "is required: a non-empty array of ledger indexes"));
        } else if (indexes.size() > MAX_BUNDLE_ENTRIES) {
            errors.add(new Problem.FieldError("/indexes", "body", "holds " + indexes.size() + " indexes; at most " + MAX_BUNDLE_ENTRIES));
        } else {
            for (int i = 0; i < indexes.size(); i++) {
                JsonNode n = indexes.get(i);
                if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0 || n.asLong() >= size) {
                    errors.add(new Problem.FieldError("/indexes/" + i, "body", "must be the index of an entry, 0 to " + (size - 1)));
                } else {
                    wanted.add(n.asLong());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidBody(errors).exception();
        }
        Timeline timeline = services.of(log).timeline();
        Timeline.Reader reader = new Timeline.Reader(who.tokenId(), who.role().wireName(), false, null);
        for (long index : new java.util.TreeSet<>(wanted)) {
            log.entry(index).ifPresent(e -> timeline.logEntryRead(reader, e.index(), e.type()));
        }
        org.onus.ledger.EvidenceBundle bundle = org.onus.ledger.EvidenceBundle.build(log, wanted);
        ctx.status(200).contentType(Json.MEDIA_TYPE).header("Content-Disposition", "attachment; filename=\"onus-bundle.json\"")
                .result(bundle.toJson());
    }

    static final int MAX_BUNDLE_ENTRIES = 10_000;

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static List<String> b64(List<byte[]> hashes) {
        List<String> out = new ArrayList<>(hashes.size());
        for (byte[] h : hashes) {
            out.add(b64(h));
        }
        return out;
    }
}
