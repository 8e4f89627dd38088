package org.onus.stats;

/**
 * A two-sided confidence interval at {@code level} (e.g. 0.95), made by {@code method}
 * ("wilson", "clopper-pearson", "hanley-mcneil", "poisson-exact").
 */
public record Interval(double lower, double upper, double level, String method) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower " + lower + " exceeds upper " + upper);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), was " + level);
        }
    }

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
