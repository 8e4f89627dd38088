package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** One AI product's life in the hospital: each simulated day, the cases it takes part in. */
abstract class Product {

    final World w;
    final Random rnd;

    Product(World w) {
        this.w = w;
        this.rnd = w.rnd;
    }

    /** Generates every case of {@code day}, including the scripted ones. */
    abstract void day(int day);

    static Instant after(Instant t, double seconds) {
        return t.plusSeconds(Math.max(1, Math.round(seconds)));
    }

    static Instant afterDays(Instant t, double days) {
        return t.plus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    double uniform(double lo, double hi) {
        return Stats.uniform(rnd, lo, hi);
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    /** An hour of day drawn from 24 relative weights (e.g. an ED's arrivals by hour). */
    double hourFrom(double[] weights) {
        double total = 0;
        for (double x : weights) {
            total += x;
        }
        double u = rnd.nextDouble() * total;
        for (int h = 0; h < 24; h++) {
            u -= weights[h];
            if (u <= 0) {
                return h + rnd.nextDouble();
            }
        }
        return 23 + rnd.nextDouble();
    }

    /** The first day on or after {@code day} that is a weekday (screening and elective surgery do not run at weekends). */
    int weekdayFrom(int day) {
        int d = day;
        while (w.weekend(d)) {
            d++;
        }
        return d;
    }

    ObjectNode input(Case c, String modality, Map<String, Double> quality, List<String> fields) {
        return Json.obj("digest", Stats.sha256("input " + c.id + " " + c.patient.mrn()), "modality", modality,
                "quality", quality, "fieldsPresent", fields);
    }

    static String outcomeId(Case c) {
        return "out-" + c.id.substring(4);
    }
}
