package org.onus.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onus.auth.Principal;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.IncidentState;
import org.onus.investigation.Rule;
import org.onus.ledger.TenantLog;

/**
 * {@code /v1/incidents}: filing an incident, adding information, recording determinations,
 * closing it (every one a ledger entry), and reading it back, rebuilt as it stood, judged by the
 * responsibility rules, or as an evidence bundle. Every read is logged in the ledger.
 */
final class IncidentRoutes {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final IncidentServices.Directory services;
    private final Writes writes;

    IncidentRoutes(IncidentServices.Directory services, Writes writes) {
        this.services = services;
        this.writes = writes;
    }

    void file(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        long index = services.of(log).incidents().file(body, who.tokenId());
        String id = body.path("id").asText();
        ctx.header("Location", "/v1/incidents/" + id);
        answer(ctx, log, index, id);
    }

    void information(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        answer(ctx, log, services.of(log).incidents().addInformation(ctx.pathParam("id"), body, who.tokenId()), ctx.pathParam("id"));
    }

    void determination(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        answer(ctx, log, services.of(log).incidents().determine(ctx.pathParam("id"), body, who.tokenId()), ctx.pathParam("id"));
    }

    void closure(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        answer(ctx, log, services.of(log).incidents().close(ctx.pathParam("id"), body, who.tokenId()), ctx.pathParam("id"));
    }

    private void answer(Context ctx, TenantLog log, long index, String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("incident", id);
        writes.answer(ctx, log, 201, out, new long[] {index});
    }

    void list(Context ctx, Principal who, TenantLog log) {
        IncidentServices s = services.of(log);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("incidents");
        for (IncidentState st : s.all(IncidentReaders.reader(who, services.of(log)))) {
            items.addObject().put("id", st.id()).put("kind", st.incident().kind())
                    .put("occurredAt", st.occurredAt().toString()).put("awareAt", st.awareAt().toString())
                    .put("site", st.incident().site()).put("severity", st.severity().scale() + ":" + st.severity().value())
                    .put("closed", st.closed()).put("index", st.filing().index());
        }
        Json.write(ctx, 200, out);
    }

    void read(Context ctx, Principal who, TenantLog log) {
        IncidentServices s = services.of(log);
        IncidentServices.Reader reader = IncidentReaders.reader(who, services.of(log));
        IncidentState state = s.read(ctx.pathParam("id"), reader);
        Json.write(ctx, 200, s.view(state, reader));
    }

    void reconstruction(Context ctx, Principal who, TenantLog log) {
        Json.write(ctx, 200, IncidentServices.json(services.of(log).reconstruct(ctx.pathParam("id"), IncidentReaders.reader(who, services.of(log)))));
    }

    void investigation(Context ctx, Principal who, TenantLog log) {
        Json.write(ctx, 200, IncidentServices.json(services.of(log).investigate(ctx.pathParam("id"), IncidentReaders.reader(who, services.of(log)))));
    }

    /** The evidence bundle of an incident, verifiable offline with {@code onus verify bundle.json}. */
    void bundle(Context ctx, Principal who, TenantLog log) {
        IncidentServices.Bundled b = services.of(log).bundle(ctx.pathParam("id"), IncidentReaders.reader(who, services.of(log)));
        ctx.status(200).contentType(Json.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"onus-incident-" + ctx.pathParam("id") + "-bundle.json\"")
                .result(b.bundle().toJson());
    }

    /** The rule catalogue: id, statement, basis, link, parties, what makes each undetermined. */
    void rules(Context ctx, Principal who, TenantLog log) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("rules");
        for (Rule r : services.of(log).investigator().rules()) {
            items.addObject().put("id", r.id()).put("link", r.link().wireName()).put("statement", r.statement())
                    .put("basis", r.basis()).put("parties", r.parties()).put("undeterminedWhen", r.undeterminedWhen());
        }
        Json.write(ctx, 200, out);
    }
}
