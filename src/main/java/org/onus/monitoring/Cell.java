package org.onus.monitoring;

import java.util.HashMap;
import java.util.Map;
import org.onus.stats.Calibration;

/**
 * What one slice of one deployment saw on one day (or, summed, over a window): counters,
 * a confusion matrix at the operating threshold, score histograms by outcome, calibration sums,
 * review-time histogram, and for the whole deployment the input-feature histograms. Every figure
 * is a sum, so cells add up over days and a day leaving a sliding window is taken back with
 * {@link #add(Cell, int)}. Histograms are allocated on first use; most slices never need them.
 */
final class Cell {

    static final int ACCEPTED = 0;
    static final int MODIFIED = 1;
    static final int OVERRIDDEN = 2;
    static final int IGNORED = 3;
    static final String[] DECISIVE = {"accepted", "modified", "overridden", "ignored"};

    /** Score bins of width 0.01 over [0, 1]: scores in one bin count as ties for the AUROC. */
    static final int SCORE_BINS = 100;

    /**
     * Review-time bins: bin 0 holds [0, 0.5) s, bin k ≥ 1 holds [0.5·1.15^(k−1), 0.5·1.15^k) s, the
     * last everything beyond; a quantile read from them is exact to within 15%.
     */
    static final int REVIEW_BINS = 80;
    static final double REVIEW_BASE = 0.5;
    static final double REVIEW_RATIO = 1.15;

    long decisions;
    long viewed;
    long decided;
    final long[] decisive = new long[4];
    /** Decided faster than the authorization's minimum review time (at the decision's time). */
    long fastDecisions;
    long outsideIntended;
    long outsideAuthorized;
    long unregistered;
    long withOutcome;
    long tp;
    long fp;
    long tn;
    long fn;
    long[] scorePositive;
    long[] scoreNegative;
    Calibration calibration;
    long[] review;
    /** Feature histograms by "version feature" key. */
    Map<String, long[]> features;
    /** Per quality indicator: [observed, below the card's threshold]. */
    Map<String, long[]> quality;

    void add(Cell o, int sign) {
        decisions += sign * o.decisions;
        viewed += sign * o.viewed;
        decided += sign * o.decided;
        for (int i = 0; i < 4; i++) {
            decisive[i] += sign * o.decisive[i];
        }
        fastDecisions += sign * o.fastDecisions;
        outsideIntended += sign * o.outsideIntended;
        outsideAuthorized += sign * o.outsideAuthorized;
        unregistered += sign * o.unregistered;
        withOutcome += sign * o.withOutcome;
        tp += sign * o.tp;
        fp += sign * o.fp;
        tn += sign * o.tn;
        fn += sign * o.fn;
        if (o.scorePositive != null) {
            addInto(scores(true), o.scorePositive, sign);
            addInto(scores(false), o.scoreNegative, sign);
        }
        if (o.calibration != null) {
            calibration().merge(o.calibration, sign);
        }
        if (o.review != null) {
            addInto(review(), o.review, sign);
        }
        if (o.features != null) {
            o.features.forEach((k, v) -> addInto(feature(k, v.length), v, sign));
        }
        if (o.quality != null) {
            o.quality.forEach((k, v) -> addInto(quality(k), v, sign));
        }
    }

    long[] scores(boolean positive) {
        if (scorePositive == null) {
            scorePositive = new long[SCORE_BINS];
            scoreNegative = new long[SCORE_BINS];
        }
        return positive ? scorePositive : scoreNegative;
    }

    Calibration calibration() {
        if (calibration == null) {
            calibration = new Calibration(10);
        }
        return calibration;
    }

    long[] review() {
        if (review == null) {
            review = new long[REVIEW_BINS];
        }
        return review;
    }

    long[] feature(String key, int bins) {
        if (features == null) {
            features = new HashMap<>();
        }
        return features.computeIfAbsent(key, k -> new long[bins]);
    }

    long[] quality(String indicator) {
        if (quality == null) {
            quality = new HashMap<>();
        }
        return quality.computeIfAbsent(indicator, k -> new long[2]);
    }

    static int scoreBin(double score) {
        return Math.max(0, Math.min(SCORE_BINS - 1, (int) (score * SCORE_BINS)));
    }

    static int reviewBin(double seconds) {
        if (seconds < REVIEW_BASE) {
            return 0;
        }
        int k = 1 + (int) Math.floor(Math.log(seconds / REVIEW_BASE) / Math.log(REVIEW_RATIO));
        return Math.min(REVIEW_BINS - 1, k);
    }

    /** The review-time quantile q, read as the geometric middle of the bin it falls in; NaN without decisions. */
    double reviewQuantile(double q) {
        long total = 0;
        if (review != null) {
            for (long c : review) {
                total += c;
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long seen = 0;
        for (int k = 0; k < REVIEW_BINS; k++) {
            seen += review[k];
            if (seen >= rank && review[k] > 0) {
                if (k == 0) {
                    return REVIEW_BASE / 2;
                }
                double lo = REVIEW_BASE * Math.pow(REVIEW_RATIO, k - 1);
                return lo * Math.sqrt(REVIEW_RATIO);
            }
        }
        return REVIEW_BASE * Math.pow(REVIEW_RATIO, REVIEW_BINS - 2);
    }

    private static void addInto(long[] into, long[] from, int sign) {
        for (int i = 0; i < from.length; i++) {
            into[i] += sign * from[i];
        }
    }
}
