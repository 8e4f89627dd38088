package org.onus.monitoring;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One deployment's pre-aggregated figures: a cell per (day, slice), and beside them the running
 * sum over the sliding window that ends on the latest day seen, which the alert rules read. A
 * change to a day inside the window is applied to both; when the latest day moves on, the days
 * that leave the window are taken back out of the sum. Evaluating a rule therefore never reads
 * history: its cost depends on the number of slices, not of events.
 */
final class DeploymentState {

    final String key;
    String authorization;
    String system;
    String site;
    String latestVersion;
    long lastEventMillis = Long.MIN_VALUE;
    final TreeMap<Integer, Map<Integer, Cell>> days = new TreeMap<>();
    final Map<Integer, Cell> window = new HashMap<>();
    int windowDays;
    int endDay = Integer.MIN_VALUE;
    /** Events applied since the rules were last evaluated. */
    long unevaluated;

    DeploymentState(String key, int windowDays) {
        this.key = key;
        this.windowDays = windowDays;
    }

    boolean inWindow(int day) {
        return endDay != Integer.MIN_VALUE && day > endDay - windowDays && day <= endDay;
    }

    /** Applies {@code op} to the day's cell of every slice given, and to the window's when the day is in it. */
    void apply(int day, int[] slices, Consumer<Cell> op) {
        Map<Integer, Cell> bucket = days.computeIfAbsent(day, d -> new HashMap<>());
        boolean windowed = inWindow(day);
        for (int s : slices) {
            op.accept(bucket.computeIfAbsent(s, x -> new Cell()));
            if (windowed) {
                op.accept(window.computeIfAbsent(s, x -> new Cell()));
            }
        }
    }

    /** Moves the window's end to {@code day} if that is later, taking out the days that leave it. */
    void advanceTo(int day) {
        if (endDay == Integer.MIN_VALUE) {
            endDay = day;
            return;
        }
        if (day <= endDay) {
            return;
        }
        int oldStart = endDay - windowDays + 1;
        int newStart = day - windowDays + 1;
        for (Map.Entry<Integer, Map<Integer, Cell>> e : days.subMap(oldStart, true, Math.min(newStart - 1, endDay), true).entrySet()) {
            e.getValue().forEach((slice, cell) -> window.computeIfAbsent(slice, x -> new Cell()).add(cell, -1));
        }
        endDay = day;
    }

    /** Changes the window's length (an amended authorization), summing it afresh from the days. */
    void resizeWindow(int newDays) {
        if (newDays == windowDays) {
            return;
        }
        windowDays = newDays;
        window.clear();
        if (endDay == Integer.MIN_VALUE) {
            return;
        }
        for (Map<Integer, Cell> bucket : days.subMap(endDay - windowDays + 1, true, endDay, true).values()) {
            bucket.forEach((slice, cell) -> window.computeIfAbsent(slice, x -> new Cell()).add(cell, 1));
        }
    }

    /** The cells of [fromDay, toDay], summed by slice. */
    Map<Integer, Cell> sum(int fromDay, int toDay) {
        Map<Integer, Cell> out = new HashMap<>();
        if (fromDay > toDay) {
            return out;
        }
        for (Map<Integer, Cell> bucket : days.subMap(fromDay, true, toDay, true).values()) {
            bucket.forEach((slice, cell) -> out.computeIfAbsent(slice, x -> new Cell()).add(cell, 1));
        }
        return out;
    }
}
