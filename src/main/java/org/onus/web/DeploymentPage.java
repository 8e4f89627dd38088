package org.onus.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.onus.auth.Permission;
import org.onus.monitoring.Monitor;
import org.onus.monitoring.Monitoring;
import org.onus.recording.TenantServices;
import org.onus.registry.Authorization;
import org.onus.registry.Population;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.registry.Revision;

/**
 * {@code GET /deployments/{id}}: the authorization a deployment runs under, as authorized and as
 * amended, and how it has done since go-live, week by week: volume, what clinicians did with the
 * output, how long they took, observed performance against the card's claim (overall over time,
 * and per subgroup), input drift; and its alerts with who answered them.
 * {@code POST /alerts/{id}/acknowledgements} records an acknowledgement from the page.
 */
final class DeploymentPage {

    static final Duration STEP = Duration.ofDays(7);
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final TenantServices.Directory services;
    private final Monitoring monitoring;
    private final Clock clock;

    DeploymentPage(TenantServices.Directory services, Monitoring monitoring, Clock clock) {
        this.services = services;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    WebConsole.Rendered render(Context ctx, WebConsole.Visitor v, WebConsole console) {
        String id = ctx.pathParam("id");
        Instant now = clock.instant();
        Registry registry = services.of(v.log()).registry();
        Monitor monitor = monitoring.of(v.log(), registry);
        Monitor.Viewer viewer = Pages.viewer(v, registry);
        JsonNode summary = null;
        for (JsonNode d : monitor.deployments(viewer)) {
            if (d.path("deployment").asText().equals(id)) {
                summary = d;
            }
        }
        if (summary == null) {
            throw new WebConsole.Missing("No decision has been recorded for deployment " + id + " that your token may see.");
        }
        String system = summary.path("system").asText(null);
        Instant first = Instant.parse(summary.path("firstDay").asText());
        Instant last = Instant.parse(summary.path("lastDay").asText()).plus(Duration.ofDays(1));
        List<Instant> starts = new ArrayList<>();
        for (Instant t = first; t.isBefore(last); t = t.plus(STEP)) {
            starts.add(t);
        }
        List<JsonNode> weeks = new ArrayList<>();
        for (Instant t : starts) {
            weeks.add(monitor.metrics(id, t, t.plus(STEP), viewer).map(m -> OverviewPage.slice(m, "all")).orElse(null));
        }
        ObjectNode whole = monitor.metrics(id, Instant.EPOCH, END_OF_TIME, viewer).orElseThrow();
        Authorization auth = registry.current(RecordKind.AUTHORIZATION, id, now, Authorization.class)
                .or(() -> lastKnown(registry, id)).orElse(null);
        List<Views.Chart> charts = new ArrayList<>();
        List<String> labels = starts.stream().map(Pages::day).map(s -> s.substring(0, s.length() - 5)).toList();
        charts.add(volume(weeks, labels));
        charts.add(actions(weeks, labels));
        charts.add(reviewTime(weeks, labels, auth));
        JsonNode all = OverviewPage.slice(whole, "all");
        for (String metric : OverviewPage.PERFORMANCE) {
            JsonNode claim = all == null ? null : all.path("performance").path(metric).path("claim");
            if (claim != null && claim.has("value")) {
                Views.Chart c = performanceOverTime(metric, weeks, labels, claim);
                if (c != null) {
                    charts.add(c);
                }
            }
        }
        for (String metric : OverviewPage.PERFORMANCE) {
            Views.Chart forest = subgroups(metric, whole);
            if (forest != null) {
                charts.add(forest);
            }
        }
        Views.Chart drift = drift(whole, auth);
        if (drift != null) {
            charts.add(drift);
        }
        List<Views.AlertRow> alerts = new ArrayList<>();
        for (JsonNode a : monitor.alerts("all", id, viewer)) {
            alerts.add(OverviewPage.alertRow(a));
        }
        String note = auth == null ? "No authorization covers this use: these decisions ran at " + id.substring(id.indexOf(':') + 1)
                + " without one, which is itself a finding of the deployment rules." : null;
        return new WebConsole.Rendered("deployment.jte", new Views.DeploymentPage(console.frame(v, "Deployment " + id, ""), id, system,
                Pages.systemName(registry, system, now), Pages.partyName(registry, summary.path("site").asText(null), now),
                auth == null ? List.of() : scope(auth, registry, now), auth == null ? List.of() : oversight(auth),
                auth == null ? List.of() : auth.requiredTraining(), auth == null ? List.of() : auth.precautions(),
                auth == null ? List.of() : thresholds(auth), auth == null ? List.of() : authorizedBy(auth, registry, now),
                amendments(registry, id), note, Pages.day(first) + " to " + Pages.day(last.minus(Duration.ofDays(1))) + ", by week",
                charts, alerts, v.may(Permission.RESPOND_TO_ALERTS), acknowledged(ctx)));
    }

    /** The confirmation after an acknowledgement, from the redirect's {@code ?acknowledged=<index>}. */
    private static String acknowledged(Context ctx) {
        String index = ctx.queryParam("acknowledged");
        return index != null && index.matches("\\d{1,19}") ? "Your acknowledgement is recorded as ledger entry " + index + "." : null;
    }

    /** {@code POST /alerts/{id}/acknowledgements}: an alert.acknowledgement entry, then back to the deployment. */
    WebConsole.Rendered acknowledge(Context ctx, WebConsole.Visitor v) {
        String alert = ctx.pathParam("id");
        String note = ctx.formParam("note") == null ? "" : ctx.formParam("note").trim();
        if (note.isEmpty() || note.length() > 4000) {
            throw new WebConsole.BadRequest("An acknowledgement needs a note (what was seen and what happens next), at most 4,000 characters.");
        }
        Registry registry = services.of(v.log()).registry();
        Monitor monitor = monitoring.of(v.log(), registry);
        Monitor.Viewer viewer = Pages.viewer(v, registry);
        JsonNode found = monitor.alert(alert, viewer).orElseThrow(() -> new WebConsole.Missing("There is no alert " + alert + " that your token may see."));
        Monitor.Response r = monitor.acknowledge(alert, acknowledgement(note), viewer);
        if (r.refusal() == Monitor.Refusal.NOT_FOUND) {
            throw new WebConsole.Missing("There is no alert " + alert + " that your token may answer.");
        }
        if (r.refusal() == Monitor.Refusal.ALREADY_RESOLVED) {
            throw new WebConsole.BadRequest("Alert " + alert + " was resolved by an earlier action; nothing more is recorded against it.");
        }
        ctx.redirect("/deployments/" + found.path("deployment").asText() + "?acknowledged=" + r.index() + "#alerts", io.javalin.http.HttpStatus.SEE_OTHER);
        return WebConsole.Rendered.WRITTEN;
    }

    private static JsonNode acknowledgement(String note) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("note", note);
    }

    private static java.util.Optional<Authorization> lastKnown(Registry registry, String id) {
        List<Revision> h = registry.history(RecordKind.AUTHORIZATION, id);
        return h.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(registry.typed(h.get(h.size() - 1), Authorization.class));
    }

    private static List<Views.Fact> scope(Authorization a, Registry registry, Instant now) {
        List<Views.Fact> f = new ArrayList<>();
        f.add(new Views.Fact("Versions", String.join(", ", a.versions())));
        f.add(new Views.Fact("Site and units", Pages.partyName(registry, a.site(), now) + (a.units().isEmpty() ? " (every unit)" : ": " + String.join(", ", a.units()))));
        if (!a.permittedUses().isEmpty()) {
            f.add(new Views.Fact("Permitted uses", String.join("; ", a.permittedUses())));
        }
        if (a.population() != null) {
            f.add(new Views.Fact("Population", population(a.population())));
        }
        f.add(new Views.Fact("Valid", Pages.day(a.validFrom()) + " to " + (a.validUntil() == null ? "(open-ended)" : Pages.day(a.validUntil()))));
        if (a.localValidation() != null) {
            f.add(new Views.Fact("Local validation", a.localValidation()));
        }
        if (!a.widensCard().isEmpty()) {
            f.add(new Views.Fact("Wider than the card", String.join("; ", a.widensCard())));
        }
        return f;
    }

    static String population(Population p) {
        List<String> parts = new ArrayList<>();
        if (p.ageMin() != null || p.ageMax() != null) {
            parts.add("age " + (p.ageMin() == null ? "any" : num(p.ageMin())) + "–" + (p.ageMax() == null ? "any" : num(p.ageMax())));
        }
        if (p.sexes() != null && !p.sexes().isEmpty()) {
            parts.add(String.join("/", p.sexes()));
        }
        if (p.careSettings() != null && !p.careSettings().isEmpty()) {
            parts.add(String.join(", ", p.careSettings()));
        }
        if (p.exclusions() != null && !p.exclusions().isEmpty()) {
            parts.add("excluding " + String.join(", ", p.exclusions()));
        }
        return parts.isEmpty() ? "not restricted" : String.join("; ", parts);
    }

    private static List<Views.Fact> oversight(Authorization a) {
        List<Views.Fact> f = new ArrayList<>();
        Authorization.Oversight o = a.oversight();
        if (o == null) {
            return f;
        }
        f.add(new Views.Fact("Review before acting", o.reviewRequired() ? "required" : "not required"));
        if (o.minimumReviewSeconds() != null) {
            f.add(new Views.Fact("Minimum review", num(o.minimumReviewSeconds()) + " s"));
        }
        if (o.alertResponseHours() != null) {
            f.add(new Views.Fact("Alerts answered within", num(o.alertResponseHours()) + " h"));
        }
        return f;
    }

    private static List<Views.Fact> thresholds(Authorization a) {
        List<Views.Fact> f = new ArrayList<>();
        new TreeMap<>(a.monitoringThresholds()).forEach((k, val) -> f.add(new Views.Fact(k, num(val))));
        return f;
    }

    private static List<Views.Fact> authorizedBy(Authorization a, Registry registry, Instant now) {
        List<Views.Fact> f = new ArrayList<>();
        if (a.authorizedBy() != null) {
            f.add(new Views.Fact("Authorized by", Pages.partyName(registry, a.authorizedBy().party(), now)));
            if (a.authorizedBy().role() != null) {
                f.add(new Views.Fact("In the role", a.authorizedBy().role()));
            }
            if (a.authorizedBy().decisionRef() != null) {
                f.add(new Views.Fact("Decision", a.authorizedBy().decisionRef()));
            }
        }
        return f;
    }

    private static List<Views.Amendment> amendments(Registry registry, String id) {
        List<Views.Amendment> out = new ArrayList<>();
        List<Revision> h = registry.history(RecordKind.AUTHORIZATION, id);
        for (int i = 0; i < h.size(); i++) {
            Revision r = h.get(i);
            String what = r.revoked() ? "revoked" + (r.reason() != null ? ": " + r.reason() : "")
                    : r.corrects() != null ? "correction of entry " + r.corrects() + (r.reason() != null ? ": " + r.reason() : "")
                    : i == 0 ? "authorized" : "amended";
            out.add(new Views.Amendment(r.index(), Pages.day(r.effectiveAt()), Pages.minute(r.recordedAt(), java.time.ZoneOffset.UTC), what));
        }
        return out;
    }

    // ---- charts ----

    private static Views.Chart volume(List<JsonNode> weeks, List<String> labels) {
        double[] v = new double[weeks.size()];
        List<String> titles = new ArrayList<>();
        double max = 1;
        for (int i = 0; i < v.length; i++) {
            v[i] = weeks.get(i) == null ? 0 : weeks.get(i).path("decisions").asLong();
            max = Math.max(max, v[i]);
            titles.add("week of " + labels.get(i) + ": " + (long) v[i] + " decisions");
        }
        double top = niceCeiling(max);
        long total = (long) java.util.Arrays.stream(v).sum();
        return new Charts.Plot(v.length, 0, top).axes(labels, 4, x -> String.format(Locale.ROOT, "%.0f", x))
                .bars("bar", v, titles, "decisions per week")
                .chart("volume", "Volume: decisions per week", total + " decisions over " + v.length + " weeks; busiest week " + (long) max + ".");
    }

    private static Views.Chart actions(List<JsonNode> weeks, List<String> labels) {
        Charts.Plot plot = new Charts.Plot(weeks.size(), 0, 1).axes(labels, 4, Charts::fraction);
        String[] kinds = {"accepted", "overridden", "modified", "ignored"};
        StringBuilder summary = new StringBuilder("Share of decided outputs per week by the clinician's first decisive action");
        for (int k = 0; k < kinds.length; k++) {
            Double[] values = new Double[weeks.size()];
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < weeks.size(); i++) {
                JsonNode p = weeks.get(i) == null ? null : weeks.get(i).path("actions").path(kinds[k]);
                values[i] = p != null && p.has("value") && !p.has("tooFew") ? p.path("value").asDouble() : null;
                titles.add(kinds[k] + ", week of " + labels.get(i) + ": " + Pages.proportion(p));
            }
            plot.line("s" + k, values, titles, kinds[k]);
        }
        return plot.chart("actions", "What clinicians did: accept and override rates", summary.append("; weeks with fewer than 30 decided outputs are left blank.").toString());
    }

    private static Views.Chart reviewTime(List<JsonNode> weeks, List<String> labels, Authorization auth) {
        Double[] median = new Double[weeks.size()];
        Double[] p10 = new Double[weeks.size()];
        Double[] p90 = new Double[weeks.size()];
        List<String> titles = new ArrayList<>();
        double max = 1;
        for (int i = 0; i < weeks.size(); i++) {
            JsonNode r = weeks.get(i) == null ? null : weeks.get(i).path("reviewSeconds");
            if (r != null && r.has("median")) {
                median[i] = r.path("median").asDouble();
                p10[i] = r.path("p10").asDouble();
                p90[i] = r.path("p90").asDouble();
                max = Math.max(max, p90[i]);
            }
            titles.add("week of " + labels.get(i) + ": median " + (median[i] == null ? "–" : seconds(median[i])));
        }
        Double minimum = auth != null && auth.oversight() != null ? auth.oversight().minimumReviewSeconds() : null;
        if (minimum != null) {
            max = Math.max(max, minimum);
        }
        double top = niceCeiling(max);
        Charts.Plot plot = new Charts.Plot(weeks.size(), 0, top).axes(labels, 4, DeploymentPage::seconds)
                .band("band", p10, p90, "10th to 90th percentile").line("s0", median, titles, "median");
        if (minimum != null) {
            plot.reference("threshold", minimum, null, null, "minimum review the authorization requires (" + num(minimum) + " s)");
        }
        return plot.chart("review-time", "Time to action: from the output to the clinician's first decisive action",
                "Median and 10th–90th percentile per week" + (minimum != null ? "; the dashed red line is the authorization's minimum review time." : "."));
    }

    private static Views.Chart performanceOverTime(String metric, List<JsonNode> weeks, List<String> labels, JsonNode claim) {
        Double[] value = new Double[weeks.size()];
        Double[] low = new Double[weeks.size()];
        Double[] high = new Double[weeks.size()];
        List<String> titles = new ArrayList<>();
        int shown = 0;
        for (int i = 0; i < weeks.size(); i++) {
            JsonNode f = weeks.get(i) == null ? null : weeks.get(i).path("performance").path(metric);
            if (f != null && f.has("value") && !f.has("tooFew")) {
                value[i] = f.path("value").asDouble();
                low[i] = f.path("ci").path("lower").asDouble(value[i]);
                high[i] = f.path("ci").path("upper").asDouble(value[i]);
                shown++;
            }
            titles.add(metric + ", week of " + labels.get(i) + ": " + (value[i] == null ? "too few cases" : Pages.percent(value[i])
                    + " (" + Pages.percent(low[i]) + "–" + Pages.percent(high[i]) + ")"));
        }
        double c = claim.path("value").asDouble();
        Double cl = claim.has("ciLow") ? claim.path("ciLow").asDouble() : null;
        Double ch = claim.has("ciHigh") ? claim.path("ciHigh").asDouble() : null;
        double bottom = Math.max(0, Math.floor(Math.min(c, java.util.Arrays.stream(low).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).min().orElse(c)) * 10 - 1) / 10);
        if (shown == 0) {
            return null;
        }
        return new Charts.Plot(weeks.size(), bottom, 1).axes(labels, 4, Charts::fraction)
                .band("band", low, high, "observed, 95% interval").line("s0", value, titles, "observed " + metric)
                .reference("claim", c, cl, ch, "claimed on the card (" + Pages.percent(c) + ")")
                .chart("performance-" + metric, "Observed " + metric + " against the claim, by week",
                        "Observed " + metric + " in " + shown + " of " + weeks.size()
                                + " weeks with enough cases, against the card's claim of " + Pages.percent(c) + ".");
    }

    private static Views.Chart subgroups(String metric, JsonNode whole) {
        List<Charts.Row> rows = new ArrayList<>();
        int below = 0;
        for (JsonNode s : whole.path("slices")) {
            String name = s.path("slice").asText();
            if (!name.equals("all") && !name.startsWith("subgroup:")) {
                continue;
            }
            JsonNode f = s.path("performance").path(metric);
            JsonNode claim = f.path("claim");
            if (!claim.has("value")) {
                continue;
            }
            String label = name.equals("all") ? "everyone" : name.substring("subgroup:".length());
            if (f.has("value") && !f.has("tooFew")) {
                rows.add(new Charts.Row(label, f.path("value").asDouble(), f.path("ci").path("lower").asDouble(), f.path("ci").path("upper").asDouble(),
                        claim.path("value").asDouble(), opt(claim, "ciLow"), opt(claim, "ciHigh"), null));
                below += f.path("versusClaim").asText().equals("below claim") ? 1 : 0;
            } else {
                rows.add(new Charts.Row(label, null, null, null, claim.path("value").asDouble(), opt(claim, "ciLow"), opt(claim, "ciHigh"),
                        "too few cases (n " + f.path("n").asLong() + ")"));
            }
        }
        if (rows.size() < 2) {
            return null;
        }
        return Charts.forest("subgroups-" + metric, "Observed " + metric + " per subgroup against the card's claim for it",
                "Since go-live. " + (below == 0 ? "No subgroup is statistically below its claim." : below + " subgroup" + (below == 1 ? " is" : "s are")
                        + " statistically below the claim (whole 95% interval under it)."), rows);
    }

    private static Views.Chart drift(JsonNode whole, Authorization auth) {
        Map<String, JsonNode> latest = new java.util.LinkedHashMap<>();
        for (JsonNode d : whole.path("drift")) {
            latest.put(d.path("feature").asText(), d);
        }
        if (latest.isEmpty()) {
            return null;
        }
        List<String> labels = new ArrayList<>(latest.keySet());
        double[] psi = new double[labels.size()];
        List<String> titles = new ArrayList<>();
        double threshold = auth != null && auth.monitoringThresholds().containsKey("psiMax") ? auth.monitoringThresholds().get("psiMax") : 0.2;
        double max = threshold;
        int judged = 0;
        for (int i = 0; i < labels.size(); i++) {
            JsonNode d = latest.get(labels.get(i));
            psi[i] = d.path("psi").asDouble(0);
            judged += d.has("psi") ? 1 : 0;
            max = Math.max(max, psi[i]);
            titles.add(labels.get(i) + " (version " + d.path("version").asText() + "): "
                    + (d.has("psi") ? "PSI " + String.format(Locale.ROOT, "%.3f", psi[i]) : d.path("tooFew").asText("not judged")));
        }
        List<String> short_ = labels.stream().map(l -> l.replace("attributes.", "").replace("quality.", "")).toList();
        return new Charts.Plot(labels.size(), 0, niceCeiling(max * 1.1)).axes(short_, 4, x -> String.format(Locale.ROOT, "%.2f", x))
                .bars("bar", psi, titles, "population stability index (PSI) of each input, latest version")
                .reference("threshold", threshold, null, null, "drift threshold (" + threshold + ")")
                .chart("drift", "Input drift against the card's baseline", judged + " of " + labels.size()
                        + " inputs had enough cases to judge (200); a bar above the red line has drifted.");
    }

    private static Double opt(JsonNode n, String field) {
        return n.has(field) ? n.path(field).asDouble() : null;
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String seconds(double s) {
        return s >= 3600 ? String.format(Locale.ROOT, "%.1f h", s / 3600) : s >= 120 ? String.format(Locale.ROOT, "%.0f min", s / 60)
                : String.format(Locale.ROOT, "%.0f s", s);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
