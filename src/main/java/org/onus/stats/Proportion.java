package org.onus.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * {@code successes} out of {@code trials}, e.g. true positives out of positives (sensitivity).
 * Two intervals are offered: Wilson's score interval (Wilson 1927), which monitoring displays
 * because it behaves well near 0 and 1 without being as conservative as the exact one, and the
 * Clopper–Pearson exact interval (Clopper and Pearson 1934), which guarantees at least the nominal
 * coverage and is what a rule that calls a product "below its claim" should rest on.
 */
public record Proportion(long successes, long trials) {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    /** Quantiles by level: monitoring asks for the same two or three levels millions of times. */
    private static final java.util.Map<Double, Double> Z = new java.util.concurrent.ConcurrentHashMap<>();

    public Proportion {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, was " + successes + "/" + trials);
        }
    }

    /** The point estimate; NaN when there are no trials. */
    public double estimate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /**
     * Wilson's score interval: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). With no trials
     * nothing is known and the interval is [0, 1].
     */
    public Interval wilson(double level) {
        if (trials == 0) {
            return new Interval(0, 1, level, "wilson");
        }
        double z = z(level);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double denominator = 1 + z2 / n;
        // At x = 0 or x = n the exact bound is 0 or 1; rounding must not leave it a hair off.
        double lower = successes == 0 ? 0 : Math.max(0, (centre - half) / denominator);
        double upper = successes == trials ? 1 : Math.min(1, (centre + half) / denominator);
        return new Interval(lower, upper, level, "wilson");
    }

    /**
     * The Clopper–Pearson exact interval from quantiles of the beta distribution:
     * lower = B(α/2; x, n−x+1), upper = B(1−α/2; x+1, n−x).
     */
    public Interval clopperPearson(double level) {
        if (trials == 0) {
            return new Interval(0, 1, level, "clopper-pearson");
        }
        double alpha = 1 - level;
        long x = successes;
        long n = trials;
        double lower = x == 0 ? 0 : new BetaDistribution(null, x, n - x + 1).inverseCumulativeProbability(alpha / 2);
        double upper = x == n ? 1 : new BetaDistribution(null, x + 1, n - x).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(lower, upper, level, "clopper-pearson");
    }

    /** The two-sided standard normal quantile for {@code level}, e.g. 1.959964 for 0.95. */
    static double z(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), was " + level);
        }
        return Z.computeIfAbsent(level, l -> STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - l) / 2));
    }
}
