package org.onus.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.onus.auth.Principal;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.ledger.TenantLog;
import org.onus.reporting.InvestigationReport;
import org.onus.reporting.ReportRenderer;

/**
 * {@code GET /v1/incidents/{id}/report}: the investigation report of one incident, as HTML for
 * {@code Accept: text/html} or as PDF for {@code Accept: application/pdf} (or {@code ?format=pdf},
 * for a link a browser can follow). The representation is chosen before anything is read, so a
 * request that cannot be answered writes nothing; the read itself is logged like every read of
 * an incident, and the evidence bundle whose checkpoint the report names is built after that
 * access entry, so the checkpoint covers the record of the report's own reading.
 */
final class IncidentReportRoutes {

    private static final String HTML = "text/html";
    private static final String PDF = "application/pdf";
    private static final String OFFERED = "text/html or application/pdf (or ?format=html, ?format=pdf)";

    private final IncidentServices.Directory services;
    private final RegulatoryReports reports;
    private final Clock clock;
    private final ReportRenderer renderer = new ReportRenderer();

    IncidentReportRoutes(IncidentServices.Directory services, RegulatoryReports reports, Clock clock) {
        this.services = services;
        this.reports = reports;
        this.clock = clock;
    }

    void report(Context ctx, Principal who, TenantLog log) {
        String media = negotiate(ctx);
        String id = ctx.pathParam("id");
        InvestigationReport report = IncidentReaders.report(id, who, services.of(log), reports, log, clock.instant());
        ctx.header("Vary", "Accept").header("Cache-Control", "no-store");
        if (media.equals(PDF)) {
            ctx.status(200).contentType(ReportRenderer.PDF_MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName(id) + "\"")
                    .result(renderer.pdf(report));
        } else {
            ctx.status(200).contentType(ReportRenderer.HTML_MEDIA_TYPE).result(renderer.html(report));
        }
    }

    /** The PDF's file name: the incident id with anything but letters, digits, '.', '_' and '-' made '_'. */
    static String fileName(String incident) {
        return "onus-incident-" + incident.replaceAll("[^A-Za-z0-9._-]", "_") + "-report.pdf";
    }

    /**
     * {@code ?format=} if given, else the media type the Accept header prefers (RFC 9110 12.5.1):
     * the highest quality, then the most specific range, then the one listed first; no Accept
     * header means HTML.
     */
    static String negotiate(Context ctx) {
        List<String> format = ctx.queryParams("format");
        if (!format.isEmpty()) {
            String f = format.get(0).toLowerCase(Locale.ROOT);
            if (format.size() > 1 || !(f.equals("pdf") || f.equals("html"))) {
                throw Problems.invalidParameter("format", "query", "must be given once, as 'html' or 'pdf'").exception();
            }
            return f.equals("pdf") ? PDF : HTML;
        }
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) {
            return HTML;
        }
        String chosen = choose(accept);
        if (chosen == null) {
            throw Problems.notAcceptable(accept.length() > 200 ? accept.substring(0, 200) + "..." : accept, OFFERED).exception();
        }
        return chosen;
    }

    /** The offered type the Accept header prefers, or null when it accepts neither. */
    static String choose(String accept) {
        String best = null;
        double bestQ = 0;
        int bestSpecificity = -1;
        int bestPosition = Integer.MAX_VALUE;
        for (String offered : List.of(HTML, PDF)) {
            double q = -1;
            int specificity = -1;
            int position = Integer.MAX_VALUE;
            String[] ranges = accept.split(",");
            for (int i = 0; i < ranges.length; i++) {
                String[] parts = ranges[i].trim().split(";");
                String range = parts[0].trim().toLowerCase(Locale.ROOT);
                int s = range.equals(offered) ? 2 : range.equals(offered.substring(0, offered.indexOf('/')) + "/*") ? 1
                        : range.equals("*/*") ? 0 : -1;
                if (s < 0 || s < specificity) {
                    continue;
                }
                double rq = quality(parts);
                if (s > specificity) {
                    q = rq;
                    specificity = s;
                    position = i;
                }
            }
            if (q <= 0) {
                continue;
            }
            if (q > bestQ || (q == bestQ && (specificity > bestSpecificity || (specificity == bestSpecificity && position < bestPosition)))) {
                best = offered;
                bestQ = q;
                bestSpecificity = specificity;
                bestPosition = position;
            }
        }
        return best;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(p.substring(2));
                    return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
