package org.onus.registry;

import java.util.Set;
import org.onus.validation.Fields;

/**
 * One validated figure of a model card: a metric's point estimate with its confidence interval
 * and the number of cases it rests on (for sensitivity, the positives; for specificity, the
 * negatives). Rules compare observed performance with {@link #ciLow()}, never with a point
 * estimate alone.
 */
public record PerformanceClaim(String metric, double value, Double ciLow, Double ciHigh, Long n) {

    public static final Set<String> METRICS = Set.of("sensitivity", "specificity", "ppv", "npv", "auroc", "accuracy",
            "error-rate", "f1", "brier");

    static PerformanceClaim read(Fields f) {
        String metric = f.oneOf("metric", true, METRICS);
        Double value = f.number("value", true, 0, 1);
        Double lo = f.number("ciLow", false, 0, 1);
        Double hi = f.number("ciHigh", false, 0, 1);
        Long n = f.integer("n", false, 1, Long.MAX_VALUE);
        f.end();
        if (value != null && lo != null && lo > value) {
            f.errors().add(f.at("ciLow"), "must not exceed value");
        }
        if (value != null && hi != null && hi < value) {
            f.errors().add(f.at("ciHigh"), "must not be below value");
        }
        return metric == null || value == null ? null : new PerformanceClaim(metric, value, lo, hi, n);
    }
}
