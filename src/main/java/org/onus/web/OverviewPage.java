package org.onus.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.onus.auth.Permission;
import org.onus.http.IncidentReaders;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.IncidentState;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.investigation.clocks.Schedule;
import org.onus.monitoring.Monitor;
import org.onus.monitoring.Monitoring;
import org.onus.recording.TenantServices;
import org.onus.registry.Registry;

/**
 * {@code GET /}: what a CMIO asks first. Is any deployment in trouble (open alerts, observed
 * performance below the card's claim, clinicians overriding it), which incidents have a
 * regulatory deadline running, and which alerts wait for an answer. Deployments needing action
 * come first.
 */
final class OverviewPage {

    static final Duration WINDOW = Duration.ofDays(30);
    static final List<String> PERFORMANCE = List.of("sensitivity", "specificity", "ppv", "npv", "auroc");

    private final TenantServices.Directory services;
    private final Monitoring monitoring;
    private final IncidentServices.Directory incidents;
    private final RegulatoryReports reports;
    private final Clock clock;

    OverviewPage(TenantServices.Directory services, Monitoring monitoring, IncidentServices.Directory incidents,
                 RegulatoryReports reports, Clock clock) {
        this.services = services;
        this.monitoring = monitoring;
        this.incidents = incidents;
        this.reports = reports;
        this.clock = clock;
    }

    WebConsole.Rendered render(Context ctx, WebConsole.Visitor v, WebConsole console) {
        Instant now = clock.instant();
        Registry registry = services.of(v.log()).registry();
        Monitor monitor = monitoring.of(v.log(), registry);
        Monitor.Viewer viewer = Pages.viewer(v, registry);
        List<Views.DeploymentHealth> rows = new ArrayList<>();
        for (JsonNode d : monitor.deployments(viewer)) {
            String id = d.path("deployment").asText();
            JsonNode all = monitor.metrics(id, now.minus(WINDOW), now, viewer).map(m -> slice(m, "all")).orElse(null);
            rows.add(health(d, all, registry, now));
        }
        rows.sort(Comparator.comparingInt((Views.DeploymentHealth h) -> rank(h.tone())).thenComparing(Views.DeploymentHealth::id));
        List<Views.IncidentRow> incidentRows = new ArrayList<>();
        String hidden = null;
        if (v.may(Permission.READ_INCIDENTS)) {
            IncidentServices s = incidents.of(v.log());
            IncidentServices.Reader reader = IncidentReaders.reader(v.who(), s);
            // the list shows no sealed content, so it is read without opening any
            for (IncidentState st : s.all(new IncidentServices.Reader(reader.actor(), reader.role(), false, reader.onlySystems()))) {
                incidentRows.add(incident(st, reports.facts(v.log(), st.id()).map(f -> reports.schedule(v.log(), f, now)), registry, now));
            }
            incidentRows.sort(Comparator.comparingInt((Views.IncidentRow r) -> rank(r.tone())).thenComparing(Views.IncidentRow::id));
        } else {
            hidden = "Incidents hold patient-linked data: they are shown to investigator and admin tokens, and to a vendor's token"
                    + " those of its own products.";
        }
        List<Views.AlertRow> alerts = new ArrayList<>();
        for (JsonNode a : monitor.alerts("unresolved", null, viewer)) {
            alerts.add(alertRow(a));
        }
        List<Views.Fact> headline = new ArrayList<>();
        long act = rows.stream().filter(r -> r.tone().equals("act")).count();
        headline.add(new Views.Fact("deployments need action", act + " of " + rows.size()));
        if (hidden == null) {
            headline.add(new Views.Fact("incidents with an overdue report", String.valueOf(incidentRows.stream().filter(r -> r.reportsOverdue() > 0).count())));
            headline.add(new Views.Fact("incidents with a report due", String.valueOf(incidentRows.stream().filter(r -> r.reportsDue() > 0).count())));
        }
        headline.add(new Views.Fact("alerts awaiting resolution", String.valueOf(alerts.size())));
        return new WebConsole.Rendered("overview.jte", new Views.Overview(console.frame(v, "Overview", "/"),
                Pages.day(now.minus(WINDOW)) + " to " + Pages.day(now), headline, rows, incidentRows, hidden, alerts));
    }

    private static int rank(String tone) {
        return tone.equals("act") ? 0 : tone.equals("watch") ? 1 : 2;
    }

    static JsonNode slice(JsonNode metrics, String name) {
        for (JsonNode s : metrics.path("slices")) {
            if (s.path("slice").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static Views.DeploymentHealth health(JsonNode d, JsonNode all, Registry registry, Instant now) {
        String system = d.path("system").asText(null);
        int open = d.path("openAlerts").asInt();
        long decisions = all == null ? 0 : all.path("decisions").asLong();
        JsonNode actions = all == null ? null : all.path("actions");
        String performance = "no outcomes yet";
        boolean below = false;
        List<String> consistent = new ArrayList<>();
        List<String> belowClaim = new ArrayList<>();
        if (all != null) {
            for (String metric : PERFORMANCE) {
                JsonNode f = all.path("performance").path(metric);
                String verdict = f.path("versusClaim").asText("");
                if (verdict.equals("below claim")) {
                    belowClaim.add(metric + " " + Pages.percent(f.path("value").asDouble()) + " vs claimed "
                            + Pages.percent(f.path("claim").path("value").asDouble()));
                } else if (!verdict.isEmpty() && !verdict.equals("see value")) {
                    consistent.add(metric);
                }
            }
            if (!belowClaim.isEmpty()) {
                below = true;
                performance = "below claim: " + String.join("; ", belowClaim);
            } else if (!consistent.isEmpty()) {
                performance = "consistent with claim (" + String.join(", ", consistent) + ")";
            } else if (all.path("withOutcome").asLong() > 0) {
                performance = "too few outcomes to judge (" + all.path("withOutcome").asLong() + ")";
            }
        }
        String tone = open > 0 || below ? "act" : decisions == 0 ? "watch" : "ok";
        String label = open > 0 ? open + " open alert" + (open == 1 ? "" : "s") : below ? "below claim" : decisions == 0 ? "no recent use" : "no open alert";
        return new Views.DeploymentHealth(d.path("deployment").asText(), system, Pages.systemName(registry, system, now),
                Pages.partyName(registry, d.path("site").asText(null), now), d.path("latestVersion").asText(""), decisions,
                Pages.figure(actions == null ? null : actions.path("accepted")),
                Pages.figure(actions == null ? null : actions.path("overridden")), open, performance, tone, label);
    }

    private static Views.IncidentRow incident(IncidentState st, Optional<Schedule> schedule, Registry registry, Instant now) {
        int due = 0;
        int overdue = 0;
        ReportStatus next = null;
        ReportStatus late = null;
        for (ReportStatus r : schedule.map(Schedule::reports).orElse(List.of())) {
            if (r.status() == ReportStatus.Status.OVERDUE) {
                overdue++;
                late = late == null ? r : late;
            } else if (r.status() == ReportStatus.Status.DUE) {
                due++;
                if (next == null || (r.report().dueBy() != null
                        && (next.report().dueBy() == null || r.report().dueBy().isBefore(next.report().dueBy())))) {
                    next = r;
                }
            }
        }
        String nextText = late != null ? late.report().kind().title() + " — was due " + Pages.minute(late.report().dueBy(), java.time.ZoneOffset.UTC)
                : next == null ? (schedule.isEmpty() ? "not known" : "none open")
                : next.report().kind().title() + " — " + (next.report().dueBy() == null ? "immediately"
                : "due " + Pages.minute(next.report().dueBy(), java.time.ZoneOffset.UTC) + ", " + Pages.left(next.timeLeft()));
        String tone = overdue > 0 ? "act" : due > 0 && !st.closed() ? "watch" : "ok";
        return new Views.IncidentRow(st.id(), st.incident().kind(), Pages.day(st.occurredAt()), Pages.partyName(registry, st.incident().site(), now),
                st.severity().scale() + " " + st.severity().value(), st.closed(), due, overdue, nextText, tone);
    }

    static Views.AlertRow alertRow(JsonNode a) {
        String observed = AlertFigures.describe(a.path("figures"));
        List<String> addressees = new ArrayList<>();
        a.path("addressees").forEach(x -> addressees.add(x.path("party").asText() + " (" + Pages.words(x.path("as").asText()) + ")"));
        List<Views.Response> responses = new ArrayList<>();
        a.path("acknowledgements").forEach(x -> responses.add(new Views.Response("acknowledged", Pages.minute(x.path("recordedAt").asText()),
                by(x.path("by")), x.path("note").asText(""))));
        a.path("actions").forEach(x -> responses.add(new Views.Response(x.path("resolves").asBoolean() ? "resolved" : "action",
                Pages.minute(x.path("recordedAt").asText()), by(x.path("by")), x.path("action").asText(""))));
        return new Views.AlertRow(a.path("id").asText(), a.path("deployment").asText(), Pages.words(a.path("rule").asText()),
                a.path("slice").asText(), observed, Pages.minute(a.path("raisedAt").asText()), Pages.minute(a.path("respondBy").asText()),
                a.path("status").asText(), a.path("postMarketSignal").asBoolean(), addressees, responses);
    }

    private static String by(JsonNode by) {
        return by.path("party").asText(by.path("actor").asText("")) + " (" + by.path("role").asText("") + ")";
    }
}
