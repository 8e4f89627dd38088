package org.onus.investigation.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarTest {

    static final HolidayCalendar US = WorkCalendars.builtIn().of("US");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-01 | New Year's Day
            2026-01-19 | Birthday of Martin Luther King, Jr.
            2026-02-16 | Washington's Birthday
            2026-05-25 | Memorial Day
            2026-06-19 | Juneteenth National Independence Day
            2026-07-03 | Independence Day
            2026-09-07 | Labor Day
            2026-10-12 | Columbus Day
            2026-11-11 | Veterans Day
            2026-11-26 | Thanksgiving Day
            2026-12-25 | Christmas Day
            2021-12-31 | New Year's Day
            2027-06-18 | Juneteenth National Independence Day
            """)
    void the_us_calendar_holds_the_federal_holidays_as_observed(LocalDate date, String name) {
        assertThat(US.holiday(date)).contains(name);
        assertThat(US.isWorkDay(date)).isFalse();
    }

    @Test
    void a_holiday_on_a_saturday_moves_to_the_friday_and_the_saturday_itself_is_a_weekend_day_not_a_second_holiday() {
        assertThat(US.holiday(LocalDate.of(2026, 7, 4))).isEmpty();
        assertThat(US.isWorkDay(LocalDate.of(2026, 7, 4))).isFalse();
        assertThat(US.holidays(2022)).doesNotContainKey(LocalDate.of(2022, 1, 1));
        assertThat(US.holidays(2021)).containsKey(LocalDate.of(2021, 12, 31));
    }

    @Test
    void juneteenth_counts_only_from_2021_when_it_became_law() {
        assertThat(US.holiday(LocalDate.of(2020, 6, 19))).isEmpty();
        assertThat(US.isWorkDay(LocalDate.of(2020, 6, 19))).isTrue();
        assertThat(US.holiday(LocalDate.of(2021, 6, 18))).contains("Juneteenth National Independence Day");
    }

    @Test
    void eleven_federal_holidays_a_year_and_twelve_when_the_next_new_years_day_falls_on_a_saturday() {
        assertThat(US.holidays(2026)).hasSize(11);
        assertThat(US.holidays(2027)).hasSize(12).containsEntry(LocalDate.of(2027, 12, 31), "New Year's Day");
        assertThat(US.holidays(2028)).hasSize(10).doesNotContainKey(LocalDate.of(2028, 1, 1));
    }

    @Test
    void work_days_after_a_day_skip_weekends_and_holidays_and_never_count_the_day_itself() {
        // Monday before Christmas: 24th, 25th (holiday), the weekend and 1 January are not all work days
        assertThat(US.workDaysAfter(LocalDate.of(2026, 12, 21), 10)).isEqualTo(LocalDate.of(2027, 1, 6));
        // around 4 July 2026, observed on Friday 3 July
        assertThat(US.workDaysAfter(LocalDate.of(2026, 6, 30), 5)).isEqualTo(LocalDate.of(2026, 7, 8));
        // from a Friday: Monday is the first
        assertThat(US.workDaysAfter(LocalDate.of(2026, 11, 13), 1)).isEqualTo(LocalDate.of(2026, 11, 16));
        // from a Saturday too
        assertThat(US.workDaysAfter(LocalDate.of(2026, 11, 14), 1)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(US.workDaysAfter(LocalDate.of(2026, 11, 14), 0)).isEqualTo(LocalDate.of(2026, 11, 14));
    }

    @Test
    void a_calendar_may_declare_its_own_weekend_single_dates_and_bounded_rules() {
        HolidayCalendar c = HolidayCalendar.parse("XX", new StringReader("""
                # a made-up jurisdiction
                weekend FRIDAY SATURDAY
                2026-12-24 = one-off closure
                last FRIDAY of 05 = Spring day
                03-01; until 2025 = Old day
                """), "XX.holidays");

        assertThat(c.isWorkDay(LocalDate.of(2026, 11, 29))).as("a Sunday").isTrue();
        assertThat(c.isWorkDay(LocalDate.of(2026, 11, 27))).as("a Friday").isFalse();
        assertThat(c.holiday(LocalDate.of(2026, 12, 24))).contains("one-off closure");
        assertThat(c.holiday(LocalDate.of(2027, 12, 24))).isEmpty();
        assertThat(c.holiday(LocalDate.of(2026, 5, 29))).contains("Spring day");
        assertThat(c.holiday(LocalDate.of(2025, 3, 1))).contains("Old day");
        assertThat(c.holiday(LocalDate.of(2026, 3, 1))).isEmpty();
    }

    @Test
    void a_malformed_line_is_refused_naming_the_file_the_line_and_the_valid_forms() {
        assertThatThrownBy(() -> HolidayCalendar.parse("US", new StringReader("01-01 = ok\nfifth MONDAY of 01 = bad\n"), "US.holidays"))
                .hasMessageContaining("US.holidays line 2").hasMessageContaining("third MONDAY of 01");
        assertThatThrownBy(() -> HolidayCalendar.parse("US", new StringReader("02-30 = no such day\n"), "US.holidays"))
                .hasMessageContaining("line 1").hasMessageContaining("not a valid date");
        assertThatThrownBy(() -> HolidayCalendar.parse("US", new StringReader("01-01\n"), "US.holidays"))
                .hasMessageContaining("'= <name>'");
        assertThatThrownBy(() -> HolidayCalendar.parse("US", new StringReader("01-01; observd = x\n"), "US.holidays"))
                .hasMessageContaining("unknown qualifier 'observd'");
        assertThatThrownBy(() -> HolidayCalendar.parse("US", new StringReader("weekend SATURDAY SUNDAYS\n"), "US.holidays"))
                .hasMessageContaining("'SUNDAYS' is not a day of the week");
    }

    @Test
    void a_file_in_the_holidays_directory_replaces_the_built_in_calendar_of_its_jurisdiction(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("US.holidays"), "2026-11-23 = a closure\n");
        Files.writeString(dir.resolve("DE.holidays"), "10-03 = Tag der Deutschen Einheit\n");

        WorkCalendars calendars = WorkCalendars.load(dir);

        assertThat(calendars.of("US").isWorkDay(LocalDate.of(2026, 11, 23))).isFalse();
        assertThat(calendars.of("US").isWorkDay(LocalDate.of(2026, 11, 26))).as("Thanksgiving is gone with the file").isTrue();
        assertThat(calendars.has("DE")).isTrue();
        assertThat(calendars.of("DE").holiday(LocalDate.of(2026, 10, 3))).contains("Tag der Deutschen Einheit");
        assertThat(calendars.has("FR")).isFalse();
        assertThat(calendars.of("FR").isWorkDay(LocalDate.of(2026, 7, 14))).as("weekends only without a calendar").isTrue();
    }

    @Test
    void a_missing_holidays_directory_leaves_the_built_in_calendars_and_a_misnamed_file_is_refused(@TempDir Path dir) throws Exception {
        assertThat(WorkCalendars.load(dir.resolve("absent")).of("US").holiday(LocalDate.of(2026, 11, 26))).isPresent();

        Files.writeString(dir.resolve("usa.holidays"), "01-01 = x\n");
        assertThatThrownBy(() -> WorkCalendars.load(dir)).hasMessageContaining("usa.holidays")
                .hasMessageContaining("ISO 3166-1 alpha-2");
        assertThat(WorkCalendars.of(Map.of("US", "01-02 = x\n")).of("US").holiday(LocalDate.of(2026, 1, 2))).contains("x");
    }
}
