package org.onus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.BinomialDistribution;

/** Properties that hold for any data, each checked against a computation made another way. */
class StatsProperties {

    @Property
    void wilsonIntervalLiesInTheUnitIntervalAndContainsTheEstimate(@ForAll @IntRange(min = 1, max = 5000) int n,
                                                                  @ForAll @DoubleRange(min = 0, max = 1) double share) {
        long x = Math.round(share * n);
        Proportion p = new Proportion(x, n);
        Interval w = p.wilson(0.95);
        assertThat(w.lower()).isBetween(0.0, 1.0);
        assertThat(w.upper()).isBetween(0.0, 1.0);
        assertThat(w.contains(p.estimate())).isTrue();
    }

    /** The exact bounds are the binomial tail roots: P(X ≥ x | lower) = α/2 and P(X ≤ x | upper) = α/2. */
    @Property(tries = 200)
    void clopperPearsonBoundsAreTheBinomialTailRoots(@ForAll @IntRange(min = 2, max = 2000) int n,
                                                    @ForAll @DoubleRange(min = 0, max = 1) double share) {
        long x = Math.round(share * n);
        Assume.that(x > 0 && x < n);
        Interval e = new Proportion(x, n).clopperPearson(0.95);
        double upperTailAtLower = 1 - new BinomialDistribution(null, n, e.lower()).cumulativeProbability((int) x - 1);
        double lowerTailAtUpper = new BinomialDistribution(null, n, e.upper()).cumulativeProbability((int) x);
        assertThat(upperTailAtLower).isCloseTo(0.025, within(1e-6));
        assertThat(lowerTailAtUpper).isCloseTo(0.025, within(1e-6));
    }

    @Property
    void aurocFromBinsIsTheShareOfConcordantPairsCountedOneByOne(@ForAll @Size(min = 1, max = 8) List<@IntRange(max = 20) Integer> pos,
                                                                 @ForAll @Size(min = 1, max = 8) List<@IntRange(max = 20) Integer> neg) {
        int bins = Math.min(pos.size(), neg.size());
        long[] p = new long[bins];
        long[] q = new long[bins];
        for (int i = 0; i < bins; i++) {
            p[i] = pos.get(i);
            q[i] = neg.get(i);
        }
        double concordant = 0;
        long pairs = 0;
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                long k = p[i] * q[j];
                pairs += k;
                concordant += i > j ? k : i == j ? k / 2.0 : 0;
            }
        }
        Auroc a = Auroc.fromBins(p, q);
        if (pairs == 0) {
            assertThat(a.area()).isNaN();
        } else {
            assertThat(a.area()).isCloseTo(concordant / pairs, within(1e-12));
            assertThat(a.interval(0.95).contains(a.area())).isTrue();
        }
    }

    @Property
    void aurocFromScoresIsUnchangedByAMonotoneTransform(@ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0, max = 1) Double> pos,
                                                        @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0, max = 1) Double> neg) {
        double[] p = pos.stream().mapToDouble(Double::doubleValue).toArray();
        double[] q = neg.stream().mapToDouble(Double::doubleValue).toArray();
        double[] p3 = pos.stream().mapToDouble(v -> v * v * v + 2).toArray();
        double[] q3 = neg.stream().mapToDouble(v -> v * v * v + 2).toArray();
        assertThat(Auroc.fromScores(p3, q3).area()).isEqualTo(Auroc.fromScores(p, q).area());
        double flipped = Auroc.fromScores(q, p).area();
        assertThat(Auroc.fromScores(p, q).area() + flipped).isCloseTo(1.0, within(1e-12));
    }

    @Property
    void calibrationOfTwoMergedHalvesEqualsCalibrationOfTheWhole(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> ps,
                                                                @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        Calibration whole = new Calibration(10);
        Calibration a = new Calibration(10);
        Calibration b = new Calibration(10);
        double squared = 0;
        for (int i = 0; i < ps.size(); i++) {
            double p = ps.get(i);
            boolean y = r.nextDouble() < p;
            whole.add(p, y);
            (i % 2 == 0 ? a : b).add(p, y);
            squared += (p - (y ? 1 : 0)) * (p - (y ? 1 : 0));
        }
        a.merge(b);
        assertThat(a.brier()).isCloseTo(whole.brier(), within(1e-12));
        assertThat(whole.brier()).isCloseTo(squared / ps.size(), within(1e-12));
        assertThat(a.bins()).hasSize(10);
        assertThat(a.bins().stream().mapToLong(Calibration.Bin::cases).sum()).isEqualTo(ps.size());
    }

    @Property
    void psiIsNeverNegativeAndZeroOnlyWhenTheSharesAgree(@ForAll @Size(min = 2, max = 10) List<@IntRange(min = 1, max = 1000) Integer> counts) {
        long[] observed = counts.stream().mapToLong(Integer::longValue).toArray();
        long total = java.util.Arrays.stream(observed).sum();
        double[] same = java.util.Arrays.stream(observed).mapToDouble(c -> (double) c / total).toArray();
        assertThat(Psi.of(same, observed)).isCloseTo(0.0, within(1e-12));
        double[] uniform = new double[observed.length];
        java.util.Arrays.fill(uniform, 1.0 / observed.length);
        assertThat(Psi.of(uniform, observed)).isGreaterThanOrEqualTo(0.0);
    }
}
