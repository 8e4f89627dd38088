package org.onus.investigation;

/**
 * A two-sided confidence interval for a binomial proportion: what the performance rule compares
 * with a card's validated claim. The implementation names its method (Clopper-Pearson exact,
 * Wilson score, ...) so that every finding can say which one it used.
 */
public interface ProportionIntervals {

    /** The interval for {@code events} of {@code trials} at {@code confidence} (e.g. 0.95); trials > 0. */
    Interval interval(long events, long trials, double confidence);

    /** An interval, with the name of the method that produced it. */
    record Interval(double low, double high, String method) {
    }
}
