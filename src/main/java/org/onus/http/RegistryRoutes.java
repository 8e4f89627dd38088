package org.onus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.ledger.TenantLog;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.registry.Revision;

/**
 * {@code /v1/<kind>}: the registry. Writes are revisions ({@code POST}; an amendment is another
 * {@code POST} with the same id, a correction names the revision it corrects with
 * {@code ?corrects=}); reads answer "as of" a time ({@code ?asOf=}, default now) and "as known at"
 * a time ({@code ?knownAt=}, default now).
 */
final class RegistryRoutes {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final TenantServices.Directory services;
    private final Writes writes;
    /** What "now" is when a read gives no {@code asOf} or {@code knownAt}: the server's clock, never the wall clock. */
    private final Clock clock;

    RegistryRoutes(TenantServices.Directory services, Writes writes, Clock clock) {
        this.services = services;
        this.writes = writes;
        this.clock = clock;
    }

    Guard.Action write(RecordKind kind) {
        return (ctx, who, log) -> write(ctx, who, log, kind, Json.object(Json.body(ctx, MAX_BODY_BYTES)));
    }

    /** {@code POST /v1/ai-systems/{system}/versions}: the system comes from the path. */
    Guard.Action writeVersion() {
        return (ctx, who, log) -> {
            ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
            String system = ctx.pathParam("system");
            JsonNode given = body.get("system");
            if (given != null && !(given.isTextual() && given.asText().equals(system))) {
                throw Problems.invalidBody("/system", "must be " + system + ", the system named in the path, or left out").exception();
            }
            body.put("system", system);
            write(ctx, who, log, RecordKind.VERSION, body);
        };
    }

    private void write(Context ctx, Principal who, TenantLog log, RecordKind kind, ObjectNode body) {
        Params p = new Params(ctx);
        Instant effectiveAt = instantParam(ctx, p, "effectiveAt");
        Long corrects = ctx.queryParam("corrects") == null ? null : p.query("corrects");
        p.check();
        Registry.Written w = services.of(log).registry().write(kind, body, who.tokenId(), effectiveAt, corrects,
                ctx.queryParam("reason"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", w.index());
        out.put("id", w.revision().id());
        out.put("effectiveAt", w.revision().effectiveAt().toString());
        out.put("record", w.revision().record());
        ctx.header("Location", "/v1/" + kind.path() + "/" + w.revision().id());
        writes.answer(ctx, log, 201, out, new long[] {w.index()});
    }

    Guard.Action revoke(RecordKind kind) {
        return (ctx, who, log) -> {
            ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
            String id = ctx.pathParam("id");
            List<Problem.FieldError> errors = new ArrayList<>();
            Instant at = null;
            JsonNode eff = body.get("effectiveAt");
            if (eff == null || !eff.isTextual()) {
                errors.add(new Problem.FieldError("/effectiveAt", "body", "is required: an RFC 3339 date-time with a zone"));
            } else {
                try {
                    at = OffsetDateTime.parse(eff.asText()).toInstant();
                } catch (DateTimeParseException e) {
                    errors.add(new Problem.FieldError("/effectiveAt", "body", "must be an RFC 3339 date-time with a zone offset"));
                }
            }
            JsonNode reason = body.get("reason");
            if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
                errors.add(new Problem.FieldError("/reason", "body", "is required: why the record is revoked"));
            }
            body.fieldNames().forEachRemaining(f -> {
                if (!f.equals("effectiveAt") && !f.equals("reason")) {
                    errors.add(new Problem.FieldError("/" + f, "body", "is not a known field here"));
                }
            });
            if (!errors.isEmpty()) {
                throw Problems.invalidBody(errors).exception();
            }
            Registry registry = services.of(log).registry();
            if (!registry.exists(kind, id)) {
                throw Problems.recordNotFound(kind.path(), id).exception();
            }
            Registry.Written w = registry.revoke(kind, id, who.tokenId(), at, reason.asText());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("index", w.index());
            out.put("id", id);
            out.put("revoked", true);
            out.put("effectiveAt", at.toString());
            writes.answer(ctx, log, 201, out, new long[] {w.index()});
        };
    }

    Guard.Action read(RecordKind kind) {
        return (ctx, who, log) -> {
            String id = kind == RecordKind.VERSION && ctx.pathParamMap().containsKey("version")
                    ? ctx.pathParam("system") + "@" + ctx.pathParam("version") : ctx.pathParam("id");
            Params p = new Params(ctx);
            Instant asOf = instantParam(ctx, p, "asOf");
            Instant knownAt = instantParam(ctx, p, "knownAt");
            p.check();
            Registry registry = services.of(log).registry();
            if (!registry.exists(kind, id)) {
                throw Problems.recordNotFound(kind.path(), id).exception();
            }
            Instant now = clock.instant();
            List<Revision> all = registry.history(kind, id);
            if (!visible(who, registry, kind, all.get(all.size() - 1))) {
                throw Problems.recordNotFound(kind.path(), id).exception();
            }
            Optional<Revision> r = registry.asOf(kind, id, asOf == null ? now : asOf, knownAt == null ? now : knownAt);
            if (r.isEmpty()) {
                throw Problems.recordNotInForce(kind.path(), id, asOf == null ? now : asOf).exception();
            }
            Json.write(ctx, 200, revision(r.get()));
        };
    }

    Guard.Action history(RecordKind kind) {
        return (ctx, who, log) -> {
            String id = ctx.pathParam("id");
            Registry registry = services.of(log).registry();
            if (!registry.exists(kind, id)) {
                throw Problems.recordNotFound(kind.path(), id).exception();
            }
            List<Revision> all = registry.history(kind, id);
            if (!visible(who, registry, kind, all.get(all.size() - 1))) {
                throw Problems.recordNotFound(kind.path(), id).exception();
            }
            List<Object> out = new ArrayList<>();
            all.forEach(r -> out.add(revision(r)));
            Json.write(ctx, 200, Map.of("id", id, "revisions", out));
        };
    }

    Guard.Action list(RecordKind kind) {
        return (ctx, who, log) -> {
            Params p = new Params(ctx);
            Instant asOf = instantParam(ctx, p, "asOf");
            Instant knownAt = instantParam(ctx, p, "knownAt");
            p.check();
            Instant now = clock.instant();
            Registry registry = services.of(log).registry();
            List<Object> out = new ArrayList<>();
            for (String id : registry.ids(kind)) {
                registry.asOf(kind, id, asOf == null ? now : asOf, knownAt == null ? now : knownAt)
                        .filter(r -> visible(who, registry, kind, r))
                        .ifPresent(r -> out.add(revision(r)));
            }
            Json.write(ctx, 200, Map.of(kind.path(), out));
        };
    }

    /**
     * Whether the caller may see a record: everyone but a vendor sees the whole registry; a vendor
     * sees its own products (systems, versions, authorizations, validations, notices and their
     * receipts), its own party and the deployer sites, and nothing else: not even whether a record
     * it may not see exists.
     */
    static boolean visible(Principal who, Registry registry, RecordKind kind, Revision r) {
        if (who.role() != Role.VENDOR) {
            return true;
        }
        java.util.Set<String> own = registry.systemsOf(who.party());
        JsonNode rec = r.record();
        return switch (kind) {
            case PARTY -> r.id().equals(who.party()) || "deployer".equals(rec.path("kind").asText());
            case AI_SYSTEM -> own.contains(r.id());
            case VERSION, AUTHORIZATION, LOCAL_VALIDATION, NOTICE -> own.contains(rec.path("system").asText());
            case NOTICE_RECEIPT -> {
                List<Revision> notice = registry.history(RecordKind.NOTICE, rec.path("notice").asText());
                yield !notice.isEmpty() && own.contains(notice.get(notice.size() - 1).record().path("system").asText());
            }
        };
    }

    static Map<String, Object> revision(Revision r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("index", r.index());
        out.put("recordedAt", r.recordedAt().toString());
        out.put("effectiveAt", r.effectiveAt().toString());
        if (r.revoked()) {
            out.put("revoked", true);
        }
        if (r.corrects() != null) {
            out.put("corrects", r.corrects());
        }
        if (r.reason() != null) {
            out.put("reason", r.reason());
        }
        out.put("record", r.record());
        return out;
    }

    /** An optional RFC 3339 query parameter; null when absent, an error recorded when malformed. */
    static Instant instantParam(Context ctx, Params p, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            p.rule(name, "query", "must be an RFC 3339 date-time with a zone offset, e.g. 2026-03-01T08:00:00Z");
            return null;
        }
    }
}
