package org.onus.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.http.TestServer;
import org.onus.investigation.rules.Catalogue;
import org.onus.recording.TenantServices;

/**
 * The seam between the regulatory clocks and the reporting rule: an in-test {@link OwedReports}
 * (one 15-day EU MDR report from awareness, filed or not) is consulted with the incident as it
 * stands, and the rule implicates whoever owed an overdue report.
 */
class OwedReportsSeamTest {

    @TempDir
    Path data;

    /** Owes the deployer one report 15 days after awareness, overdue once that has passed. */
    static final class FifteenDays implements OwedReports {
        IncidentState seen;

        @Override
        public Optional<List<OwedReport>> owed(IncidentState incident, Instant at) {
            seen = incident;
            if (!incident.facts().seriousInjury() && !incident.facts().death()) {
                return Optional.of(List.of());
            }
            Instant due = incident.awareAt().plus(Duration.ofDays(15));
            Status status = at.isAfter(due) ? Status.OVERDUE : Status.PENDING;
            return Optional.of(List.of(new OwedReport("EU MDR Art. 87", "serious incident report", "deployer", incident.incident().site(),
                    due, status, null, List.of(incident.filing().index()))));
        }
    }

    @Test
    void an_overdue_report_implicates_whoever_owed_it_and_a_pending_one_does_not() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            TenantServices tenant = server.onus.services(server.defaultLog());
            ObjectMapper json = new ObjectMapper();
            tenant.registry().write(org.onus.registry.RecordKind.PARTY, json.readTree(
                    "{\"id\":\"st-mary\",\"kind\":\"deployer\",\"name\":\"St Mary\"}"), "test", null, null, null);
            tenant.registry().write(org.onus.registry.RecordKind.PARTY, json.readTree(
                    "{\"id\":\"pso\",\"kind\":\"clinician\",\"name\":\"PSO\",\"role\":\"patient-safety officer\"}"), "test", null, null, null);
            Incidents incidents = new Incidents(tenant, Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
            incidents.file(json.readTree("{\"id\":\"inc-r\",\"kind\":\"harm\",\"occurredAt\":\"2026-10-01T00:00:00Z\","
                    + "\"awareAt\":\"2026-10-02T00:00:00Z\",\"site\":\"st-mary\",\"patient\":{\"id\":\"MRN-R\"},"
                    + "\"severity\":{\"scale\":\"ahrq-harm\",\"value\":\"severe-harm\"},\"seriousInjury\":true,"
                    + "\"narrative\":\"n\",\"reporter\":\"pso\"}"), "test");
            FifteenDays clocks = new FifteenDays();

            Investigation late = judge(tenant, clocks, TestServer.NOW);
            Investigation early = judge(tenant, clocks, Instant.parse("2026-10-05T00:00:00Z"));

            assertThat(clocks.seen.facts().seriousInjury()).isTrue();
            assertThat(late.of("REPORT-LATE-OR-MISSING")).singleElement().satisfies(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.IMPLICATED);
                assertThat(f.partyRole()).isEqualTo("deployer");
                assertThat(f.party()).isEqualTo("st-mary");
                assertThat(f.because()).contains("overdue");
            });
            assertThat(early.of("REPORT-LATE-OR-MISSING")).singleElement().satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.NOT_IMPLICATED));
        }
    }

    private static Investigation judge(TenantServices tenant, OwedReports clocks, Instant at) {
        IncidentServices s = new IncidentServices(tenant, Clock.fixed(at, ZoneOffset.UTC), clocks, Catalogue.rules(new ExactIntervals()));
        return s.investigate("inc-r", new IncidentServices.Reader("test", "investigator", false));
    }
}
