package org.onus.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Calibration of predicted probabilities against observed outcomes, accumulated from counts and
 * sums so that accumulators of time buckets can be merged: the Brier score, reliability bins of
 * equal width, and the observed/expected ratio (O/E) with an exact Poisson interval.
 *
 * <p>The Brier score mean((p − y)²) expands to (Σp² − 2·Σ_{y=1}p + O) / n, so three sums carry
 * it exactly. The O/E interval treats the expected count E = Σp as fixed and O as Poisson, with
 * Garwood's exact limits χ²(α/2; 2O)/2 and χ²(1−α/2; 2O+2)/2 divided by E (Breslow and Day 1987,
 * ch. 2). Not thread-safe: one writer, or merged copies.
 */
public final class Calibration {

    private final int binCount;
    private final long[] binCases;
    private final long[] binPositives;
    private final double[] binPredicted;
    private long cases;
    private long positives;
    private double sumPredicted;
    private double sumSquaredPredicted;
    private double sumPredictedOfPositives;

    /** {@code bins} equal-width reliability bins over [0, 1]; 10 is customary. */
    public Calibration(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one bin");
        }
        this.binCount = bins;
        this.binCases = new long[bins];
        this.binPositives = new long[bins];
        this.binPredicted = new double[bins];
    }

    /** One case: predicted probability {@code p} in [0, 1] and whether the outcome was positive. */
    public void add(double p, boolean positive) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a predicted probability lies in [0, 1], was " + p);
        }
        int bin = Math.min(binCount - 1, (int) (p * binCount));
        binCases[bin]++;
        binPredicted[bin] += p;
        cases++;
        sumPredicted += p;
        sumSquaredPredicted += p * p;
        if (positive) {
            binPositives[bin]++;
            positives++;
            sumPredictedOfPositives += p;
        }
    }

    /** Takes back one case added before (a corrected outcome, say). */
    public void remove(double p, boolean positive) {
        int bin = Math.min(binCount - 1, (int) (p * binCount));
        binCases[bin]--;
        binPredicted[bin] -= p;
        cases--;
        sumPredicted -= p;
        sumSquaredPredicted -= p * p;
        if (positive) {
            binPositives[bin]--;
            positives--;
            sumPredictedOfPositives -= p;
        }
    }

    /** Adds another accumulator's cases to this one; both must have the same bins. */
    public void merge(Calibration other) {
        merge(other, 1);
    }

    /**
     * Adds ({@code sign} 1) or takes back ({@code sign} -1) another accumulator's cases, e.g. a day
     * leaving a sliding window. Sums of doubles taken back may leave rounding residue of about
     * 1e-15 per case, far below any figure shown.
     */
    public void merge(Calibration other, int sign) {
        if (other.binCount != binCount) {
            throw new IllegalArgumentException("bins differ: " + binCount + " and " + other.binCount);
        }
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign is 1 or -1");
        }
        for (int i = 0; i < binCount; i++) {
            binCases[i] += sign * other.binCases[i];
            binPositives[i] += sign * other.binPositives[i];
            binPredicted[i] += sign * other.binPredicted[i];
        }
        cases += sign * other.cases;
        positives += sign * other.positives;
        sumPredicted += sign * other.sumPredicted;
        sumSquaredPredicted += sign * other.sumSquaredPredicted;
        sumPredictedOfPositives += sign * other.sumPredictedOfPositives;
    }

    public long cases() {
        return cases;
    }

    public long positives() {
        return positives;
    }

    /** mean((p − y)²); NaN without cases. */
    public double brier() {
        return cases == 0 ? Double.NaN : (sumSquaredPredicted - 2 * sumPredictedOfPositives + positives) / cases;
    }

    /** Observed positives over the expected count Σp; NaN when nothing was expected. */
    public double observedExpected() {
        return sumPredicted == 0 ? Double.NaN : positives / sumPredicted;
    }

    /** Garwood's exact interval for O/E; [0, ∞) is not representable, so no cases give NaN bounds. */
    public Interval observedExpectedInterval(double level) {
        if (sumPredicted == 0) {
            return new Interval(0, Double.POSITIVE_INFINITY, level, "poisson-exact");
        }
        double alpha = 1 - level;
        double lower = positives == 0 ? 0
                : new ChiSquaredDistribution(null, 2.0 * positives).inverseCumulativeProbability(alpha / 2) / 2;
        double upper = new ChiSquaredDistribution(null, 2.0 * positives + 2).inverseCumulativeProbability(1 - alpha / 2) / 2;
        return new Interval(lower / sumPredicted, upper / sumPredicted, level, "poisson-exact");
    }

    /** One reliability bin: its range, cases, mean predicted probability and observed share. */
    public record Bin(double from, double to, long cases, double meanPredicted, double observed) {
    }

    public List<Bin> bins() {
        List<Bin> out = new ArrayList<>(binCount);
        for (int i = 0; i < binCount; i++) {
            long n = binCases[i];
            out.add(new Bin((double) i / binCount, (double) (i + 1) / binCount, n,
                    n == 0 ? Double.NaN : binPredicted[i] / n, n == 0 ? Double.NaN : (double) binPositives[i] / n));
        }
        return out;
    }
}
