package org.onus.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Monitor;
import org.onus.monitoring.Monitoring;
import org.onus.recording.TenantServices;

/**
 * {@code /v1/monitoring/...}: a deployment's figures (JSON and CSV), its alerts, and the
 * acknowledgements and actions that answer them. Figures are aggregates, never a list of
 * decisions, so reading them is not a patient-linked read; a vendor sees only its own products
 * and only the post-market signals sent to it.
 */
final class MonitoringRoutes {

    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> STATUSES = Set.of("open", "acknowledged", "unresolved", "resolved", "all");

    private final TenantServices.Directory services;
    private final Monitoring monitoring;

    MonitoringRoutes(TenantServices.Directory services, Monitoring monitoring) {
        this.services = services;
        this.monitoring = monitoring;
    }

    private Monitor monitor(TenantLog log) {
        return monitoring.of(log, services.of(log).registry());
    }

    private Monitor.Viewer viewer(Principal who, TenantLog log) {
        Set<String> only = who.role() == Role.VENDOR ? services.of(log).registry().systemsOf(who.party()) : null;
        return new Monitor.Viewer(who.tokenId(), who.role().wireName(), who.party(), only);
    }

    void deployments(Context ctx, Principal who, TenantLog log) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        Monitor m = monitor(log);
        out.set("deployments", m.deployments(viewer(who, log)));
        out.put("asOfEntries", m.processed());
        out.put("ledgerSize", log.size());
        out.put("skippedEntries", m.skipped());
        Json.write(ctx, 200, out);
    }

    void metrics(Context ctx, Principal who, TenantLog log) {
        Instant[] window = window(ctx);
        String id = ctx.pathParam("id");
        ObjectNode out = monitor(log).metrics(id, window[0], window[1], viewer(who, log))
                .orElseThrow(() -> notFound(id).exception());
        Json.write(ctx, 200, out);
    }

    void csv(Context ctx, Principal who, TenantLog log) {
        Instant[] window = window(ctx);
        String id = ctx.pathParam("id");
        String csv = monitor(log).metricsCsv(id, window[0], window[1], viewer(who, log)).orElseThrow(() -> notFound(id).exception());
        ctx.status(200).contentType("text/csv; charset=utf-8").result(csv);
    }

    void alerts(Context ctx, Principal who, TenantLog log) {
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw Problems.invalidParameter("status", "query", "must be one of open, acknowledged, unresolved, resolved, all").exception();
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("alerts", monitor(log).alerts(status == null ? "all" : status, ctx.queryParam("deployment"), viewer(who, log)));
        Json.write(ctx, 200, out);
    }

    void alert(Context ctx, Principal who, TenantLog log) {
        String id = ctx.pathParam("id");
        Json.write(ctx, 200, monitor(log).alert(id, viewer(who, log)).orElseThrow(() -> alertNotFound(id).exception()));
    }

    void acknowledge(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        answer(ctx, ctx.pathParam("id"), monitor(log).acknowledge(ctx.pathParam("id"), body, viewer(who, log)));
    }

    void act(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        answer(ctx, ctx.pathParam("id"), monitor(log).act(ctx.pathParam("id"), body, viewer(who, log)));
    }

    private static void answer(Context ctx, String id, Monitor.Response r) {
        if (r.refusal() == Monitor.Refusal.NOT_FOUND) {
            throw alertNotFound(id).exception();
        }
        if (r.refusal() == Monitor.Refusal.ALREADY_RESOLVED) {
            throw Problem.of(409, "alert-resolved", "The alert is resolved",
                    "alert " + id + " was resolved by an earlier action; nothing more is recorded against it").exception();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", r.index());
        out.put("alert", id);
        Json.write(ctx, 201, out);
    }

    /** [from, to) from the query; default: all time. */
    private static Instant[] window(Context ctx) {
        Params p = new Params(ctx);
        Instant from = RegistryRoutes.instantParam(ctx, p, "from");
        Instant to = RegistryRoutes.instantParam(ctx, p, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            p.rule("to", "query", "must be after from");
        }
        p.check();
        return new Instant[] {from == null ? Instant.EPOCH : from, to == null ? Instant.parse("9999-12-31T00:00:00Z") : to};
    }

    private static Problem notFound(String id) {
        return Problem.of(404, "deployment-not-found", "No such monitored deployment",
                "no decision has been recorded for deployment " + id + " (an authorization id, or site:<site>/<unit>) in this tenant"
                        + " that this token may see; GET /v1/monitoring/deployments lists them");
    }

    private static Problem alertNotFound(String id) {
        return Problem.of(404, "alert-not-found", "No such alert",
                "there is no alert " + id + " in this tenant that this token may see; GET /v1/monitoring/alerts lists them");
    }
}
