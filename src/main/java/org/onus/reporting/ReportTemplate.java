package org.onus.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.onus.reporting.InvestigationReport.Contributor;
import org.onus.reporting.InvestigationReport.Deadline;
import org.onus.reporting.InvestigationReport.Determination;
import org.onus.reporting.InvestigationReport.Finding;
import org.onus.reporting.InvestigationReport.Link;
import org.onus.reporting.InvestigationReport.TimelineStep;
import org.onus.reporting.InvestigationReport.Verification;

/**
 * The one template of the investigation report: an XHTML document that reads well in a browser
 * and that the PDF renderer lays out on A4 pages with a title page, running footer (the
 * checkpoint the evidence rests on) and page numbers, through the CSS paged-media rules below.
 *
 * <p>The text stays within Windows-1252, the repertoire of the PDF's standard fonts: no arrows
 * or symbols that would print as '#'.
 */
final class ReportTemplate {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd z", Locale.ENGLISH);

    private static final String STYLE = """
            @page { size: A4; margin: 18mm 15mm 22mm 15mm;
              @bottom-left { content: element(footer); width: 80%; vertical-align: top; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: Helvetica, sans-serif;
                font-size: 8pt; color: #555; width: 20%; text-align: right; vertical-align: top; } }
            @media screen { .running-footer { display: none; } body { max-width: 60em; margin: 2em auto; } }
            body { font-family: Helvetica, Arial, sans-serif; font-size: 9.5pt; color: #1a1a1a; line-height: 1.35; }
            .running-footer { position: running(footer); font-size: 7.5pt; color: #555; }
            .cover { page-break-after: always; }
            .cover .kind { font-size: 10pt; letter-spacing: 0.12em; text-transform: uppercase; color: #555; margin-top: 30mm; }
            .cover h1 { font-size: 22pt; margin: 4mm 0 10mm 0; border-bottom: 2px solid #1f3b5c; padding-bottom: 4mm; }
            .cover table.meta td, .cover table.meta th { padding: 1.5mm 6mm 1.5mm 0; border: none; font-size: 10.5pt; }
            .cover table.meta th { background: none; color: #555; font-weight: normal; width: 30%; }
            .cover .contents { margin-top: 14mm; }
            .cover .note { margin-top: 14mm; font-size: 8.5pt; color: #444; border-left: 3px solid #1f3b5c; padding-left: 3mm; }
            h2 { font-size: 13.5pt; color: #1f3b5c; border-bottom: 1px solid #9fb3c8; padding-bottom: 1mm; margin: 8mm 0 3mm 0;
              page-break-after: avoid; }
            h3 { font-size: 11pt; margin: 5mm 0 2mm 0; page-break-after: avoid; }
            table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; }
            th, td { border: 1px solid #c5ced8; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; word-wrap: break-word; }
            th { background: #e8eef4; font-size: 8.5pt; }
            tr { page-break-inside: avoid; }
            thead { display: table-header-group; }
            table { -fs-table-paginate: paginate; }
            table.grid { table-layout: fixed; }
            table.grid td { font-size: 8.5pt; }
            .link, .section { page-break-inside: avoid; }
            table.summary th { width: 30%; }
            .implicated { color: #9b1c1c; font-weight: bold; }
            .not-implicated { color: #245c2a; font-weight: bold; }
            .undetermined { color: #8a5a00; font-weight: bold; }
            .overdue { color: #9b1c1c; font-weight: bold; }
            .due { color: #8a5a00; font-weight: bold; }
            .filed, .followed-up { color: #245c2a; font-weight: bold; }
            .none { color: #666; font-style: italic; }
            .time { word-wrap: normal; }
            .nowrap { white-space: nowrap; }
            .small { font-size: 8pt; color: #444; }
            pre { font-family: Courier, monospace; font-size: 8pt; background: #f3f5f7; border: 1px solid #c5ced8; padding: 2mm;
              white-space: pre; }
            """;

    private final InvestigationReport r;
    private final ZoneId zone;
    private final Html h = new Html();

    private ReportTemplate(InvestigationReport report) {
        this.r = report;
        this.zone = report.cover().zone();
    }

    static String render(InvestigationReport report) {
        return new ReportTemplate(report).document();
    }

    private String document() {
        h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">");
        h.open("head").raw("<meta charset=\"UTF-8\"/>");
        h.element("title", r.cover().title() + " - incident " + r.cover().incidentId());
        h.raw("<meta name=\"author\" content=\"" + Html.escape(r.cover().preparedBy()) + "\"/>");
        h.raw("<meta name=\"subject\" content=\"" + Html.escape("Investigation of incident " + r.cover().incidentId()) + "\"/>");
        h.open("style", "type", "text/css").raw(STYLE).close("style").close("head");
        h.open("body");
        footer();
        cover();
        section(this::summary);
        section(this::contributors);
        findings();
        section(this::timeline);
        section(this::deadlines);
        section(this::determinations);
        section(this::verification);
        h.close("body").close("html");
        return h.toString();
    }

    /** A section kept on one page when it fits on one. */
    private void section(Runnable body) {
        h.open("div", "class", "section");
        body.run();
        h.close("div");
    }

    private void footer() {
        Verification v = r.verification();
        h.element("div", "Incident " + r.cover().incidentId() + " - evidence rests on checkpoint " + v.checkpointOrigin()
                + " at tree size " + v.checkpointSize() + ", root " + v.rootHash(), "class", "running-footer");
    }

    private void cover() {
        var c = r.cover();
        h.open("div", "class", "cover");
        h.element("div", "Investigation report", "class", "kind");
        h.element("h1", c.title());
        h.open("table", "class", "meta");
        row("Organisation", c.organisation());
        row("Incident", c.incidentId());
        row("Prepared for", c.preparedFor());
        row("Prepared by", c.preparedBy());
        row("Generated", time(c.generatedAt()));
        row("Evidence checkpoint", r.verification().checkpointOrigin() + ", tree size " + r.verification().checkpointSize());
        h.close("table");
        h.open("div", "class", "contents").element("h3", "Contents").open("ol");
        for (String s : List.of("Incident summary", "Primary contributors", "Findings by link of the value chain",
                "Reconstructed timeline", "Regulatory deadlines", "Determinations", "Verifying the evidence")) {
            h.element("li", s);
        }
        h.close("ol").close("div");
        h.element("div", "This report supports an investigation; it is not a verdict. Each finding names the rule that produced it, "
                + "the ledger entries it rests on, what remained undetermined and which human determinations it used. "
                + "Patients appear only by pseudonym.", "class", "note");
        h.close("div");
    }

    private void summary() {
        var s = r.summary();
        h.element("h2", "1. Incident summary");
        h.open("table", "class", "summary");
        row("What happened", s.whatHappened());
        row("Severity", s.severity() + (s.severityScale() == null ? "" : " (" + s.severityScale() + ")"));
        row("Patient (pseudonym)", s.patientPseudonym());
        row("Occurred", time(s.occurredAt()));
        row("Became known (awareness)", time(s.awareAt()));
        row("Site and unit", s.site() + (s.unit() == null ? "" : " / " + s.unit()));
        row("AI system and version", s.aiSystem() + (s.version() == null ? "" : " " + s.version()));
        if (s.conclusion() != null) {
            row("Conclusion of the rules", s.conclusion());
        }
        h.close("table");
    }

    private void contributors() {
        h.element("h2", "2. Primary contributors");
        if (r.primaryContributors().isEmpty()) {
            h.element("p", "No party was found to have contributed.", "class", "none");
            return;
        }
        header("Party:18", "Role:14", "Link:12", "How:56");
        for (Contributor c : r.primaryContributors()) {
            h.open("tr");
            cells(c.party(), c.role(), word(c.link()), c.statement());
            h.close("tr");
        }
        h.close("table");
    }

    private void findings() {
        h.element("h2", "3. Findings by link of the value chain");
        for (Link link : Link.values()) {
            List<Finding> of = r.findings().stream().filter(f -> f.link() == link).toList();
            h.open("div", "class", "link");
            h.element("h3", capitalised(word(link)));
            if (of.isEmpty()) {
                h.element("p", "No rule produced a finding on this link.", "class", "none").close("div");
                continue;
            }
            header("Rule:18", "Party:14", "Outcome:14", "Statement:26", "Basis:19", "Entries:9");
            for (Finding f : of) {
                h.open("tr");
                h.element("td", f.rule()).element("td", f.party());
                h.open("td").element("span", outcome(f.outcome()), "class", cssWord(f.outcome()));
                if (!f.missing().isEmpty()) {
                    h.open("div", "class", "small").text("missing: " + String.join("; ", f.missing())).close("div");
                }
                h.close("td");
                h.element("td", f.statement()).element("td", f.regulationBasis()).element("td", indices(f.evidence()));
                h.close("tr");
            }
            h.close("table").close("div");
        }
    }

    private void timeline() {
        h.element("h2", "4. Reconstructed timeline");
        h.element("p", "Decision, display, action and outcome in order, each with the model card and the authorization in force at "
                + "that moment.", "class", "small");
        if (r.timeline().isEmpty()) {
            h.element("p", "No recorded events.", "class", "none");
            return;
        }
        header("Time:13", "Step:11", "Actor:13", "What:28", "Card in force:12", "Authorization in force:16", "Entry:7");
        for (TimelineStep t : r.timeline()) {
            h.open("tr");
            timeCell(t.at());
            cells(t.kind(), t.actor(), t.description(), t.cardInForce(), t.authorizationInForce(),
                    t.evidence() == null ? "" : "#" + t.evidence());
            h.close("tr");
        }
        h.close("table");
    }

    private void deadlines() {
        h.element("h2", "5. Regulatory deadlines");
        h.element("p", "As of " + time(r.cover().generatedAt()) + ". Clocks run from awareness; days are counted in the reporting "
                + "site's time zone.", "class", "small");
        if (r.deadlines().isEmpty()) {
            if (r.regulatoryNotes().isEmpty()) {
                h.element("p", "The facts of this incident trigger no regulatory report.", "class", "none");
            }
            notes();
            return;
        }
        header("Report:21", "Owed by:13", "To:16", "Basis:18", "Due:14", "Status:18");
        for (Deadline d : r.deadlines()) {
            h.open("tr");
            h.open("td").text(d.report()).open("div", "class", "small").text(d.regime()).close("div").close("td");
            h.element("td", d.owedBy()).element("td", d.to()).element("td", d.basis());
            if (d.dueBy() == null) {
                h.element("td", "immediately");
            } else {
                h.open("td", "class", "time").text("end of " + DAY.format(d.dueBy().minusMillis(1).atZone(zone)))
                        .open("div", "class", "small").text("before " + time(d.dueBy())).close("div").close("td");
            }
            h.open("td").element("span", d.status().replace('-', ' '), "class", d.status());
            h.open("div", "class", "small").text(standing(d)).close("div").close("td");
            h.close("tr");
        }
        h.close("table");
        notes();
    }

    private void notes() {
        if (r.regulatoryNotes().isEmpty()) {
            return;
        }
        h.open("ul", "class", "small");
        r.regulatoryNotes().forEach(n -> h.element("li", n));
        h.close("ul");
    }

    private void determinations() {
        h.element("h2", "6. Determinations");
        if (r.determinations().isEmpty()) {
            h.element("p", "No human determination was entered.", "class", "none");
            return;
        }
        header("Question:26", "Determination:35", "By:15", "When:16", "Entry:8");
        for (Determination d : r.determinations()) {
            h.open("tr");
            cells(d.question(), d.answer(), d.by());
            timeCell(d.at());
            cells(d.evidence() == null ? "" : "#" + d.evidence());
            h.close("tr");
        }
        h.close("table");
    }

    private void verification() {
        Verification v = r.verification();
        h.element("h2", "7. Verifying the evidence");
        h.element("p", "Every entry cited above (#index) is in the evidence bundle " + v.bundleFile() + ", with its inclusion proof "
                + "against one signed checkpoint of the tenant's append-only log (RFC 9162 Merkle tree, C2SP signed note). "
                + "Anyone can check it offline, without trusting the hospital, the vendor or Onus, with:");
        h.element("pre", "./onus verify \\\n    --key '" + v.verifierKey() + "' \\\n    " + v.bundleFile());
        h.element("p", "Pin the verifier key published by the hospital rather than the one inside the bundle. The check recomputes "
                + "each entry's leaf hash, each inclusion proof and the checkpoint signature, and names the first that fails.");
        h.open("table", "class", "summary");
        row("Checkpoint origin", v.checkpointOrigin());
        row("Tree size", Long.toString(v.checkpointSize()));
        row("Root hash (base64)", v.rootHash());
        row("Verifier key", v.verifierKey());
        h.close("table");
        h.element("p", "The bundle is the incident's (GET /v1/incidents/" + r.cover().incidentId() + "/bundle). One exported later "
                + "rests on a later checkpoint of the same log, with a larger tree size and another root; the consistency proof "
                + "from tree size " + v.checkpointSize() + " to its size (GET /v1/ledger/proofs/consistency) shows that it only "
                + "extends the checkpoint above, so every entry cited here is unchanged.", "class", "small");
    }

    // ---- small pieces -------------------------------------------------------------------------

    private void row(String label, String value) {
        h.open("tr").element("th", label).element("td", value == null ? "" : value).close("tr");
    }

    /** Opens a table with a header row; each column is "Name:width-in-percent". */
    private void header(String... columns) {
        h.open("table", "class", "grid").open("thead").open("tr");
        for (String c : columns) {
            int colon = c.lastIndexOf(':');
            h.element("th", c.substring(0, colon), "style", "width: " + c.substring(colon + 1) + "%");
        }
        h.close("tr").close("thead");
    }

    private void cells(String... values) {
        for (String v : values) {
            h.element("td", v == null ? "" : v);
        }
    }

    /** A time in a narrow column: it may break between the date and the hour, never inside either. */
    private void timeCell(Instant t) {
        String[] parts = time(t).split(" ", 2);
        h.open("td", "class", "time").element("span", parts[0], "class", "nowrap");
        if (parts.length > 1) {
            h.text(" ").element("span", parts[1], "class", "nowrap");
        }
        h.close("td");
    }

    private String time(Instant t) {
        return t == null ? "not recorded" : TIME.format(t.atZone(zone));
    }

    private String standing(Deadline d) {
        if (d.filedAt() != null) {
            return "filed " + time(d.filedAt()) + (d.reference() == null ? "" : ", ref. " + d.reference()) + (d.late() ? ", late" : "");
        }
        if (d.timeLeft() == null) {
            return "no number of days: to be done at once";
        }
        return d.timeLeft().isNegative() || d.timeLeft().isZero()
                ? "overdue by " + duration(d.timeLeft().negated()) : duration(d.timeLeft()) + " left";
    }

    static String duration(Duration d) {
        long days = d.toDays();
        long hours = d.minusDays(days).toHours();
        long minutes = d.minusDays(days).minusHours(hours).toMinutes();
        if (days > 0) {
            return days + (days == 1 ? " day " : " days ") + hours + " h";
        }
        return hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
    }

    private static String indices(List<Long> evidence) {
        return evidence.stream().map(i -> "#" + i).collect(Collectors.joining(", "));
    }

    private static String outcome(InvestigationReport.Outcome o) {
        return switch (o) {
            case IMPLICATED -> "implicated";
            case NOT_IMPLICATED -> "not implicated";
            case UNDETERMINED -> "undetermined";
        };
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String cssWord(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
