package org.onus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Figures checked against published worked examples, to the digits the publications print. */
class StatsKnownAnswerTest {

    /*
     * Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
     * methods. Stat Med 1998;17:857-872, Table I: method 3 (Wilson score) and method 5
     * (Clopper-Pearson exact), 95%, printed to four decimals.
     */
    private static final double[][] NEWCOMBE = {
        // x, n, wilson lower, wilson upper, exact lower, exact upper
        {81, 263, 0.2553, 0.3662, 0.2527, 0.3676},
        {15, 148, 0.0624, 0.1605, 0.0578, 0.1617},
        {0, 20, 0.0000, 0.1611, 0.0000, 0.1684},
        {1, 29, 0.0061, 0.1718, 0.0009, 0.1776},
    };

    @Test
    void wilsonAndClopperPearsonIntervalsMatchNewcombesTable() {
        for (double[] row : NEWCOMBE) {
            Proportion p = new Proportion((long) row[0], (long) row[1]);
            Interval w = p.wilson(0.95);
            Interval e = p.clopperPearson(0.95);
            assertThat(w.lower()).as("wilson lower %s", p).isCloseTo(row[2], within(5e-5));
            assertThat(w.upper()).as("wilson upper %s", p).isCloseTo(row[3], within(5e-5));
            assertThat(e.lower()).as("exact lower %s", p).isCloseTo(row[4], within(5e-5));
            assertThat(e.upper()).as("exact upper %s", p).isCloseTo(row[5], within(5e-5));
        }
    }

    @Test
    void anAllSuccessProportionHasUpperBoundOneAndTheExactLowerBoundIsTheAlphaOverTwoRoot() {
        Interval e = new Proportion(29, 29).clopperPearson(0.95);
        assertThat(e.upper()).isEqualTo(1.0);
        // (lower)^29 = 0.025 when every trial succeeded.
        assertThat(e.lower()).isCloseTo(Math.pow(0.025, 1.0 / 29), within(1e-9));
        assertThat(new Proportion(29, 29).wilson(0.95).upper()).isEqualTo(1.0);
    }

    @Test
    void noTrialsMeansNothingIsKnown() {
        Proportion none = new Proportion(0, 0);
        assertThat(none.estimate()).isNaN();
        assertThat(none.wilson(0.95)).isEqualTo(new Interval(0, 1, 0.95, "wilson"));
        assertThat(none.clopperPearson(0.95)).isEqualTo(new Interval(0, 1, 0.95, "clopper-pearson"));
    }

    /*
     * Hanley JA, McNeil BJ. The meaning and use of the area under a ROC curve. Radiology
     * 1982;143:29-36, Table 1: radiologists' five-point ratings of 109 CT images (58 normal,
     * 51 abnormal); the paper reports W = 0.893 and SE(W) = 0.032.
     */
    @Test
    void aurocAndItsStandardErrorMatchHanleyAndMcNeilsCtRatings() {
        long[] normal = {33, 6, 6, 11, 2};
        long[] abnormal = {3, 2, 2, 11, 33};
        Auroc a = Auroc.fromBins(abnormal, normal);
        assertThat(a.positives()).isEqualTo(51);
        assertThat(a.negatives()).isEqualTo(58);
        assertThat(a.area()).isCloseTo(0.893, within(5e-4));
        assertThat(a.standardError()).isCloseTo(0.032, within(5e-4));
        Interval ci = a.interval(0.95);
        assertThat(ci.lower()).isCloseTo(a.area() - 1.959964 * a.standardError(), within(1e-6));
        assertThat(ci.method()).isEqualTo("hanley-mcneil");
    }

    @Test
    void aPerfectRankingHasAreaOneAndAReversedOneZero() {
        assertThat(Auroc.fromScores(new double[] {0.9, 0.8}, new double[] {0.1, 0.2, 0.3}).area()).isEqualTo(1.0);
        assertThat(Auroc.fromScores(new double[] {0.1}, new double[] {0.5, 0.9}).area()).isEqualTo(0.0);
        assertThat(Auroc.fromScores(new double[] {0.5}, new double[] {0.5}).area()).isEqualTo(0.5);
        assertThat(Auroc.fromBins(new long[] {0, 0}, new long[] {1, 2}).area()).isNaN();
    }

    @Test
    void brierScoreIsTheMeanSquaredDifference() {
        Calibration c = new Calibration(10);
        c.add(0.9, true);
        c.add(0.1, false);
        c.add(0.8, false);
        // (0.1² + 0.1² + 0.8²) / 3 = 0.66 / 3
        assertThat(c.brier()).isCloseTo(0.22, within(1e-12));
        // observed 1, expected 1.8
        assertThat(c.observedExpected()).isCloseTo(1 / 1.8, within(1e-12));
        assertThat(c.bins().get(8).cases()).isEqualTo(1);
        assertThat(c.bins().get(9).observed()).isEqualTo(1.0);
        assertThat(c.bins().get(5).meanPredicted()).isNaN();
    }

    /*
     * Garwood's exact Poisson limits, as tabulated e.g. in Breslow and Day (1987), Table 2.10 and
     * in every Poisson confidence-limit table: O = 0 gives (0, 3.689); O = 10 gives (4.795, 18.39).
     */
    @Test
    void observedOverExpectedUsesGarwoodsExactPoissonLimits() {
        Calibration none = new Calibration(10);
        for (int i = 0; i < 10; i++) {
            none.add(0.1, false);
        }
        Interval zero = none.observedExpectedInterval(0.95);
        assertThat(zero.lower()).isEqualTo(0.0);
        assertThat(zero.upper()).isCloseTo(3.689 / 1.0, within(5e-4));

        Calibration ten = new Calibration(10);
        for (int i = 0; i < 100; i++) {
            ten.add(0.1, i < 10);
        }
        Interval ci = ten.observedExpectedInterval(0.95);
        assertThat(ten.observedExpected()).isCloseTo(1.0, within(1e-9));
        assertThat(ci.lower()).isCloseTo(4.795 / 10, within(5e-4));
        assertThat(ci.upper()).isCloseTo(18.39 / 10, within(5e-3));
    }

    @Test
    void psiOfATenPointShiftBetweenTwoBins() {
        // (0.6 - 0.5) ln(0.6/0.5) + (0.4 - 0.5) ln(0.4/0.5) = 0.1 (ln 1.2 + ln 1.25)
        double expected = 0.1 * (Math.log(1.2) + Math.log(1.25));
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {600, 400})).isCloseTo(expected, within(1e-12));
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {500, 500})).isEqualTo(0.0);
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {0, 0})).isNaN();
    }

    @Test
    void anEmptyBinCountsAsOneInTenThousand() {
        double e = 1e-4;
        double expected = (1 - 0.5) * Math.log(1 / 0.5) + (e - 0.5) * Math.log(e / 0.5);
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {10, 0})).isCloseTo(expected, within(1e-12));
    }
}
