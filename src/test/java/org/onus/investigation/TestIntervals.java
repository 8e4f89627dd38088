package org.onus.investigation;

/**
 * Wilson's score interval at 95%, written out here so the rule tables do not depend on the
 * statistics package they are not about; the figures in the tables are far from the boundary.
 */
public final class TestIntervals implements ProportionIntervals {

    @Override
    public Interval interval(long events, long trials, double confidence) {
        double z = 1.959963984540054;
        double n = trials;
        double p = events / n;
        double centre = p + z * z / (2 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        double d = 1 + z * z / n;
        return new Interval(Math.max(0, (centre - half) / d), Math.min(1, (centre + half) / d), "wilson");
    }
}
