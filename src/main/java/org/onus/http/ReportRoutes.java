package org.onus.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.investigation.clocks.Filing;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.OwedReport;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.ReportKind;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.investigation.clocks.Reporter;
import org.onus.investigation.clocks.Schedule;
import org.onus.ledger.TenantLog;
import org.onus.validation.Fields;

/**
 * {@code /v1/incidents/{id}/reports}: the regulatory reports an incident owes, with their status
 * as of a time ({@code GET}, {@code ?asOf=}, default now), and the record of a filing
 * ({@code POST}). A vendor sees only incidents with its own products, as if others did not
 * exist, and records only the reports the manufacturer owes.
 */
final class ReportRoutes {

    static final long MAX_BODY_BYTES = 64 * 1024;

    private final RegulatoryReports reports;
    private final Writes writes;
    private final Clock clock;

    ReportRoutes(RegulatoryReports reports, Writes writes, Clock clock) {
        this.reports = reports;
        this.writes = writes;
        this.clock = clock;
    }

    void schedule(Context ctx, Principal who, TenantLog log) {
        Params p = new Params(ctx);
        Instant asOf = RegistryRoutes.instantParam(ctx, p, "asOf");
        p.check();
        IncidentFacts facts = facts(ctx, who, log);
        Json.write(ctx, 200, schedule(reports.schedule(log, facts, asOf == null ? clock.instant() : asOf)));
    }

    void file(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        IncidentFacts facts = facts(ctx, who, log);
        if (who.role() == Role.VENDOR) {
            String kind = body.path("kind").asText("");
            for (ReportKind k : ReportKind.values()) {
                if (Fields.wordOf(k).equals(kind) && k.reporter() != Reporter.MANUFACTURER) {
                    throw Problems.forbidden("a vendor token records only the reports the manufacturer owes; " + kind
                            + " is owed by the " + Fields.wordOf(k.reporter())).exception();
                }
            }
        }
        RegulatoryReports.Filed filed = reports.file(log, facts, body, who.tokenId());
        Schedule now = reports.schedule(log, facts, clock.instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", filed.index());
        out.put("filing", filing(filed.filing()));
        now.reports().stream().filter(r -> r.report().kind() == filed.filing().kind()).findFirst()
                .ifPresent(r -> out.put("report", report(r)));
        writes.answer(ctx, log, 201, out, new long[] {filed.index()});
    }

    private IncidentFacts facts(Context ctx, Principal who, TenantLog log) {
        String id = ctx.pathParam("id");
        IncidentFacts facts = reports.facts(log, id).orElseThrow(() -> Problems.incidentNotFound(id).exception());
        if (who.role() == Role.VENDOR && !facts.system().manufacturer().equals(who.party())) {
            throw Problems.incidentNotFound(id).exception();
        }
        return facts;
    }

    static Map<String, Object> schedule(Schedule s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incident", s.facts().incidentId());
        out.put("asOf", s.asOf().toString());
        out.put("awareAt", s.facts().awareAt().toString());
        out.put("zone", s.facts().zone().getId());
        List<Object> list = new ArrayList<>();
        s.reports().forEach(r -> list.add(report(r)));
        out.put("reports", list);
        out.put("notOwed", s.notOwed());
        List<Object> other = new ArrayList<>();
        s.otherFilings().forEach(f -> other.add(filing(f)));
        out.put("otherFilings", other);
        return out;
    }

    static Map<String, Object> report(ReportStatus st) {
        OwedReport r = st.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("regime", Fields.wordOf(r.kind().regime()));
        out.put("kind", Fields.wordOf(r.kind()));
        out.put("title", r.kind().title());
        out.put("reporter", Fields.wordOf(r.kind().reporter()));
        out.put("owedBy", r.owedBy());
        out.put("recipient", Fields.wordOf(r.kind().recipient()));
        out.put("to", r.to());
        out.put("limit", r.limit().toString());
        out.put("startsAt", r.startsAt().toString());
        out.put("zone", r.zone().getId());
        if (r.lastDay() != null) {
            out.put("lastDay", r.lastDay().toString());
            out.put("dueBy", r.dueBy().toString());
        }
        out.put("basis", r.basis());
        out.put("reason", r.reason());
        out.put("status", Fields.wordOf(st.status()));
        if (st.timeLeft() != null) {
            out.put("timeLeftSeconds", st.timeLeft().getSeconds());
        }
        if (st.initial() != null) {
            out.put("late", st.late());
        }
        List<Object> filings = new ArrayList<>();
        if (st.initial() != null) {
            filings.add(filing(st.initial()));
        }
        st.followUps().forEach(f -> filings.add(filing(f)));
        out.put("filings", filings);
        return out;
    }

    static Map<String, Object> filing(Filing f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", f.index());
        out.put("regime", Fields.wordOf(f.regime()));
        out.put("kind", Fields.wordOf(f.kind()));
        out.put("stage", Fields.wordOf(f.stage()));
        out.put("filedAt", f.filedAt().toString());
        out.put("reference", f.reference());
        out.put("by", f.by());
        out.put("recordedAt", f.recordedAt().toString());
        return out;
    }
}
