package org.onus.investigation.clocks;

/**
 * How long a report may take after awareness: calendar days, work days, or "immediately", for
 * which the law sets no number.
 */
public record TimeLimit(int amount, Unit unit) {

    public enum Unit { CALENDAR_DAYS, WORK_DAYS, IMMEDIATELY }

    public static final TimeLimit IMMEDIATELY = new TimeLimit(0, Unit.IMMEDIATELY);

    public TimeLimit {
        if (amount < 0 || (unit == Unit.IMMEDIATELY) != (amount == 0)) {
            throw new IllegalArgumentException("a time limit is a positive number of days, or immediately");
        }
    }

    public static TimeLimit calendarDays(int n) {
        return new TimeLimit(n, Unit.CALENDAR_DAYS);
    }

    public static TimeLimit workDays(int n) {
        return new TimeLimit(n, Unit.WORK_DAYS);
    }

    public boolean immediately() {
        return unit == Unit.IMMEDIATELY;
    }

    @Override
    public String toString() {
        return switch (unit) {
            case CALENDAR_DAYS -> amount + (amount == 1 ? " day" : " days");
            case WORK_DAYS -> amount + (amount == 1 ? " work day" : " work days");
            case IMMEDIATELY -> "immediately";
        };
    }
}
