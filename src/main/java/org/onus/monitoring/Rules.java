package org.onus.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.registry.PerformanceClaim;
import org.onus.stats.Interval;
import org.onus.stats.Proportion;
import org.onus.stats.Psi;

/**
 * The alert rules, read off a deployment's sliding-window sums. Each rule asks for evidence, not
 * a point estimate past a line: a rate is "above X" when its Wilson lower bound is, performance
 * is "below the claim" when its Clopper–Pearson upper bound lies below the claim's lower
 * confidence bound (or its value when the card gives no interval), the median review time is
 * "below Z" when the exact lower bound of the share of decisions faster than Z exceeds one half
 * (a sign test), and drift is PSI above the threshold once enough inputs were seen. No rule
 * judges a slice's figure resting on fewer than {@link Thresholds#minimumCases()} cases: an exact
 * interval would allow it, but dozens of small subgroups evaluated again and again would page for
 * noise. The whole deployment is one look, not dozens, so there the exact interval decides from
 * {@link Thresholds#minimumCasesWhole()} cases on: a rare condition (a few cancers a week) must
 * not make a collapse of sensitivity invisible for months.
 */
final class Rules {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A rule that holds now. {@code key} names the rule, deployment and subject; it identifies an episode. */
    record Crossing(String key, String rule, String slice, String subject, boolean postMarketSignal, ObjectNode figures) {
    }

    private Rules() {
    }

    static List<Crossing> evaluate(DeploymentState d, Aggregator agg) {
        List<Crossing> out = new ArrayList<>();
        if (d.endDay == Integer.MIN_VALUE) {
            return out;
        }
        java.time.Instant end = java.time.Instant.ofEpochMilli((d.endDay + 1L) * Aggregator.DAY_MILLIS);
        Thresholds th = agg.defaults().over(agg.authorization(d.authorization, end.minusMillis(1)));
        CardContext latest = agg.card(d.system, d.latestVersion, end.minusMillis(1));
        double level = th.alertLevel();
        Cell whole = d.window.get(Aggregator.ALL);
        for (Map.Entry<Integer, Cell> e : d.window.entrySet()) {
            String slice = agg.sliceNames.get(e.getKey());
            Cell c = e.getValue();
            int minimum = e.getKey() == Aggregator.ALL ? th.minimumCasesWhole() : th.minimumCases();
            if (whole != null && c != whole && e.getKey() != Aggregator.ALL && c.decisions == whole.decisions) {
                continue; // the slice is the whole deployment in this window (one version, one unit): one alert, not several
            }
            boolean operational = slice.equals("all") || slice.startsWith("unit:") || slice.startsWith("site:") || slice.startsWith("version:");
            if (operational && th.overrideRateMax() != null) {
                rateAbove(out, d, slice, "override-rate-above-threshold", "overrideRate", c.decisive[Cell.OVERRIDDEN], c.decided,
                        th.overrideRateMax(), level, minimum);
            }
            if (operational && th.outOfScopeShareMax() != null) {
                rateAbove(out, d, slice, "out-of-scope-share-above-threshold", "outOfScopeShare", c.outsideAuthorized, c.decisions,
                        th.outOfScopeShareMax(), level, minimum);
            }
            // each screen below skips an exact interval that cannot cross: the bound lies beyond the estimate
            if (operational && th.medianReviewSecondsMin() != null && c.decided >= minimum && 2 * c.fastDecisions > c.decided) {
                Interval ci = new Proportion(c.fastDecisions, c.decided).clopperPearson(level);
                if (ci.lower() > 0.5) {
                    ObjectNode f = figures("shareFasterThanMinimum", c.fastDecisions, c.decided, ci);
                    f.put("medianReviewSeconds", round(c.reviewQuantile(0.5)));
                    f.put("threshold", th.medianReviewSecondsMin());
                    out.add(new Crossing(key(d, "median-review-time-below-threshold", slice), "median-review-time-below-threshold",
                            slice, null, false, f));
                }
            }
            if (th.sensitivityFloor() != null) {
                floor(out, d, slice, "sensitivity", c.tp, c.tp + c.fn, th.sensitivityFloor(), level, minimum);
            }
            if (th.specificityFloor() != null) {
                floor(out, d, slice, "specificity", c.tn, c.tn + c.fp, th.specificityFloor(), level, minimum);
            }
            List<PerformanceClaim> claims = claims(slice, latest, agg, d, end);
            for (PerformanceClaim claim : claims) {
                long[] xn = switch (claim.metric()) {
                    case "sensitivity" -> new long[] {c.tp, c.tp + c.fn};
                    case "specificity" -> new long[] {c.tn, c.tn + c.fp};
                    case "ppv" -> new long[] {c.tp, c.tp + c.fp};
                    case "npv" -> new long[] {c.tn, c.tn + c.fn};
                    default -> null;
                };
                double bar = claim.ciLow() != null ? claim.ciLow() : claim.value();
                if (xn == null || xn[1] < minimum || (double) xn[0] / xn[1] >= bar) {
                    continue;
                }
                Interval ci = new Proportion(xn[0], xn[1]).clopperPearson(level);
                if (ci.upper() < bar) {
                    ObjectNode f = figures(claim.metric(), xn[0], xn[1], ci);
                    ObjectNode cl = f.putObject("claim");
                    cl.put("value", claim.value());
                    if (claim.ciLow() != null) {
                        cl.put("ciLow", claim.ciLow());
                    }
                    if (claim.ciHigh() != null) {
                        cl.put("ciHigh", claim.ciHigh());
                    }
                    if (claim.n() != null) {
                        cl.put("n", claim.n());
                    }
                    String rule = claim.metric() + "-below-claim";
                    out.add(new Crossing(key(d, rule, slice), rule, slice, null, true, f));
                }
            }
        }
        Cell all = d.window.get(Aggregator.ALL);
        if (all != null && all.features != null && th.psiMax() != null) {
            for (Map.Entry<String, long[]> f : all.features.entrySet()) {
                String[] vf = f.getKey().split(" ", 2);
                CardContext card = agg.card(d.system, vf[0], end.minusMillis(1));
                CardContext.Feature feature = card == null ? null : card.features.stream()
                        .filter(x -> x.name().equals(vf[1])).findFirst().orElse(null);
                long n = java.util.Arrays.stream(f.getValue()).sum();
                if (feature == null || n < th.minimumDriftCases()) {
                    continue;
                }
                double psi = Psi.of(feature.shares(), f.getValue());
                if (psi > th.psiMax()) {
                    ObjectNode fig = JSON.createObjectNode();
                    fig.put("metric", "psi");
                    fig.put("feature", vf[1]);
                    fig.put("version", vf[0]);
                    fig.put("observed", round(psi));
                    fig.put("n", n);
                    fig.put("threshold", th.psiMax());
                    fig.put("epsilon", Psi.EPSILON);
                    String subject = vf[0] + " " + vf[1];
                    out.add(new Crossing(key(d, "input-drift", "all") + "|" + subject, "input-drift", "all", subject, false, fig));
                }
            }
        }
        return out;
    }

    private static List<PerformanceClaim> claims(String slice, CardContext latest, Aggregator agg, DeploymentState d, java.time.Instant end) {
        if (slice.equals("all")) {
            return latest == null ? List.of() : latest.overall;
        }
        if (slice.startsWith("subgroup:")) {
            return latest == null ? List.of() : latest.claimsOf(slice.substring(9));
        }
        if (slice.startsWith("version:")) {
            CardContext v = agg.card(d.system, slice.substring(8), end.minusMillis(1));
            return v == null ? List.of() : v.overall;
        }
        return List.of();
    }

    private static void rateAbove(List<Crossing> out, DeploymentState d, String slice, String rule, String metric, long x, long n,
                                  double max, double level, int minimum) {
        if (n < minimum || (double) x / n <= max) {
            return;
        }
        Interval ci = new Proportion(x, n).wilson(level);
        if (ci.lower() > max) {
            ObjectNode f = figures(metric, x, n, ci);
            f.put("threshold", max);
            out.add(new Crossing(key(d, rule, slice), rule, slice, null, false, f));
        }
    }

    private static void floor(List<Crossing> out, DeploymentState d, String slice, String metric, long x, long n, double floor,
                              double level, int minimum) {
        // the authorization's floors hold for the deployment and its units and versions; subgroups are
        // measured against the card's own claims for them, which may disclose a known gap
        if (n < minimum || (double) x / n >= floor || !(slice.equals("all") || slice.startsWith("unit:") || slice.startsWith("site:") || slice.startsWith("version:"))) {
            return;
        }
        Interval ci = new Proportion(x, n).clopperPearson(level);
        if (ci.upper() < floor) {
            ObjectNode f = figures(metric, x, n, ci);
            f.put("threshold", floor);
            String rule = metric + "-below-floor";
            out.add(new Crossing(key(d, rule, slice), rule, slice, null, false, f));
        }
    }

    static ObjectNode figures(String metric, long x, long n, Interval ci) {
        ObjectNode f = JSON.createObjectNode();
        f.put("metric", metric);
        f.put("observed", round((double) x / n));
        f.put("x", x);
        f.put("n", n);
        ObjectNode i = f.putObject("ci");
        i.put("lower", round(ci.lower()));
        i.put("upper", round(ci.upper()));
        i.put("level", ci.level());
        i.put("method", ci.method());
        return f;
    }

    static String key(DeploymentState d, String rule, String slice) {
        return d.key + "|" + rule + "|" + slice;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }
}
