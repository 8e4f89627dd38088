package org.onus.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The simulated behaviour looks like a hospital's: rates in the ranges the literature and the
 * cards suggest, and the planted signals strong enough for monitoring to find at full scale.
 */
class PlausibleRatesTest {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void aQuarterScaleHospitalBehavesPlausibly() {
        Tally t = new Tally(new DemoHospital(11L, START, 0.25));
        // Radiologists disagree with a few percent of reads; ED physicians override about a third of risk alerts.
        assertThat(t.overrideRate("lumina-mammo", null, 0, 90)).isBetween(0.03, 0.12);
        assertThat(t.overrideRate("sentinel-srs", "lakeshore-ed", 0, 90)).isBetween(0.20, 0.45);
        assertThat(t.overrideRate("surgenix-orion", null, 0, 90)).isBetween(0.02, 0.10);
        assertThat(t.overrideRate("scribewell-ambient", "koeln-medicine", 0, 90)).isBetween(0.01, 0.08);
        // Automation bias: Lakeshore ED signs scribe drafts within seconds; everyone else takes minutes.
        assertThat(t.medianReviewSeconds("scribewell-ambient", "lakeshore-ed")).isLessThan(10);
        assertThat(t.medianReviewSeconds("scribewell-ambient", "lakeshore-primary-care")).isGreaterThan(60);
        assertThat(t.medianReviewSeconds("lumina-mammo", "koeln-screening")).isBetween(30.0, 90.0);
        // AI-positive rates near the cards' operating points: ~9% of mammograms, ~8-10% of ED visits.
        assertThat(share(t, "lumina-mammo")).isCloseTo(0.09, within(0.03));
        assertThat(share(t, "sentinel-srs")).isCloseTo(0.09, within(0.04));
        assertThat(t.outcomeCoverage()).isGreaterThan(0.6);
    }

    @Test
    void theFullHospitalHasMoreThanAHundredThousandDecisionsAndItsDriftShows() {
        long t0 = System.nanoTime();
        DemoHospital h = new DemoHospital(20260601L, START, 1.0);
        Tally t = new Tally(h);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("demo hospital at scale 1: %d records, %d decisions in %d ms%n", t.records, t.decisions.size(), ms);
        assertThat(t.decisions).hasSizeGreaterThanOrEqualTo(100_000);
        double before = t.sensitivity("lumina-mammo", "site-lakeshore", 0, Mammography.DRIFT_DAY);
        double after = t.sensitivity("lumina-mammo", "site-lakeshore", Mammography.DRIFT_DAY, 90);
        assertThat(before).isBetween(0.78, 0.95);
        assertThat(after).isLessThan(before - 0.12);
        assertThat(t.sensitivity("lumina-mammo", "site-koeln", Mammography.DRIFT_DAY, 90)).isGreaterThan(0.75);
        assertThat(t.outcomeCoverage()).isGreaterThan(0.6);
        // Alert fatigue in the Köln ED: the override rate climbs from about 0.3 after day 45.
        assertThat(t.overrideRate("sentinel-srs", "koeln-ed", 0, 45)).isBetween(0.22, 0.40);
        assertThat(t.overrideRate("sentinel-srs", "koeln-ed", 75, 90)).isGreaterThan(0.50);
    }

    private static double share(Tally t, String system) {
        long all = t.decisions.values().stream().filter(d -> d.system.equals(system) && !d.flagged).count();
        long pos = t.decisions.values().stream().filter(d -> d.system.equals(system) && !d.flagged && d.aiPositive).count();
        return (double) pos / all;
    }
}
