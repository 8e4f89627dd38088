package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.onus.registry.PerformanceClaim;
import org.onus.stats.Auroc;
import org.onus.stats.Calibration;
import org.onus.stats.Interval;
import org.onus.stats.Proportion;
import org.onus.stats.Psi;

/**
 * Renders a deployment's figures for the governance committee: per slice (the whole deployment,
 * each version, site, unit, age band, sex, care setting, ethnicity where recorded, and each
 * subgroup the card names), use and scope figures, then performance once outcomes arrived, each
 * proportion with its n and a 95% Wilson interval beside the card's claim for the same subgroup.
 * A figure resting on fewer than {@link Thresholds#minimumCases()} cases is replaced by a note
 * saying so. Input drift and input quality follow for the deployment as a whole.
 */
final class Report {

    static final double LEVEL = 0.95;

    private Report() {
    }

    static ArrayNode deployments(Aggregator agg, AlertBook book, Monitor.Viewer viewer) {
        ArrayNode out = Rules.JSON.createArrayNode();
        List<DeploymentState> all = new ArrayList<>(agg.deployments.values());
        all.sort(Comparator.comparing(d -> d.key));
        for (DeploymentState d : all) {
            if (viewer != null && viewer.vendor() && (d.system == null || !viewer.onlySystems().contains(d.system))) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("deployment", d.key);
            putText(o, "authorization", d.authorization);
            putText(o, "system", d.system);
            putText(o, "site", d.site);
            putText(o, "latestVersion", d.latestVersion);
            long decisions = 0;
            for (Map<Integer, Cell> bucket : d.days.values()) {
                Cell c = bucket.get(Aggregator.ALL);
                decisions += c == null ? 0 : c.decisions;
            }
            o.put("decisions", decisions);
            if (!d.days.isEmpty()) {
                o.put("firstDay", day(d.days.firstKey()).toString());
                o.put("lastDay", day(d.days.lastKey()).toString());
            }
            o.put("windowDays", d.windowDays);
            o.put("openAlerts", book.alerts.values().stream().filter(a -> a.deployment().equals(d.key) && !a.resolved).count());
        }
        return out;
    }

    static ObjectNode metrics(Aggregator agg, DeploymentState d, Instant from, Instant to) {
        int fromDay = (int) Math.floorDiv(from.toEpochMilli(), Aggregator.DAY_MILLIS);
        int toDay = (int) Math.floorDiv(to.toEpochMilli() - 1, Aggregator.DAY_MILLIS);
        Map<Integer, Cell> sums = d.sum(fromDay, toDay);
        Thresholds th = agg.defaults().over(agg.authorization(d.authorization, to.minusMillis(1)));
        CardContext latest = agg.card(d.system, d.latestVersion, to.minusMillis(1));
        ObjectNode out = Rules.JSON.createObjectNode();
        out.put("deployment", d.key);
        putText(out, "authorization", d.authorization);
        putText(out, "system", d.system);
        putText(out, "site", d.site);
        putText(out, "cardVersion", latest == null ? null : latest.version);
        out.put("from", day(fromDay).toString());
        out.put("to", day(toDay + 1).toString());
        ObjectNode notes = out.putObject("method");
        notes.put("intervals", "95% Wilson score intervals for proportions; Hanley-McNeil for AUROC; Garwood exact Poisson for O/E");
        notes.put("minimumCases", th.minimumCases());
        notes.put("days", "events count on the day of their decision's event time (UTC); outcomes known so far");
        notes.put("reviewTime", "seconds from the decision's event time to the first decisive action, read from bins exact to 15%");
        ArrayNode slices = out.putArray("slices");
        List<Integer> ids = new ArrayList<>(sums.keySet());
        ids.sort(Comparator.comparing(agg.sliceNames::get, Report::sliceOrder));
        for (int id : ids) {
            String name = agg.sliceNames.get(id);
            slices.add(slice(name, sums.get(id), claimsFor(name, latest, agg, d, to), th.minimumCases()));
        }
        Cell all = sums.get(Aggregator.ALL);
        out.set("drift", drift(agg, d, all, th, to));
        out.set("quality", quality(all, latest));
        return out;
    }

    private static int sliceOrder(String a, String b) {
        int ra = rank(a);
        int rb = rank(b);
        return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
    }

    private static int rank(String s) {
        String[] order = {"all", "version:", "site:", "unit:", "subgroup:", "age:", "sex:", "careSetting:", "ethnicity:"};
        for (int i = 0; i < order.length; i++) {
            if (s.startsWith(order[i])) {
                return i;
            }
        }
        return order.length;
    }

    private static List<PerformanceClaim> claimsFor(String slice, CardContext latest, Aggregator agg, DeploymentState d, Instant to) {
        if (slice.equals("all")) {
            return latest == null ? List.of() : latest.overall;
        }
        if (slice.startsWith("subgroup:")) {
            return latest == null ? List.of() : latest.claimsOf(slice.substring(9));
        }
        if (slice.startsWith("version:")) {
            CardContext v = agg.card(d.system, slice.substring(8), to.minusMillis(1));
            return v == null ? List.of() : v.overall;
        }
        return List.of();
    }

    private static ObjectNode slice(String name, Cell c, List<PerformanceClaim> claims, int min) {
        ObjectNode s = Rules.JSON.createObjectNode();
        s.put("slice", name);
        s.put("decisions", c.decisions);
        s.set("viewed", proportion(c.viewed, c.decisions, min));
        s.put("decided", c.decided);
        ObjectNode rates = s.putObject("actions");
        for (int k = 0; k < 4; k++) {
            rates.set(Cell.DECISIVE[k], proportion(c.decisive[k], c.decided, min));
        }
        ObjectNode review = s.putObject("reviewSeconds");
        review.put("n", c.decided);
        if (c.decided >= min) {
            review.put("p10", Rules.round(c.reviewQuantile(0.10)));
            review.put("median", Rules.round(c.reviewQuantile(0.50)));
            review.put("p90", Rules.round(c.reviewQuantile(0.90)));
        } else {
            review.put("tooFew", tooFew(c.decided, min));
        }
        s.set("outsideIntendedPopulation", proportion(c.outsideIntended, c.decisions, min));
        s.set("outsideAuthorizationScope", proportion(c.outsideAuthorized, c.decisions, min));
        s.put("unregisteredVersionEvents", c.unregistered);
        s.put("withOutcome", c.withOutcome);
        ObjectNode perf = s.putObject("performance");
        perf.set("sensitivity", withClaim(proportion(c.tp, c.tp + c.fn, min), "sensitivity", claims));
        perf.set("specificity", withClaim(proportion(c.tn, c.tn + c.fp, min), "specificity", claims));
        perf.set("ppv", withClaim(proportion(c.tp, c.tp + c.fp, min), "ppv", claims));
        perf.set("npv", withClaim(proportion(c.tn, c.tn + c.fn, min), "npv", claims));
        if (c.scorePositive != null) {
            Auroc a = Auroc.fromBins(c.scorePositive, c.scoreNegative);
            ObjectNode au = Rules.JSON.createObjectNode();
            au.put("positives", a.positives());
            au.put("negatives", a.negatives());
            if (a.positives() >= min && a.negatives() >= min) {
                au.put("value", Rules.round(a.area()));
                au.set("ci", interval(a.interval(LEVEL)));
            } else {
                au.put("tooFew", "fewer than " + min + " positives or negatives with a score; no stable figure");
            }
            perf.set("auroc", withClaim(au, "auroc", claims));
        }
        if (c.calibration != null && c.calibration.cases() > 0) {
            Calibration cal = c.calibration;
            ObjectNode cj = perf.putObject("calibration");
            cj.put("n", cal.cases());
            if (cal.cases() >= min) {
                cj.put("brier", Rules.round(cal.brier()));
                withClaim(cj, "brier", claims);
                double oe = cal.observedExpected();
                if (Double.isFinite(oe)) {
                    cj.put("observedExpected", Rules.round(oe));
                    Interval oeci = cal.observedExpectedInterval(LEVEL);
                    if (Double.isFinite(oeci.upper())) {
                        cj.set("observedExpectedCi", interval(oeci));
                    }
                }
                ArrayNode bins = cj.putArray("reliability");
                for (Calibration.Bin b : cal.bins()) {
                    ObjectNode bj = bins.addObject();
                    bj.put("from", b.from());
                    bj.put("to", b.to());
                    bj.put("n", b.cases());
                    if (b.cases() >= min) {
                        bj.put("meanPredicted", Rules.round(b.meanPredicted()));
                        bj.put("observed", Rules.round(b.observed()));
                    } else if (b.cases() > 0) {
                        bj.put("tooFew", tooFew(b.cases(), min));
                    }
                }
            } else {
                cj.put("tooFew", tooFew(cal.cases(), min));
            }
        }
        return s;
    }

    static ObjectNode proportion(long x, long n, int min) {
        ObjectNode o = Rules.JSON.createObjectNode();
        o.put("n", n);
        if (n >= min) {
            o.put("x", x);
            o.put("value", Rules.round((double) x / n));
            o.set("ci", interval(new Proportion(x, n).wilson(LEVEL)));
        } else {
            o.put("tooFew", tooFew(n, min));
        }
        return o;
    }

    private static String tooFew(long n, int min) {
        return n == 0 ? "no cases" : "fewer than " + min + " cases; no stable figure";
    }

    private static ObjectNode withClaim(ObjectNode figure, String metric, List<PerformanceClaim> claims) {
        for (PerformanceClaim c : claims) {
            if (c.metric().equals(metric)) {
                ObjectNode cl = figure.putObject("claim");
                cl.put("value", c.value());
                if (c.ciLow() != null) {
                    cl.put("ciLow", c.ciLow());
                }
                if (c.ciHigh() != null) {
                    cl.put("ciHigh", c.ciHigh());
                }
                if (c.n() != null) {
                    cl.put("n", c.n());
                }
                JsonNode ci = figure.get("ci");
                if (ci != null) {
                    double bar = c.ciLow() != null ? c.ciLow() : c.value();
                    boolean lowerIsBetter = metric.equals("brier");
                    figure.put("versusClaim", lowerIsBetter ? "see value" : ci.get("upper").asDouble() < bar ? "below claim"
                            : ci.get("lower").asDouble() > (c.ciHigh() != null ? c.ciHigh() : c.value()) ? "above claim" : "consistent with claim");
                }
                return figure;
            }
        }
        figure.put("claim", "none on the card for this subgroup");
        return figure;
    }

    static ObjectNode interval(Interval i) {
        ObjectNode o = Rules.JSON.createObjectNode();
        o.put("lower", Rules.round(i.lower()));
        o.put("upper", Rules.round(i.upper()));
        o.put("level", i.level());
        o.put("method", i.method());
        return o;
    }

    private static ArrayNode drift(Aggregator agg, DeploymentState d, Cell all, Thresholds th, Instant to) {
        ArrayNode out = Rules.JSON.createArrayNode();
        if (all == null || all.features == null) {
            return out;
        }
        List<String> keys = new ArrayList<>(all.features.keySet());
        keys.sort(null);
        for (String key : keys) {
            String[] vf = key.split(" ", 2);
            CardContext card = agg.card(d.system, vf[0], to.minusMillis(1));
            CardContext.Feature f = card == null ? null : card.features.stream().filter(x -> x.name().equals(vf[1])).findFirst().orElse(null);
            if (f == null) {
                continue;
            }
            long[] counts = all.features.get(key);
            long n = java.util.Arrays.stream(counts).sum();
            ObjectNode o = out.addObject();
            o.put("version", vf[0]);
            o.put("feature", vf[1]);
            o.put("n", n);
            if (n >= th.minimumDriftCases()) {
                double psi = Psi.of(f.shares(), counts);
                o.put("psi", Rules.round(psi));
                o.put("reading", psi < 0.1 ? "stable" : psi <= 0.2 ? "moderate shift" : "significant shift");
            } else {
                o.put("tooFew", "fewer than " + th.minimumDriftCases() + " inputs; PSI not judged");
            }
            if (th.psiMax() != null) {
                o.put("threshold", th.psiMax());
            }
            o.put("emptyBinShare", Psi.EPSILON);
            ArrayNode bins = o.putArray("bins");
            List<String> labels = f.labels();
            double total = java.util.Arrays.stream(f.shares()).sum();
            for (int i = 0; i < counts.length; i++) {
                ObjectNode b = bins.addObject();
                b.put("bin", labels.get(i));
                b.put("baseline", total == 0 ? 0 : Rules.round(f.shares()[i] / total));
                b.put("observed", n == 0 ? 0 : Rules.round((double) counts[i] / n));
            }
        }
        return out;
    }

    private static ArrayNode quality(Cell all, CardContext card) {
        ArrayNode out = Rules.JSON.createArrayNode();
        if (all == null || all.quality == null || card == null) {
            return out;
        }
        for (var t : card.quality) {
            long[] q = all.quality.get(t.indicator());
            if (q == null) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("indicator", t.indicator());
            if (t.min() != null) {
                o.put("min", t.min());
            }
            if (t.max() != null) {
                o.put("max", t.max());
            }
            o.set("outsideThreshold", proportion(q[1], q[0], 1));
        }
        return out;
    }

    /** One row per slice and figure: slice,metric,n,value,ci_lower,ci_upper,claim,note. */
    static String csv(ObjectNode m) {
        StringBuilder b = new StringBuilder("deployment,from,to,slice,metric,n,value,ci_lower,ci_upper,claim,note\n");
        String prefix = cell(m.path("deployment").asText()) + "," + m.path("from").asText() + "," + m.path("to").asText() + ",";
        for (JsonNode s : m.path("slices")) {
            String slice = cell(s.path("slice").asText());
            row(b, prefix, slice, "decisions", s.path("decisions").asLong(), null);
            row(b, prefix, slice, "viewed", -1, s.get("viewed"));
            s.path("actions").fields().forEachRemaining(e -> row(b, prefix, slice, e.getKey() + "Rate", -1, e.getValue()));
            JsonNode r = s.path("reviewSeconds");
            for (String q : new String[] {"p10", "median", "p90"}) {
                if (r.has(q)) {
                    b.append(prefix).append(slice).append(",reviewSeconds.").append(q).append(',').append(r.path("n").asLong())
                            .append(',').append(r.get(q).asText()).append(",,,,\n");
                }
            }
            row(b, prefix, slice, "outsideIntendedPopulation", -1, s.get("outsideIntendedPopulation"));
            row(b, prefix, slice, "outsideAuthorizationScope", -1, s.get("outsideAuthorizationScope"));
            row(b, prefix, slice, "unregisteredVersionEvents", s.path("unregisteredVersionEvents").asLong(), null);
            s.path("performance").fields().forEachRemaining(e -> {
                if (!e.getKey().equals("calibration")) {
                    row(b, prefix, slice, e.getKey(), -1, e.getValue());
                }
            });
            JsonNode cal = s.path("performance").path("calibration");
            if (cal.has("brier")) {
                b.append(prefix).append(slice).append(",brier,").append(cal.path("n").asLong()).append(',')
                        .append(cal.get("brier").asText()).append(",,,,\n");
            }
        }
        for (JsonNode dft : m.path("drift")) {
            b.append(prefix).append("all,psi ").append(cell(dft.path("version").asText() + " " + dft.path("feature").asText()))
                    .append(',').append(dft.path("n").asLong()).append(',').append(dft.has("psi") ? dft.get("psi").asText() : "")
                    .append(",,,,").append(cell(dft.path("tooFew").asText(""))).append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String prefix, String slice, String metric, long count, JsonNode p) {
        b.append(prefix).append(slice).append(',').append(metric).append(',');
        if (p == null) {
            b.append(count).append(',').append(count).append(",,,,\n");
            return;
        }
        JsonNode claim = p.get("claim");
        b.append(p.path("n").asLong(p.path("positives").asLong())).append(',')
                .append(p.has("value") ? p.get("value").asText() : "").append(',')
                .append(p.has("ci") ? p.get("ci").get("lower").asText() : "").append(',')
                .append(p.has("ci") ? p.get("ci").get("upper").asText() : "").append(',')
                .append(claim != null && claim.isObject() ? claim.path("value").asText() : "").append(',')
                .append(cell(p.has("tooFew") ? p.get("tooFew").asText() : p.path("versusClaim").asText(""))).append('\n');
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void putText(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    static Instant day(int day) {
        return Instant.ofEpochMilli(day * Aggregator.DAY_MILLIS);
    }
}
