package org.onus.web;

import java.util.List;
import org.onus.reporting.InvestigationReport;

/**
 * What each console page shows, as plain values: the templates under {@code src/main/jte} take
 * one of these and nothing else, so a page cannot reach a service, and every value it prints is
 * escaped by the template engine. They are public only because the precompiled templates live
 * in another package.
 */
public final class Views {

    private Views() {
    }

    /** An instant as the templates print it: day and minute in the given zone. */
    public static String at(java.time.Instant t, java.time.ZoneId zone) {
        return t == null ? "" : Pages.MINUTE.format(t.atZone(zone));
    }

    /** The frame of every signed-in page: title, navigation, who is signed in, the session's CSRF token. */
    public record Page(String title, List<NavItem> nav, String signedInAs, String role, String csrf) {
    }

    public record NavItem(String href, String label, boolean current) {
    }

    public record SignIn(String csrf, String error, String next, String tokenHint) {
    }

    public record Error(Page page, int status, String title, String detail) {
    }

    /** One mark of a hand-drawn SVG chart; see {@link Charts} for what the coordinates mean per element. */
    public record Mark(String element, String cls, double x1, double y1, double x2, double y2, String points, String text,
                       String title) {
    }

    /** A server-drawn chart: an SVG of marks, a title and a one-line text summary for those who cannot see it. */
    public record Chart(String id, String title, String summary, int width, int height, List<Mark> marks, List<Legend> legend) {
    }

    public record Legend(String cls, String label) {
    }

    // ---- overview ----

    public record Overview(Page page, String window, List<Fact> headline, List<DeploymentHealth> deployments, List<IncidentRow> incidents,
                           String incidentsHidden, List<AlertRow> alerts) {
    }

    /**
     * @param tone {@code ok}, {@code watch} (something to look at) or {@code act} (an open alert or
     *     performance below the claim)
     */
    public record DeploymentHealth(String id, String system, String systemName, String site, String version, long decisions,
                                   Figure acceptRate, Figure overrideRate, int openAlerts, String performance, String tone,
                                   String toneLabel) {
    }

    /** A figure and what qualifies it: "10.4%" and "7.6–14.1%, n 345", or "too few cases" and "n 12". */
    public record Figure(String value, String detail) {
    }

    public record IncidentRow(String id, String kind, String occurredAt, String site, String severity, boolean closed,
                              int reportsDue, int reportsOverdue, String nextDeadline, String tone) {
    }

    public record AlertRow(String id, String deployment, String rule, String slice, String observed, String raisedAt,
                           String respondBy, String status, boolean postMarketSignal, List<String> addressees,
                           List<Response> responses) {
    }

    public record Response(String kind, String at, String by, String text) {
    }

    // ---- AI system ----

    public record SystemPage(Page page, String id, String name, String manufacturer, List<Fact> regulatory,
                             List<VersionCard> versions, List<AuthorizationRef> authorizations) {
    }

    public record Fact(String label, String value) {
    }

    public record VersionCard(String version, String digest, String releasedAt, String task, List<String> indications,
                              List<Fact> population, List<Fact> inputs, List<Fact> output, List<Claim> overall,
                              List<SubgroupClaims> subgroups, String trainingData, List<Fact> limitations,
                              List<Fact> precautions, String updatePolicy, List<Fact> transparency) {
    }

    public record Claim(String metric, String value, String interval, String n) {
    }

    public record SubgroupClaims(String name, List<Claim> claims) {
    }

    public record AuthorizationRef(String id, String site, String versions, String validity, String status) {
    }

    // ---- deployment ----

    public record DeploymentPage(Page page, String id, String system, String systemName, String site, List<Fact> scope,
                                 List<Fact> oversight, List<String> training, List<String> precautions, List<Fact> thresholds,
                                 List<Fact> authorizedBy, List<Amendment> amendments, String monitoredNote, String window,
                                 List<Chart> charts, List<AlertRow> alerts, boolean mayRespond, String notice) {
    }

    public record Amendment(long index, String effectiveAt, String recordedAt, String what) {
    }

    // ---- incident ----

    public record IncidentPage(Page page, InvestigationReport report, String zone, List<FindingGroup> findings,
                               List<Deadline> deadlines, String patientHref, boolean mayReadEntries) {
    }

    public record FindingGroup(String link, String title, List<InvestigationReport.Finding> findings) {
    }

    public record Deadline(InvestigationReport.Deadline deadline, String due, String left, String tone) {
    }

    // ---- patient ----

    public record PatientPage(Page page, String pseudonym, String window, List<TimelineEvent> events, boolean truncated) {
    }

    public record TimelineEvent(String at, String kind, String summary, String context, long index) {
    }

    // ---- ledger ----

    public record LedgerPage(Page page, String origin, long size, String rootHash, String signedNote, String verifierKey,
                             List<String> steps) {
    }

    public record EntryPage(Page page, long index, String type, String recordedAt, String leafHash, String json) {
    }
}
