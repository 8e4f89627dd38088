package org.onus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.ledger.TenantLog;
import org.onus.recording.Recorder;
import org.onus.recording.TenantServices;
import org.onus.recording.Timeline;
import org.onus.validation.InvalidInputException;
import org.onus.validation.Violation;

/**
 * {@code /v1/decisions}, {@code /v1/actions}, {@code /v1/outcomes} (single and {@code :batch}),
 * and the patient-linked reads: a decision's chain, a patient's timeline, a deployment's event
 * stream, and the erasure of a patient's personal data. Every read here is logged in the ledger.
 */
final class EventRoutes {

    static final long MAX_SINGLE_BYTES = 1024 * 1024;
    static final long MAX_BATCH_BYTES = 64L * 1024 * 1024;

    enum Kind { DECISION, ACTION, OUTCOME }

    private final TenantServices.Directory services;
    private final Writes writes;
    private final Metrics metrics;

    private final Executor answering;

    /** {@code answering} finishes recording and writes the answers once committed: Jetty's request threads, not the sequencer's. */
    EventRoutes(TenantServices.Directory services, Writes writes, Metrics metrics, Executor answering) {
        this.services = services;
        this.writes = writes;
        this.metrics = metrics;
        this.answering = answering;
    }

    Guard.Action single(Kind kind) {
        return (ctx, who, log) -> {
            ObjectNode body = Json.object(Json.body(ctx, MAX_SINGLE_BYTES));
            recordAndAnswer(ctx, log, kind, List.of(body), who, false, indexes -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("index", indexes[0]);
                return out;
            });
        };
    }

    Guard.Action batch(Kind kind, String field) {
        return (ctx, who, log) -> {
            ObjectNode body = Json.object(Json.body(ctx, MAX_BATCH_BYTES));
            JsonNode items = body.get(field);
            if (items == null || !items.isArray()) {
                throw Problems.invalidBody("/" + field, "is required: an array of up to " + Recorder.MAX_BATCH + " events").exception();
            }
            if (items.size() > Recorder.MAX_BATCH) {
                throw Problems.batchTooLarge(items.size(), Recorder.MAX_BATCH).exception();
            }
            List<Problem.FieldError> unknown = new ArrayList<>();
            body.fieldNames().forEachRemaining(f -> {
                if (!f.equals(field)) {
                    unknown.add(new Problem.FieldError("/" + f, "body", "is not a known field here; put the events in " + field));
                }
            });
            if (!unknown.isEmpty()) {
                throw Problems.invalidBody(unknown).exception();
            }
            List<JsonNode> list = new ArrayList<>(items.size());
            items.forEach(list::add);
            try {
                recordAndAnswer(ctx, log, kind, list, who, true, indexes -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("count", indexes.length);
                    out.put("indexes", indexes);
                    return out;
                });
            } catch (InvalidInputException e) {
                throw inBatch(e, field);
            }
        };
    }

    /**
     * Records the events and answers 201 once they are durably committed, without holding a
     * request thread through the group commit: the events are validated and drafted here, the
     * request is suspended ({@code ctx.future}), and the recorder's bookkeeping and the answer run
     * on a request thread once the sequencer has committed the group, so 64 waiting clients are
     * 64 suspended requests rather than 64 parked threads, and the sequencer's thread, which the
     * next commit waits for, writes no answers. A failed commit (a changed body under a known id,
     * a store failure) reaches the exception handlers as a thrown exception would. With
     * {@code ?proof=true} the answer needs a checkpoint signed and proofs read, so the request
     * thread records synchronously, waiting for the commit itself, and does that work.
     */
    private void recordAndAnswer(Context ctx, TenantLog log, Kind kind, List<JsonNode> bodies, Principal who, boolean batch,
                                 Function<long[], Map<String, Object>> answer) {
        Recorder r = services.of(log).recorder();
        if ("true".equalsIgnoreCase(ctx.queryParam("proof"))) {
            long[] indexes = switch (kind) {
                case DECISION -> r.decisions(bodies, who.tokenId(), batch);
                case ACTION -> r.actions(bodies, who.tokenId(), batch);
                case OUTCOME -> r.outcomes(bodies, who.tokenId(), batch);
            };
            metrics.appended(log.tenant(), indexes.length);
            writes.answer(ctx, log, 201, answer.apply(indexes), indexes);
            return;
        }
        CompletableFuture<long[]> pending = switch (kind) {
            case DECISION -> r.submitDecisions(bodies, who.tokenId(), batch, answering);
            case ACTION -> r.submitActions(bodies, who.tokenId(), batch, answering);
            case OUTCOME -> r.submitOutcomes(bodies, who.tokenId(), batch, answering);
        };
        ctx.future(() -> pending.thenAccept(indexes -> {
            metrics.appended(log.tenant(), indexes.length);
            writes.answer(ctx, log, 201, answer.apply(indexes), indexes);
        }));
    }

    /**
     * The recorder names a batch item's fields relative to the array ({@code /3/patient/age});
     * the client sent {@code {"decisions":[...]}}, so the pointer it can follow into its own body
     * is {@code /decisions/3/patient/age}.
     */
    private static InvalidInputException inBatch(InvalidInputException e, String field) {
        List<Violation> rebased = new ArrayList<>(e.violations().size());
        for (Violation v : e.violations()) {
            boolean pointer = v.pointer().isEmpty() || v.pointer().startsWith("/");
            rebased.add(pointer ? new Violation("/" + field + v.pointer(), v.rule()) : v);
        }
        return new InvalidInputException(rebased);
    }

    /** {@code POST /v1/<kind>s/{id}/corrections}: {"reason": ..., "corrected": {the whole event}}. */
    Guard.Action correction(Kind kind) {
        return (ctx, who, log) -> {
            ObjectNode body = Json.object(Json.body(ctx, MAX_SINGLE_BYTES));
            List<Problem.FieldError> unknown = new ArrayList<>();
            body.fieldNames().forEachRemaining(f -> {
                if (!f.equals("reason") && !f.equals("corrected")) {
                    unknown.add(new Problem.FieldError("/" + f, "body", "is not a known field here; send reason and corrected"));
                }
            });
            JsonNode reason = body.get("reason");
            if (reason != null && !reason.isTextual()) {
                unknown.add(new Problem.FieldError("/reason", "body", "must be a string"));
            }
            if (!unknown.isEmpty()) {
                throw Problems.invalidBody(unknown).exception();
            }
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            long index = services.of(log).recorder().correct(name, ctx.pathParam("id"), body.get("corrected"),
                    reason == null ? null : reason.asText(), who.tokenId());
            metrics.appended(log.tenant(), 1);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("index", index);
            writes.answer(ctx, log, 201, out, new long[] {index});
        };
    }

    void decision(Context ctx, Principal who, TenantLog log) {
        String id = ctx.pathParam("id");
        TenantServices s = services.of(log);
        ObjectNode chain = s.timeline().decision(id, reader(who, s)).orElseThrow(() ->
                Problems.recordNotFound("decisions", id).exception());
        Json.write(ctx, 200, chain);
    }

    void patientTimeline(Context ctx, Principal who, TenantLog log) {
        Params p = new Params(ctx);
        Instant from = RegistryRoutes.instantParam(ctx, p, "from");
        Instant to = RegistryRoutes.instantParam(ctx, p, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            p.rule("to", "query", "must be after from");
        }
        p.check();
        TenantServices s = services.of(log);
        Json.write(ctx, 200, s.timeline().patient(ctx.pathParam("id"), from == null ? Instant.EPOCH : from,
                to == null ? Instant.parse("9999-12-31T23:59:59Z") : to, reader(who, s)));
    }

    void deploymentEvents(Context ctx, Principal who, TenantLog log) {
        Params p = new Params(ctx);
        Instant from = RegistryRoutes.instantParam(ctx, p, "from");
        Instant to = RegistryRoutes.instantParam(ctx, p, "to");
        long limit = ctx.queryParam("limit") == null ? 500 : p.query("limit");
        if (limit == 0 || limit > 5000) {
            p.rule("limit", "query", "must be between 1 and 5000");
        }
        p.check();
        TenantServices s = services.of(log);
        Json.write(ctx, 200, s.timeline().deployment(ctx.pathParam("id"), from == null ? Instant.EPOCH : from,
                to == null ? Instant.parse("9999-12-31T23:59:59Z") : to, ctx.queryParam("cursor"), (int) limit, reader(who, s)));
    }

    void erase(Context ctx, Principal who, TenantLog log) {
        String reason = ctx.queryParam("reason");
        long index = services.of(log).recorder().erasePatient(ctx.pathParam("id"), who.tokenId(), reason);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("erased", true);
        writes.answer(ctx, log, 200, out, new long[] {index});
    }

    /** Investigators and admins open sealed content; a vendor sees only its own systems, sealed. */
    private static Timeline.Reader reader(Principal who, TenantServices s) {
        boolean opens = who.role() == Role.ADMIN || who.role() == Role.INVESTIGATOR;
        Set<String> only = null;
        if (who.role() == Role.VENDOR) {
            only = s.registry().systemsOf(who.party());
        }
        return new Timeline.Reader(who.tokenId(), who.role().wireName(), opens, only);
    }
}
