package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.Onus;
import org.onus.auth.Role;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.IncidentFactsSource;
import org.onus.investigation.clocks.WorkCalendars;
import org.onus.registry.AiSystem;

/** A holiday calendar in the data directory's holidays/ folder changes the deadlines Onus serves. */
class HolidayCalendarsServedTest {

    static final IncidentFacts DEATH_IN_NEW_YORK = new IncidentFacts("inc-ny", Instant.parse("2026-11-18T15:00:00Z"),
            ZoneId.of("America/New_York"), IncidentFacts.Harm.NONE.withDeath(), false,
            new AiSystem("sepsis-watch", "Sepsis Watch", "acme", true, "high", "II", List.of(), Map.of()), "mercy-ny", "US", "US", null);
    static final IncidentFactsSource FACTS = (log, id) -> Optional.of(DEATH_IN_NEW_YORK).filter(f -> f.incidentId().equals(id));

    static String lastDay(Path data) {
        try (TestServer server = TestServer.start(TestServer.config(data), FACTS)) {
            for (var r : TestServer.json(server.get("/v1/incidents/inc-ny/reports", server.token(Role.INVESTIGATOR))).get("reports")) {
                if (r.get("kind").asText().equals("user-facility-death-to-fda")) {
                    return r.get("lastDay").asText();
                }
            }
            throw new AssertionError("no user facility report");
        }
    }

    @Test
    void a_closure_added_to_the_us_calendar_in_the_data_directory_moves_the_work_day_deadline(@TempDir Path data) throws Exception {
        assertThat(lastDay(data)).isEqualTo("2026-12-03");

        String builtIn;
        try (InputStream in = WorkCalendars.class.getResourceAsStream("US" + WorkCalendars.SUFFIX)) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(data.resolve(Onus.HOLIDAYS_DIRECTORY));
        Files.writeString(data.resolve(Onus.HOLIDAYS_DIRECTORY).resolve("US.holidays"), builtIn + "2026-12-01 = a closure\n");

        assertThat(lastDay(data)).isEqualTo("2026-12-04");
    }

    @Test
    void a_malformed_calendar_stops_the_start_naming_the_file_and_line(@TempDir Path data) throws Exception {
        Files.createDirectories(data.resolve(Onus.HOLIDAYS_DIRECTORY));
        Files.writeString(data.resolve(Onus.HOLIDAYS_DIRECTORY).resolve("US.holidays"), "# ours\n12-25 observed = Christmas Day\n");

        assertThatThrownBy(() -> TestServer.start(TestServer.config(data), FACTS))
                .hasMessageContaining("US.holidays line 2").hasMessageContaining("'12-25 observed' is not a rule");
    }
}
