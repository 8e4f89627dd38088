package org.onus.stats;

/**
 * The area under the ROC curve, computed as the Mann–Whitney statistic: the probability that a
 * randomly chosen positive scores higher than a randomly chosen negative, ties counting one half.
 * Its interval is Hanley and McNeil's (Radiology 1982;143:29–36), A ± z·SE with
 * SE² = (A(1−A) + (n₁−1)(Q₁−A²) + (n₂−1)(Q₂−A²)) / (n₁n₂), Q₁ = A/(2−A), Q₂ = 2A²/(1+A),
 * clipped to [0, 1].
 *
 * <p>Monitoring keeps scores in fixed bins; {@link #fromBins} treats scores in the same bin as
 * tied, which is exactly the Mann–Whitney statistic of the binned scores (and with fine bins,
 * within a bin's width of the unbinned one).
 */
public record Auroc(double area, long positives, long negatives) {

    /**
     * From per-bin counts, bins in ascending order of score: {@code positives[i]} and
     * {@code negatives[i]} are the cases of each kind whose score fell in bin i.
     */
    public static Auroc fromBins(long[] positives, long[] negatives) {
        if (positives.length != negatives.length) {
            throw new IllegalArgumentException("bin counts differ in length");
        }
        long nPos = 0;
        long nNeg = 0;
        for (int i = 0; i < positives.length; i++) {
            nPos += positives[i];
            nNeg += negatives[i];
        }
        if (nPos == 0 || nNeg == 0) {
            return new Auroc(Double.NaN, nPos, nNeg);
        }
        // For each positive bin: negatives strictly below count 1, negatives in the same bin 1/2.
        double wins = 0;
        long negativesBelow = 0;
        for (int i = 0; i < positives.length; i++) {
            wins += positives[i] * (negativesBelow + negatives[i] / 2.0);
            negativesBelow += negatives[i];
        }
        return new Auroc(wins / ((double) nPos * nNeg), nPos, nNeg);
    }

    /** From raw scores (an O(n log n) rank sum would do; monitoring uses bins, tests use this). */
    public static Auroc fromScores(double[] positiveScores, double[] negativeScores) {
        if (positiveScores.length == 0 || negativeScores.length == 0) {
            return new Auroc(Double.NaN, positiveScores.length, negativeScores.length);
        }
        double[] neg = negativeScores.clone();
        java.util.Arrays.sort(neg);
        double wins = 0;
        for (double p : positiveScores) {
            int below = lowerBound(neg, p);
            int notAbove = upperBound(neg, p);
            wins += below + (notAbove - below) / 2.0;
        }
        return new Auroc(wins / ((double) positiveScores.length * neg.length), positiveScores.length, neg.length);
    }

    /** Hanley and McNeil's standard error; NaN when either class is empty. */
    public double standardError() {
        double a = area;
        if (Double.isNaN(a)) {
            return Double.NaN;
        }
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double variance = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(0, variance));
    }

    /** Hanley–McNeil interval; [0, 1] when either class is empty. */
    public Interval interval(double level) {
        if (Double.isNaN(area)) {
            return new Interval(0, 1, level, "hanley-mcneil");
        }
        double half = Proportion.z(level) * standardError();
        return new Interval(Math.max(0, area - half), Math.min(1, area + half), level, "hanley-mcneil");
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
