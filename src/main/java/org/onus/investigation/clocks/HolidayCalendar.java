package org.onus.investigation.clocks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The work days of one jurisdiction: which week days are weekend, and which dates are holidays,
 * read from a small text file of rules so that an operator can correct or extend it without a
 * release (a one-off closure ordered by the government, a new national holiday).
 *
 * <pre>
 * # comment
 * weekend SATURDAY SUNDAY                         (the default when absent)
 * 01-01; observed = New Year's Day                a fixed date; observed: Saturday moves to Friday, Sunday to Monday
 * third MONDAY of 01 = Birthday of Martin Luther King, Jr.   first|second|third|fourth|last WEEKDAY of MM
 * 06-19; observed; from 2021 = Juneteenth         from / until YEAR bound a rule to the years it was law
 * 2026-12-24 = Christmas Eve (executive order)    a single date
 * </pre>
 *
 * A rule's date moved by "observed" may fall into the neighbouring year (1 January on a Saturday
 * is observed on 31 December), so a year's holidays are computed from the rules of the year
 * before, the year itself and the year after.
 */
public final class HolidayCalendar {

    private static final Pattern FIXED = Pattern.compile("(\\d{2})-(\\d{2})");
    private static final Pattern SINGLE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern NTH = Pattern.compile("(first|second|third|fourth|last) ([A-Z]+) of (\\d{2})");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");

    private final String jurisdiction;
    private final Set<DayOfWeek> weekend;
    private final List<Rule> rules;
    private final Map<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

    private HolidayCalendar(String jurisdiction, Set<DayOfWeek> weekend, List<Rule> rules) {
        this.jurisdiction = jurisdiction;
        this.weekend = Set.copyOf(weekend);
        this.rules = List.copyOf(rules);
    }

    /** A calendar of weekends only: Saturday and Sunday, no holidays. */
    public static HolidayCalendar weekendsOnly(String jurisdiction) {
        return new HolidayCalendar(jurisdiction, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), List.of());
    }

    /**
     * Parses a calendar file. {@code source} names it in error messages, which give the line
     * and what a valid line looks like.
     */
    public static HolidayCalendar parse(String jurisdiction, Reader text, String source) {
        Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        List<Rule> rules = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(text)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String where = source + " line " + lineNo;
                if (s.startsWith("weekend")) {
                    weekend = EnumSet.noneOf(DayOfWeek.class);
                    for (String day : s.substring("weekend".length()).trim().split("\\s+")) {
                        weekend.add(dayOfWeek(day, where));
                    }
                    continue;
                }
                rules.add(rule(s, where));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the holiday calendar " + source, e);
        }
        return new HolidayCalendar(jurisdiction, weekend, rules);
    }

    public String jurisdiction() {
        return jurisdiction;
    }

    public boolean isWorkDay(LocalDate d) {
        return !weekend.contains(d.getDayOfWeek()) && holiday(d).isEmpty();
    }

    /** The holiday's name, if {@code d} is one (as observed). */
    public Optional<String> holiday(LocalDate d) {
        return Optional.ofNullable(holidays(d.getYear()).get(d));
    }

    /** Every holiday observed in {@code year}, by date. */
    public Map<LocalDate, String> holidays(int year) {
        return byYear.computeIfAbsent(year, y -> {
            Map<LocalDate, String> out = new TreeMap<>();
            for (int ruleYear = y - 1; ruleYear <= y + 1; ruleYear++) {
                for (Rule r : rules) {
                    r.dateIn(ruleYear).filter(d -> d.getYear() == y).ifPresent(d -> out.putIfAbsent(d, r.name()));
                }
            }
            return Map.copyOf(out);
        });
    }

    /**
     * The {@code n}th work day after {@code day} (the day itself never counts): with n = 10 and
     * awareness on a Friday, Monday is the first.
     */
    public LocalDate workDaysAfter(LocalDate day, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        LocalDate d = day;
        for (int counted = 0; counted < n; ) {
            d = d.plusDays(1);
            if (isWorkDay(d)) {
                counted++;
            }
        }
        return d;
    }

    private static Rule rule(String line, String where) {
        int eq = line.indexOf('=');
        if (eq < 0 || line.substring(eq + 1).isBlank()) {
            throw bad(where, "a rule needs '= <name>'");
        }
        String name = line.substring(eq + 1).strip();
        String[] parts = line.substring(0, eq).split(";");
        String when = parts[0].strip();
        boolean observed = false;
        int from = Integer.MIN_VALUE;
        int until = Integer.MAX_VALUE;
        for (int i = 1; i < parts.length; i++) {
            String q = parts[i].strip();
            if (q.equals("observed")) {
                observed = true;
            } else if (q.startsWith("from ")) {
                from = year(q.substring(5).strip(), where);
            } else if (q.startsWith("until ")) {
                until = year(q.substring(6).strip(), where);
            } else {
                throw bad(where, "unknown qualifier '" + q + "'; use observed, from YEAR or until YEAR");
            }
        }
        try {
            Matcher m;
            if ((m = SINGLE.matcher(when)).matches()) {
                LocalDate date = LocalDate.parse(when);
                return new Rule(name, y -> y == date.getYear() ? Optional.of(date) : Optional.empty(), observed, from, until);
            }
            if ((m = FIXED.matcher(when)).matches()) {
                MonthDay md = MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return new Rule(name, y -> md.isValidYear(y) ? Optional.of(md.atYear(y)) : Optional.empty(), observed, from, until);
            }
            if ((m = NTH.matcher(when)).matches()) {
                String ordinal = m.group(1);
                DayOfWeek dow = dayOfWeek(m.group(2), where);
                int month = Integer.parseInt(m.group(3));
                if (month < 1 || month > 12) {
                    throw bad(where, "month " + m.group(3) + " is not 01 to 12");
                }
                return new Rule(name, y -> {
                    LocalDate first = LocalDate.of(y, month, 1);
                    return Optional.of(ordinal.equals("last")
                            ? first.with(TemporalAdjusters.lastInMonth(dow))
                            : first.with(TemporalAdjusters.dayOfWeekInMonth(ORDINALS.indexOf(ordinal) + 1, dow)));
                }, observed, from, until);
            }
        } catch (java.time.DateTimeException e) {
            throw bad(where, "'" + when + "' is not a valid date: " + e.getMessage());
        }
        throw bad(where, "'" + when + "' is not a rule; write MM-DD, YYYY-MM-DD or e.g. 'third MONDAY of 01'");
    }

    private static DayOfWeek dayOfWeek(String s, String where) {
        try {
            return DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(where, "'" + s + "' is not a day of the week (MONDAY ... SUNDAY)");
        }
    }

    private static int year(String s, String where) {
        if (!s.matches("\\d{4}")) {
            throw bad(where, "'" + s + "' is not a year");
        }
        return Integer.parseInt(s);
    }

    private static IllegalArgumentException bad(String where, String what) {
        return new IllegalArgumentException("holiday calendar " + where + ": " + what);
    }

    private interface DateOf {
        Optional<LocalDate> in(int year);
    }

    private record Rule(String name, DateOf date, boolean observed, int from, int until) {
        Optional<LocalDate> dateIn(int year) {
            if (year < from || year > until) {
                return Optional.empty();
            }
            return date.in(year).map(d -> observed ? observedDate(d) : d);
        }

        /** 5 U.S.C. 6103(b) and Executive Order 11582: Saturday to the Friday before, Sunday to the Monday after. */
        private static LocalDate observedDate(LocalDate d) {
            return switch (d.getDayOfWeek()) {
                case SATURDAY -> d.minusDays(1);
                case SUNDAY -> d.plusDays(1);
                default -> d;
            };
        }
    }
}
