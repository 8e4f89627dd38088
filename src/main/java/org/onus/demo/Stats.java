package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * The arithmetic behind plausible figures: Wilson intervals for proportions, Hanley–McNeil for
 * AUROC, and the few distributions the simulation draws from (all from one seeded Random).
 */
final class Stats {

    private static final double Z95 = 1.959963984540054;

    private Stats() {
    }

    /** 95% Wilson score interval of k successes in n trials. */
    static double[] wilson(long k, long n) {
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * A card's claim for a proportion measured on {@code n} cases: the target is rounded to a
     * whole count of cases, so value, n and interval agree with each other as a real study's would.
     */
    static ObjectNode proportion(String metric, double target, long n) {
        long k = Math.round(target * n);
        double[] ci = wilson(k, n);
        double value = (double) k / n;
        return Json.obj("metric", metric, "value", Json.round(value, 4), "ciLow", Math.min(Json.round(ci[0], 4), Json.round(value, 4)),
                "ciHigh", Math.max(Json.round(ci[1], 4), Json.round(value, 4)), "n", n);
    }

    /** AUROC with the Hanley–McNeil (1982) standard error; n is positives plus negatives. */
    static ObjectNode auroc(double a, long positives, long negatives) {
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double var = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a)) / ((double) positives * negatives);
        double se = Math.sqrt(var);
        return Json.obj("metric", "auroc", "value", a, "ciLow", Json.round(Math.max(0, a - Z95 * se), 4),
                "ciHigh", Json.round(Math.min(1, a + Z95 * se), 4), "n", positives + negatives);
    }

    static int poisson(Random r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** A log-normal draw with the given median; sigma is the spread of its logarithm. */
    static double logNormal(Random r, double median, double sigma) {
        return median * Math.exp(sigma * r.nextGaussian());
    }

    static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    static <T> T pick(Random r, java.util.List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    /** {@code sha256:<hex>} of a string: stands in for the digest of an artifact or input the demo does not have. */
    static String sha256(String s) {
        return "sha256:" + HEX.formatHex(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** {@code n} in decimal, left-padded with zeros to {@code width} digits. */
    static String padded(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Standard normal distribution function (Zelen & Severo 26.2.17, error below 1e-7). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double d = 0.3989422804014327 * Math.exp(-x * x / 2);
        double p = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return x >= 0 ? 1 - p : p;
    }

    /** Shares of a normal(mean, sd) distribution falling between consecutive edges (the outer bins open-ended). */
    static java.util.List<Double> normalShares(double mean, double sd, double... edges) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < edges.length; i++) {
            double lo = i == 0 ? 0 : normalCdf((edges[i] - mean) / sd);
            double hi = i + 2 == edges.length ? 1 : normalCdf((edges[i + 1] - mean) / sd);
            out.add(Json.round(hi - lo, 4));
        }
        return out;
    }
}
