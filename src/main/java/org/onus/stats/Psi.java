package org.onus.stats;

/**
 * The population stability index of observed counts against a baseline's shares over the same
 * bins: PSI = Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ), with a and e the observed and baseline shares. It is the
 * symmetrised Kullback–Leibler divergence of the two binned distributions. Customary reading:
 * below 0.1 stable, 0.1–0.2 a moderate shift, above 0.2 a significant shift.
 *
 * <p>An empty bin (share 0, on either side) would make the logarithm infinite; its share is
 * replaced by {@link #EPSILON} (10⁻⁴, i.e. one case in ten thousand), the usual practical choice,
 * so that an empty bin contributes a large but finite term.
 */
public final class Psi {

    /** The share given to an empty bin. */
    public static final double EPSILON = 1e-4;

    private Psi() {
    }

    /**
     * PSI of {@code observed} counts against {@code baselineShares} (which need not sum exactly to
     * 1; they are normalised). NaN when nothing was observed.
     */
    public static double of(double[] baselineShares, long[] observed) {
        if (baselineShares.length != observed.length) {
            throw new IllegalArgumentException("baseline has " + baselineShares.length + " bins, observed " + observed.length);
        }
        double baselineTotal = 0;
        long observedTotal = 0;
        for (int i = 0; i < observed.length; i++) {
            if (baselineShares[i] < 0 || observed[i] < 0) {
                throw new IllegalArgumentException("shares and counts are never negative");
            }
            baselineTotal += baselineShares[i];
            observedTotal += observed[i];
        }
        if (observedTotal == 0 || baselineTotal == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < observed.length; i++) {
            double e = Math.max(EPSILON, baselineShares[i] / baselineTotal);
            double a = Math.max(EPSILON, (double) observed[i] / observedTotal);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
