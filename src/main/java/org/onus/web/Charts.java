package org.onus.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Charts drawn on the server as inline SVG. Hand-written rather than a chart library because the
 * console needs only a few plain kinds (bars, lines with a confidence band, a claim line, a
 * forest plot), and SVG made here needs no JavaScript, prints, is read by screen readers through
 * its title and summary, and can be checked element by element in the browser tests (each mark
 * carries a class saying what it is: {@code bar}, {@code line}, {@code band}, {@code claim},
 * {@code observed}, {@code whisker}, {@code threshold}).
 *
 * <p>Coordinates are in a fixed view box; the SVG scales to its container's width.
 */
final class Charts {

    static final int WIDTH = 760;

    private Charts() {
    }

    /** A plot over n equally spaced points (days or weeks) with a linear y axis. */
    static final class Plot {
        private static final int LEFT = 64;
        private static final int RIGHT = 16;
        private static final int TOP = 14;
        private static final int BOTTOM = 40;
        static final int HEIGHT = 240;

        private final int n;
        private final double yMin;
        private final double yMax;
        private final List<Views.Mark> marks = new ArrayList<>();
        private final List<Views.Legend> legend = new ArrayList<>();

        Plot(int n, double yMin, double yMax) {
            this.n = Math.max(n, 1);
            this.yMin = yMin;
            this.yMax = yMax > yMin ? yMax : yMin + 1;
        }

        double x(int i) {
            double span = WIDTH - LEFT - RIGHT;
            return round(LEFT + (n == 1 ? span / 2 : span * (i + 0.5) / n));
        }

        double y(double v) {
            double clamped = Math.max(yMin, Math.min(yMax, v));
            return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - (clamped - yMin) / (yMax - yMin)));
        }

        Plot axes(List<String> xLabels, int yTicks, DoubleFunction<String> yFormat) {
            for (int t = 0; t <= yTicks; t++) {
                double v = yMin + (yMax - yMin) * t / yTicks;
                marks.add(Charts.line("grid", LEFT, y(v), WIDTH - RIGHT, y(v), null));
                marks.add(Charts.text("end", LEFT - 6, y(v) + 4, yFormat.apply(v)));
            }
            marks.add(Charts.line("axis", LEFT, TOP, LEFT, HEIGHT - BOTTOM, null));
            marks.add(Charts.line("axis", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, null));
            int every = Math.max(1, (int) Math.ceil(xLabels.size() / 8.0));
            for (int i = 0; i < xLabels.size(); i += every) {
                marks.add(Charts.text("middle", x(i), HEIGHT - BOTTOM + 16, xLabels.get(i)));
            }
            return this;
        }

        Plot bars(String cls, double[] values, List<String> titles, String label) {
            double slot = (WIDTH - LEFT - RIGHT) / (double) n;
            for (int i = 0; i < values.length; i++) {
                double top = y(values[i]);
                marks.add(new Views.Mark("rect", cls, round(x(i) - slot * 0.35), top, round(slot * 0.7), round(y(yMin) - top), null, null,
                        titles.get(i)));
            }
            legend.add(new Views.Legend("bars", label));
            return this;
        }

        /** A line through the values that are not null, broken where they are; a dot with its title at each. */
        Plot line(String cls, Double[] values, List<String> titles, String label) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i <= values.length; i++) {
                if (i < values.length && values[i] != null) {
                    points.append(x(i)).append(',').append(y(values[i])).append(' ');
                    marks.add(new Views.Mark("circle", "dot " + cls, x(i), y(values[i]), 3.5, 0, null, null, titles.get(i)));
                } else if (points.length() > 0) {
                    marks.add(new Views.Mark("polyline", "line " + cls, 0, 0, 0, 0, points.toString().trim(), null, null));
                    points.setLength(0);
                }
            }
            legend.add(new Views.Legend(cls, label));
            return this;
        }

        /** A shaded band between lower and upper where both are known (a confidence interval). */
        Plot band(String cls, Double[] lower, Double[] upper, String label) {
            int i = 0;
            while (i < lower.length) {
                if (lower[i] == null || upper[i] == null) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < lower.length && lower[j] != null && upper[j] != null) {
                    j++;
                }
                StringBuilder points = new StringBuilder();
                double half = j - i == 1 ? 6 : 0;
                for (int k = i; k < j; k++) {
                    points.append(x(k) - half).append(',').append(y(upper[k])).append(' ');
                }
                if (half > 0) {
                    points.append(x(i) + half).append(',').append(y(upper[i])).append(' ').append(x(i) + half).append(',').append(y(lower[i])).append(' ');
                }
                for (int k = j - 1; k >= i; k--) {
                    points.append(x(k) - half).append(',').append(y(lower[k])).append(' ');
                }
                marks.add(new Views.Mark("polygon", cls, 0, 0, 0, 0, points.toString().trim(), null, null));
                i = j;
            }
            legend.add(new Views.Legend(cls, label));
            return this;
        }

        /** A horizontal reference line (a claimed value, a threshold) with its band if given. */
        Plot reference(String cls, double v, Double low, Double high, String label) {
            if (low != null && high != null) {
                marks.add(new Views.Mark("rect", "claim-band", LEFT, y(high), WIDTH - LEFT - RIGHT, round(y(low) - y(high)), null, null, null));
            }
            marks.add(Charts.line(cls, LEFT, y(v), WIDTH - RIGHT, y(v), label));
            legend.add(new Views.Legend(cls, label));
            return this;
        }

        Views.Chart chart(String id, String title, String summary) {
            return new Views.Chart(id, title, summary, WIDTH, HEIGHT, List.copyOf(marks), List.copyOf(legend));
        }
    }

    /** One row of a forest plot: a subgroup's observed value with its interval beside the claim for it. */
    record Row(String label, Double observed, Double low, Double high, Double claim, Double claimLow, Double claimHigh, String note) {
    }

    /**
     * Subgroups down, the metric across (0 to 1): the claim as a dashed tick on its band, the
     * observed value as a dot on its 95% whisker, red when the whole whisker lies below the claim.
     */
    static Views.Chart forest(String id, String title, String summary, List<Row> rows) {
        int left = 230;
        int right = 20;
        int top = 12;
        int rowHeight = 28;
        int height = top + rows.size() * rowHeight + 36;
        double lo = 0;
        for (Row r : rows) {
            lo = Math.min(lo, r.low() == null ? 0 : r.low());
        }
        double from = rows.stream().flatMap(r -> java.util.stream.Stream.of(r.low(), r.claimLow(), r.claim()))
                .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(0);
        from = Math.max(0, Math.floor(from * 10 - 0.5) / 10);
        double start = from;
        DoubleFunction<Double> x = v -> round(left + (WIDTH - left - right) * (Math.max(start, Math.min(1, v)) - start) / (1 - start));
        List<Views.Mark> marks = new ArrayList<>();
        for (int t = 0; t <= 5; t++) {
            double v = start + (1 - start) * t / 5;
            marks.add(line("grid", x.apply(v), top, x.apply(v), height - 30, null));
            marks.add(text("middle", x.apply(v), height - 14, Pages.percent(v).replace(".0%", "%")));
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cy = round(top + i * rowHeight + rowHeight / 2.0);
            marks.add(text("end", left - 8, cy + 4, r.label()));
            if (r.claim() != null) {
                if (r.claimLow() != null && r.claimHigh() != null) {
                    marks.add(new Views.Mark("rect", "claim-band", x.apply(r.claimLow()), cy - 10, round(x.apply(r.claimHigh()) - x.apply(r.claimLow())),
                            20, null, null, null));
                }
                marks.add(line("claim", x.apply(r.claim()), cy - 11, x.apply(r.claim()), cy + 11, "claimed " + Pages.percent(r.claim())));
            }
            if (r.observed() != null) {
                boolean below = r.claim() != null && r.high() != null && r.high() < (r.claimLow() != null ? r.claimLow() : r.claim());
                String state = below ? " below" : "";
                marks.add(line("whisker" + state, x.apply(r.low()), cy, x.apply(r.high()), cy, null));
                marks.add(new Views.Mark("circle", "observed" + state, x.apply(r.observed()), cy, 5, 0, null, null,
                        r.label() + ": observed " + Pages.percent(r.observed()) + " (" + Pages.percent(r.low()) + "–" + Pages.percent(r.high()) + ")"
                                + (r.claim() != null ? ", claimed " + Pages.percent(r.claim()) : "")));
            } else {
                marks.add(text("", x.apply(start) + 6, cy + 4, r.note()));
            }
        }
        List<Views.Legend> legend = List.of(new Views.Legend("s0", "observed, 95% interval"), new Views.Legend("s1", "observed, below the claim"),
                new Views.Legend("claim", "claimed on the card, with its interval"));
        return new Views.Chart(id, title, summary, WIDTH, height, marks, legend);
    }

    static Views.Mark line(String cls, double x1, double y1, double x2, double y2, String title) {
        return new Views.Mark("line", cls, round(x1), round(y1), round(x2), round(y2), null, null, title);
    }

    static Views.Mark text(String cls, double x, double y, String text) {
        return new Views.Mark("text", cls, round(x), round(y), 0, 0, null, text, null);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String fraction(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
