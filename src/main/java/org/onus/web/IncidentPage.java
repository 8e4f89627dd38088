package org.onus.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onus.auth.Permission;
import org.onus.auth.Principal;
import org.onus.http.IncidentReaders;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.ledger.TenantLog;
import org.onus.reporting.InvestigationReport;
import org.onus.reporting.ReportRenderer;

/**
 * {@code GET /incidents/{id}}: one incident as an investigator works it: what happened, the
 * rules' conclusion and who is implicated, the reconstructed timeline (decision, shown, action,
 * outcome, with the card and authorization in force at each step), findings grouped by link of
 * the value chain with the ledger entries each rests on, the determinations, the regulatory
 * deadlines with the time left, and the evidence bundle and PDF report to take away. It is built
 * from the same value the investigation report is, by the same services, so the page, the PDF
 * and the API cannot disagree; like them, each view appends an {@code access} entry first.
 */
final class IncidentPage {

    private static final Map<InvestigationReport.Link, String> LINKS = new LinkedHashMap<>();

    static {
        LINKS.put(InvestigationReport.Link.DESIGN, "Design (the product)");
        LINKS.put(InvestigationReport.Link.DATA, "Data (what it learned from)");
        LINKS.put(InvestigationReport.Link.DEPLOYMENT, "Deployment (who authorized which use, where)");
        LINKS.put(InvestigationReport.Link.USE, "Use (the clinician's decision)");
        LINKS.put(InvestigationReport.Link.MONITORING, "Monitoring (who was told, who acted)");
        LINKS.put(InvestigationReport.Link.REPORTING, "Reporting (regulatory reports)");
    }

    private final IncidentServices.Directory incidents;
    private final RegulatoryReports reports;
    private final Clock clock;
    private final ReportRenderer renderer = new ReportRenderer();

    IncidentPage(IncidentServices.Directory incidents, RegulatoryReports reports, Clock clock) {
        this.incidents = incidents;
        this.reports = reports;
        this.clock = clock;
    }

    WebConsole.Rendered render(Context ctx, WebConsole.Visitor v, WebConsole console) {
        String id = ctx.pathParam("id");
        InvestigationReport report = report(id, v.who(), v.log());
        ZoneId zone = report.cover().zone();
        List<Views.FindingGroup> groups = new ArrayList<>();
        LINKS.forEach((link, title) -> {
            List<InvestigationReport.Finding> in = report.findings().stream().filter(f -> f.link() == link).toList();
            if (!in.isEmpty()) {
                groups.add(new Views.FindingGroup(link.name().toLowerCase(java.util.Locale.ROOT), title, in));
            }
        });
        List<Views.Deadline> deadlines = new ArrayList<>();
        for (InvestigationReport.Deadline d : report.deadlines()) {
            String tone = d.status().equals("overdue") ? "act" : d.status().equals("due") ? "watch" : "ok";
            String left = d.status().equals("due") ? (d.timeLeft() == null ? "immediately" : Pages.left(d.timeLeft()))
                    : d.status().equals("overdue") ? "overdue" : d.late() ? "filed late" : "filed";
            deadlines.add(new Views.Deadline(d, d.dueBy() == null ? "immediately" : Pages.minute(d.dueBy(), zone), left, tone));
        }
        String pseudonym = report.summary().patientPseudonym();
        // the patient's timeline is patient-linked data: linked only for a token the timeline would answer
        String patientHref = pseudonym == null || !v.may(Permission.READ_PATIENT_DATA) ? null : "/patients/" + pseudonym;
        return new WebConsole.Rendered("incident.jte", new Views.IncidentPage(console.frame(v, "Incident " + id, ""), report, zone.getId(),
                groups, deadlines, patientHref, v.may(Permission.READ_ENTRIES)));
    }

    /** {@code GET /incidents/{id}/bundle}: the evidence bundle, for {@code onus verify bundle.json}. */
    WebConsole.Rendered bundle(Context ctx, WebConsole.Visitor v) {
        String id = ctx.pathParam("id");
        IncidentServices.Bundled b = incidents.of(v.log()).bundle(id, IncidentReaders.reader(v.who(), incidents.of(v.log())));
        ctx.status(200).contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"onus-incident-" + safe(id) + "-bundle.json\"")
                .result(b.bundle().toJson());
        return WebConsole.Rendered.WRITTEN;
    }

    /** {@code GET /incidents/{id}/report.pdf}: the investigation report, as the API's {@code ?format=pdf} answers it. */
    WebConsole.Rendered pdf(Context ctx, WebConsole.Visitor v) {
        String id = ctx.pathParam("id");
        InvestigationReport report = report(id, v.who(), v.log());
        ctx.status(200).contentType(ReportRenderer.PDF_MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"onus-incident-" + safe(id) + "-report.pdf\"")
                .result(renderer.pdf(report));
        return WebConsole.Rendered.WRITTEN;
    }

    /** The report as the API's routes assemble it for the same token: the same reader, the same deadlines. */
    private InvestigationReport report(String id, Principal who, TenantLog log) {
        return IncidentReaders.report(id, who, incidents.of(log), reports, log, clock.instant());
    }

    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
