package org.onus.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistical honesty, on streams whose truth the test sets: silence when nothing changes, and
 * alerts when sensitivity drops, one input drifts, or one subgroup degrades, each checked
 * against figures the stream tallied itself.
 */
class SyntheticStreamTest {

    static final Map<String, Double> THRESHOLDS = Map.of("overrideRateMax", 0.20, "outOfScopeShareMax", 0.05, "psiMax", 0.2,
            "medianReviewSecondsMin", 20.0, "windowDays", 7.0);

    @TempDir
    Path dir;

    /**
     * Eight deployments for 180 days each, everything as the card claims: no alert at all. With
     * 8 × 180 / 365 = 3.9 deployment-years and no false alarm, the false-alarm rate at these
     * thresholds is below 3 / 3.9 = 0.77 per deployment-year with 95% confidence (rule of three).
     * {@code -Donus.stableDeployments=40} runs 19.7 deployment-years to measure the rate (see
     * BENCHMARKS.md: one alert, 0.05 per deployment-year); it then asserts fewer than one false
     * alarm per two deployment-years. The count of alerts raised is printed either way.
     */
    @Test
    void aStableStreamOver180DaysRaisesNoAlert() {
        int deployments = Integer.getInteger("onus.stableDeployments", 8);
        try (SyntheticStream s = new SyntheticStream(dir, deployments, 1, THRESHOLDS)) {
            for (int day = 0; day < 180; day++) {
                s.day(day, k -> SyntheticStream.Truth.asClaimed());
            }
            List<JsonNode> alerts = s.alerts();
            double years = deployments * 180 / 365.0;
            System.out.printf("stable stream: %d alerts over %.1f deployment-years%n", alerts.size(), years);
            if (deployments <= 8) {
                assertThat(alerts).isEmpty();
            } else {
                assertThat(alerts.size() / years).as("false alarms per deployment-year").isLessThan(0.5);
            }

            // the figures are the stream's own tally, with an interval computed here
            JsonNode m = s.monitor.metrics("auth-3", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null).orElseThrow();
            JsonNode all = slice(m, "all");
            SyntheticStream.Tally t = s.tally("auth-3");
            JsonNode sens = all.path("performance").path("sensitivity");
            assertThat(sens.path("n").asLong()).isEqualTo(t.tp + t.fn);
            assertThat(sens.path("x").asLong()).isEqualTo(t.tp);
            double[] wilson = wilson95(t.tp, t.tp + t.fn);
            assertThat(sens.path("ci").path("lower").asDouble()).isCloseTo(wilson[0], within(1e-5));
            assertThat(sens.path("ci").path("upper").asDouble()).isCloseTo(wilson[1], within(1e-5));
            assertThat(sens.path("claim").path("value").asDouble()).isEqualTo(0.90);
            assertThat(all.path("decisions").asLong()).isEqualTo(t.decisions);
            assertThat(all.path("actions").path("overridden").path("x").asLong()).isEqualTo(t.overridden);
            assertThat(all.path("performance").path("specificity").path("n").asLong()).isEqualTo(t.tn + t.fp);
            JsonNode sub = slice(m, "subgroup:age 70-79");
            assertThat(sub.path("performance").path("sensitivity").path("n").asLong())
                    .isEqualTo(s.tally("auth-3 age 70-79").tp + s.tally("auth-3 age 70-79").fn);
            for (JsonNode d : m.path("drift")) {
                assertThat(d.path("psi").asDouble()).as(d.path("feature").asText()).isLessThan(0.05);
            }
        }
    }

    /**
     * Sensitivity falls from 0.90 to 0.70 on day 60 (about 20 positives a day). The post-market
     * signal must come within 150 positive outcomes recorded after the drop; the figure measured
     * is printed.
     */
    @Test
    void aTwentyPointDropInSensitivityIsFlaggedAsAPostMarketSignalWithinAStatedNumberOfOutcomes() {
        try (SyntheticStream s = new SyntheticStream(dir, 1, 2, THRESHOLDS)) {
            long positivesBefore = 0;
            JsonNode alert = null;
            long positivesAtAlert = -1;
            for (int day = 0; day < 100 && alert == null; day++) {
                int d = day;
                s.day(day, k -> d < 60 ? SyntheticStream.Truth.asClaimed() : SyntheticStream.Truth.asClaimed().withSensitivity(0.70));
                if (day == 59) {
                    positivesBefore = s.tally("auth-0").tp + s.tally("auth-0").fn;
                    assertThat(s.alerts()).as("before the drop").isEmpty();
                }
                List<JsonNode> raised = s.alerts().stream().filter(a -> a.path("rule").asText().equals("sensitivity-below-claim")
                        && a.path("slice").asText().equals("all")).toList();
                if (!raised.isEmpty()) {
                    alert = raised.get(0);
                    positivesAtAlert = s.tally("auth-0").tp + s.tally("auth-0").fn;
                }
            }
            assertThat(alert).as("a sensitivity-below-claim alert").isNotNull();
            long after = positivesAtAlert - positivesBefore;
            System.out.println("sensitivity drop flagged after " + after + " positive outcomes (at most one day's worth late)");
            assertThat(after).isBetween(1L, 150L);
            assertThat(alert.path("postMarketSignal").asBoolean()).isTrue();
            assertThat(alert.path("addressees").findValuesAsText("party")).containsExactly("committee", "acme");
            assertThat(alert.path("figures").path("ci").path("upper").asDouble()).isLessThan(0.87);
            assertThat(alert.path("figures").path("claim").path("ciLow").asDouble()).isEqualTo(0.87);
            assertThat(alert.path("window").path("days").asInt()).isEqualTo(7);
            assertThat(alert.path("respondBy").asText()).isNotEmpty();
        }
    }

    @Test
    void driftInjectedInOneFeatureIsFlaggedAndTheOthersAreNot() {
        try (SyntheticStream s = new SyntheticStream(dir, 1, 3, THRESHOLDS)) {
            for (int day = 0; day < 40; day++) {
                int d = day;
                // from day 30 the signal-to-noise drops by two standard deviations
                s.day(day, k -> d < 30 ? SyntheticStream.Truth.asClaimed() : SyntheticStream.Truth.asClaimed().withSnrMean(34));
            }
            List<JsonNode> drift = s.alerts().stream().filter(a -> a.path("rule").asText().equals("input-drift")).toList();
            assertThat(drift).extracting(a -> a.path("figures").path("feature").asText()).containsExactly("quality.snrDb");
            assertThat(drift.get(0).path("figures").path("observed").asDouble()).isGreaterThan(0.2);
            assertThat(drift.get(0).path("postMarketSignal").asBoolean()).isFalse();

            // PSI of the last 7 days against the declared baseline, computed here from the stream's own draws
            JsonNode m = s.monitor.metrics("auth-0", SyntheticStream.START.plus(java.time.Duration.ofDays(33)),
                    SyntheticStream.START.plus(java.time.Duration.ofDays(40)), null).orElseThrow();
            JsonNode snr = null;
            for (JsonNode f : m.path("drift")) {
                if (f.path("feature").asText().equals("quality.snrDb")) {
                    snr = f;
                } else {
                    assertThat(f.path("psi").asDouble()).as(f.path("feature").asText()).isLessThan(0.1);
                }
            }
            assertThat(snr).isNotNull();
            double psi = 0;
            double[] base = SyntheticStream.snrShares();
            double baseTotal = java.util.Arrays.stream(base).sum();
            JsonNode bins = snr.path("bins");
            for (int i = 0; i < bins.size(); i++) {
                double e = Math.max(1e-4, i == 0 || i == bins.size() - 1 ? 0 : base[i - 1] / baseTotal);
                double a = Math.max(1e-4, bins.get(i).path("observed").asDouble());
                psi += (a - e) * Math.log(a / e);
            }
            assertThat(snr.path("psi").asDouble()).isCloseTo(psi, within(1e-3));
        }
    }

    @Test
    void aSubgroupWithDegradedPerformanceIsFlaggedWhileTheOverallFigureStillLooksFine() {
        Map<String, Double> longer = new java.util.HashMap<>(THRESHOLDS);
        longer.put("windowDays", 30.0);
        try (SyntheticStream s = new SyntheticStream(dir, 1, 4, longer)) {
            for (int day = 0; day < 60; day++) {
                s.day(day, k -> SyntheticStream.Truth.asClaimed().withSensitivityAge70(0.60));
            }
            List<JsonNode> alerts = s.alerts();
            assertThat(alerts).extracting(a -> a.path("rule").asText() + " " + a.path("slice").asText())
                    .contains("sensitivity-below-claim subgroup:age 70-79")
                    .doesNotContain("sensitivity-below-claim all");
            JsonNode m = s.monitor.metrics("auth-0", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null).orElseThrow();
            SyntheticStream.Tally all = s.tally("auth-0");
            SyntheticStream.Tally old = s.tally("auth-0 age 70-79");
            JsonNode overall = slice(m, "all").path("performance").path("sensitivity");
            JsonNode sub = slice(m, "subgroup:age 70-79").path("performance").path("sensitivity");
            assertThat(overall.path("value").asDouble()).isCloseTo((double) all.tp / (all.tp + all.fn), within(1e-6));
            assertThat(overall.path("versusClaim").asText()).isEqualTo("consistent with claim");
            assertThat(sub.path("value").asDouble()).isCloseTo((double) old.tp / (old.tp + old.fn), within(1e-6));
            assertThat(sub.path("versusClaim").asText()).isEqualTo("below claim");
        }
    }

    static JsonNode slice(JsonNode metrics, String name) {
        for (JsonNode s : metrics.path("slices")) {
            if (s.path("slice").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no slice " + name + " in " + metrics.path("slices").findValuesAsText("slice"));
    }

    /** Wilson's score interval at 95%, written out here independently of org.onus.stats. */
    static double[] wilson95(long x, long n) {
        double z = 1.959963984540054;
        double p = (double) x / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {centre - half, centre + half};
    }
}
