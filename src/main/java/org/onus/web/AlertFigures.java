package org.onus.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * An alert's figures in the words a CMIO reads them: what was observed, out of how many, and what
 * it is held against, each in its own unit. The monitor's figures name a metric and give its
 * observed value, interval and threshold or claim; their units differ by rule (the review-time
 * alert compares a share of decisions with a number of seconds), so each rule is read its own way.
 */
final class AlertFigures {

    private AlertFigures() {
    }

    static String describe(JsonNode f) {
        String metric = f.path("metric").asText("");
        long x = f.path("x").asLong();
        long n = f.path("n").asLong();
        switch (metric) {
            case "shareFasterThanMinimum":
                return (x == n ? "all " + n : x + " of " + n) + " decision" + (n == 1 ? "" : "s") + " decided faster than the "
                        + number(f.path("threshold").asDouble()) + " s minimum review"
                        + (f.has("medianReviewSeconds") ? " (median " + number(f.path("medianReviewSeconds").asDouble()) + " s)" : "")
                        + interval(f, "share ");
            case "psi":
                return "PSI " + number(f.path("observed").asDouble()) + " against " + number(f.path("threshold").asDouble())
                        + (f.has("feature") ? " for " + f.path("feature").asText() : "")
                        + (f.has("version") ? " (version " + f.path("version").asText() + ")" : "")
                        + (f.has("n") ? ", over " + n + " cases" : "");
            default:
                String name = metric.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
                StringBuilder s = new StringBuilder(name).append(' ').append(number(f.path("observed").asDouble()));
                if (f.has("x")) {
                    s.append(" (").append(x).append(" of ").append(n).append(')');
                }
                s.append(interval(f, ""));
                if (f.path("claim").has("value")) {
                    JsonNode c = f.path("claim");
                    s.append(", against the claim ").append(number(c.path("value").asDouble()));
                    if (c.has("ciLow") && c.has("ciHigh")) {
                        s.append(" (claimed interval ").append(number(c.path("ciLow").asDouble())).append('–')
                                .append(number(c.path("ciHigh").asDouble())).append(')');
                    }
                } else if (f.has("threshold")) {
                    boolean floor = metric.equals("sensitivity") || metric.equals("specificity") || metric.equals("ppv") || metric.equals("npv");
                    s.append(", against the ").append(floor ? "floor " : "maximum ").append(number(f.path("threshold").asDouble()));
                }
                return s.toString();
        }
    }

    /** ", 99% interval 0.61–0.76" from the figures' {@code ci}, or nothing. */
    private static String interval(JsonNode f, String of) {
        JsonNode ci = f.path("ci");
        if (!ci.has("lower")) {
            return "";
        }
        String level = ci.has("level") ? number(ci.path("level").asDouble() * 100) + "% " : "";
        return ", " + level + "interval " + (of.isEmpty() ? "" : "of the " + of) + number(ci.path("lower").asDouble()) + "–"
                + number(ci.path("upper").asDouble());
    }

    /** Whole numbers without a decimal point, fractions to three significant places. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return Math.abs(v) < 1 ? trim(String.format(Locale.ROOT, "%.3f", v)) : trim(String.format(Locale.ROOT, "%.1f", v));
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
