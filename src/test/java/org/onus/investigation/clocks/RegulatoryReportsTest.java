package org.onus.investigation.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.DuplicateKeyException;
import org.onus.ledger.Entries;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.TenantLog;
import org.onus.ledger.VerificationReport;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;
import org.onus.validation.InvalidInputException;
import org.onus.validation.Violation;

/** Filings recorded in the ledger, and each owed report's status moving from due to overdue, filed and followed up. */
class RegulatoryReportsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-20T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** A death at a New York hospital, known on Wednesday 18 November 2026 at 10:00 local time. */
    static final IncidentFacts DEATH_IN_NEW_YORK = Facts.at("2026-11-18T15:00:00Z", "America/New_York", "US",
            Facts.DEVICE_HIGH_RISK, Facts.death());

    @TempDir
    Path data;
    LedgerStore store;
    Ledger ledger;
    TenantLog log;
    RegulatoryReports reports;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", CLOCK);
        log = ledger.createTenant("default");
        IncidentFactsSource source = (l, id) -> id.equals("inc-1") ? Optional.of(DEATH_IN_NEW_YORK) : Optional.empty();
        reports = new RegulatoryReports(source, new RegulatoryClocks(WorkCalendars.builtIn()), CLOCK);
    }

    @AfterEach
    void close() {
        ledger.close();
        store.close();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String filing(String kind, String stage, String filedAt, String reference) {
        return "{'regime':'us-fda-803','kind':'" + kind + "','stage':'" + stage + "','filedAt':'" + filedAt
                + "','reference':'" + reference + "','by':'st-mary'}";
    }

    ReportStatus status(ReportKind kind, String asOf) {
        return reports.schedule(log, DEATH_IN_NEW_YORK, Instant.parse(asOf)).reports().stream()
                .filter(r -> r.report().kind() == kind).findFirst().orElseThrow();
    }

    void checkLog() {
        log.checkpoint();
        VerificationReport report = new LogVerifier(store).verify(log.tenant(), log.publicKey());
        assertThat(report.ok()).as("onus verify: %s", report).isTrue();
        assertThat(report.entries()).isEqualTo(log.size());
    }

    @Test
    void a_report_is_due_with_time_left_then_overdue_once_its_last_day_has_ended() {
        ReportStatus before = status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-03T12:00:00Z");
        ReportStatus atTheEnd = status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-04T05:00:00Z");

        assertThat(before.status()).isEqualTo(ReportStatus.Status.DUE);
        assertThat(before.timeLeft()).isEqualTo(Duration.ofHours(17));
        assertThat(atTheEnd.status()).isEqualTo(ReportStatus.Status.OVERDUE);
        assertThat(atTheEnd.timeLeft()).isEqualTo(Duration.ZERO);
        assertThat(status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-05T05:00:00Z").timeLeft()).isEqualTo(Duration.ofDays(-1));
    }

    @Test
    void a_filing_is_a_ledger_entry_found_under_the_incident_and_makes_the_report_filed_from_its_filing_time() {
        RegulatoryReports.Filed filed = reports.file(log, DEATH_IN_NEW_YORK,
                json(filing("user-facility-death-to-fda", "initial", "2026-12-01T14:00:00Z", "MW5012345")), "tok_1");

        JsonNode entry = Entries.parse(log.entry(filed.index()).orElseThrow().bytes());
        assertThat(entry.get("type").asText()).isEqualTo("report.filing");
        assertThat(entry.get("actor").asText()).isEqualTo("tok_1");
        assertThat(entry.get("data").get("incident").asText()).isEqualTo("inc-1");
        assertThat(entry.get("data").get("reference").asText()).isEqualTo("MW5012345");
        assertThat(log.lookup("incident", "inc-1", Long.MIN_VALUE, Long.MAX_VALUE, null, 10)).extracting(k -> k.index())
                .containsExactly(filed.index());
        assertThat(status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-01T13:59:59Z").status()).isEqualTo(ReportStatus.Status.DUE);
        ReportStatus after = status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-01T14:00:00Z");
        assertThat(after.status()).isEqualTo(ReportStatus.Status.FILED);
        assertThat(after.late()).isFalse();
        assertThat(after.timeLeft()).isNull();
        assertThat(after.initial().reference()).isEqualTo("MW5012345");
        assertThat(status(ReportKind.USER_FACILITY_DEATH_TO_MANUFACTURER, "2026-12-01T14:00:00Z").status())
                .as("the other report of the same death is still due").isEqualTo(ReportStatus.Status.DUE);
        checkLog();
    }

    @Test
    void a_report_filed_after_its_deadline_is_filed_late_and_a_follow_up_makes_it_followed_up() {
        reports.file(log, DEATH_IN_NEW_YORK, json(filing("user-facility-death-to-fda", "initial", "2026-12-07T15:00:00Z", "MW1")), "t");
        reports.file(log, DEATH_IN_NEW_YORK, json(filing("user-facility-death-to-fda", "follow-up", "2026-12-15T15:00:00Z", "MW1-S1")), "t");

        ReportStatus overdue = status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-06T00:00:00Z");
        ReportStatus filed = status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-10T00:00:00Z");
        ReportStatus followed = status(ReportKind.USER_FACILITY_DEATH_TO_FDA, "2026-12-16T00:00:00Z");

        assertThat(overdue.status()).isEqualTo(ReportStatus.Status.OVERDUE);
        assertThat(filed.status()).isEqualTo(ReportStatus.Status.FILED);
        assertThat(filed.late()).isTrue();
        assertThat(followed.status()).isEqualTo(ReportStatus.Status.FOLLOWED_UP);
        assertThat(followed.followUps()).extracting(Filing::reference).containsExactly("MW1-S1");
        checkLog();
    }

    @Test
    void the_same_initial_filing_again_answers_its_index_and_a_different_one_is_a_duplicate() {
        String body = filing("user-facility-death-to-fda", "initial", "2026-12-01T14:00:00Z", "MW1");
        long first = reports.file(log, DEATH_IN_NEW_YORK, json(body), "t").index();
        long size = log.size();

        assertThat(reports.file(log, DEATH_IN_NEW_YORK, json(body), "t").index()).isEqualTo(first);
        assertThat(log.size()).isEqualTo(size);
        assertThatThrownBy(() -> reports.file(log, DEATH_IN_NEW_YORK,
                json(filing("user-facility-death-to-fda", "initial", "2026-12-02T14:00:00Z", "MW2")), "t"))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(log.size()).isEqualTo(size);
    }

    @Test
    void bad_filings_name_every_broken_rule_by_pointer_and_write_nothing() {
        long size = log.size();

        assertThat(rules("{}")).containsOnlyKeys("/regime", "/kind", "/stage", "/filedAt", "/reference", "/by");
        assertThat(rules("{'regime':'uk-mhra','kind':'x','stage':'draft','filedAt':'yesterday','reference':'','by':'st mary','extra':1}"))
                .containsOnlyKeys("/regime", "/kind", "/stage", "/filedAt", "/reference", "/by", "/extra");
        assertThat(rules("{'regime':'eu-mdr','kind':'manufacturer-30-day','stage':'initial','filedAt':'2026-12-01T00:00:00Z','reference':'r','by':'acme'}"))
                .containsEntry("/kind", "is a report of regime us-fda-803, not eu-mdr");
        assertThat(rules("{'regime':'us-fda-803','kind':'manufacturer-5-day','stage':'initial','filedAt':'2026-12-01T00:00:00Z','reference':'r','by':'acme'}"))
                .hasEntrySatisfying("/kind", r -> assertThat(r).startsWith("is not owed for incident inc-1")
                        .contains("user-facility-death-to-fda, user-facility-death-to-manufacturer, manufacturer-30-day"));
        assertThat(rules(filing("manufacturer-30-day", "initial", "2026-11-18T14:59:59Z", "r")))
                .hasEntrySatisfying("/filedAt", r -> assertThat(r).startsWith("is before 2026-11-18T15:00:00Z"));
        assertThat(rules(filing("manufacturer-30-day", "initial", "2026-12-20T12:06:00Z", "r")))
                .hasEntrySatisfying("/filedAt", r -> assertThat(r).contains("future"));
        assertThat(rules(filing("manufacturer-30-day", "follow-up", "2026-12-01T00:00:00Z", "r")))
                .hasEntrySatisfying("/stage", r -> assertThat(r).contains("record the initial report first"));
        assertThat(rules(filing("manufacturer-30-day", "initial", "2026-12-01T00:00:00Z", "r".repeat(201))))
                .containsEntry("/reference", "must be at most 200 characters");
        assertThat(log.size()).isEqualTo(size);
    }

    @Test
    void a_follow_up_dated_before_its_initial_report_is_refused() {
        reports.file(log, DEATH_IN_NEW_YORK, json(filing("manufacturer-30-day", "initial", "2026-12-10T00:00:00Z", "r1")), "t");

        assertThat(rules(filing("manufacturer-30-day", "follow-up", "2026-12-09T00:00:00Z", "r2"))).containsKey("/stage");
        assertThat(rules(filing("manufacturer-30-day", "follow-up", "2026-12-10T00:00:00Z", "r2"))).isEmpty();
    }

    @Test
    void a_filing_of_a_report_the_facts_no_longer_owe_is_shown_apart() {
        reports.file(log, DEATH_IN_NEW_YORK, json(filing("manufacturer-30-day", "initial", "2026-12-10T00:00:00Z", "r1")), "t");
        IncidentFacts nowRemedial = Facts.remedial(DEATH_IN_NEW_YORK);

        Schedule s = reports.schedule(log, nowRemedial, NOW);

        assertThat(s.reports()).extracting(r -> r.report().kind()).contains(ReportKind.MANUFACTURER_5_DAY)
                .doesNotContain(ReportKind.MANUFACTURER_30_DAY);
        assertThat(s.otherFilings()).extracting(Filing::kind).containsExactly(ReportKind.MANUFACTURER_30_DAY);
    }

    @Test
    void a_report_due_immediately_stays_due_until_filed_and_has_no_time_left() {
        IncidentFacts eu = Facts.at("2026-11-18T09:00:00Z", "Europe/Berlin", "DE", Facts.HIGH_RISK_NOT_DEVICE, Facts.injury(false));
        RegulatoryReports reports = new RegulatoryReports((l, id) -> Optional.of(eu),
                new RegulatoryClocks(WorkCalendars.builtIn(), RegulatoryClocks.AiActDates.AS_ENACTED_2024), CLOCK);

        ReportStatus due = reports.schedule(log, eu, Instant.parse("2027-06-01T00:00:00Z")).reports().stream()
                .filter(r -> r.report().kind() == ReportKind.DEPLOYER_INFORMS_PROVIDER).findFirst().orElseThrow();
        reports.file(log, eu, json("{'regime':'eu-ai-act','kind':'deployer-informs-provider','stage':'initial',"
                + "'filedAt':'2026-11-18T11:00:00Z','reference':'email to acme','by':'st-mary'}"), "t");
        ReportStatus filed = reports.schedule(log, eu, NOW).reports().stream()
                .filter(r -> r.report().kind() == ReportKind.DEPLOYER_INFORMS_PROVIDER).findFirst().orElseThrow();

        assertThat(due.status()).isEqualTo(ReportStatus.Status.DUE);
        assertThat(due.timeLeft()).isNull();
        assertThat(filed.status()).isEqualTo(ReportStatus.Status.FILED);
        assertThat(filed.late()).isFalse();
    }

    Map<String, String> rules(String body) {
        try {
            reports.file(log, DEATH_IN_NEW_YORK, json(body), "t");
            return Map.of();
        } catch (InvalidInputException e) {
            Map<String, String> out = new java.util.TreeMap<>();
            for (Violation v : e.violations()) {
                out.putIfAbsent(v.pointer(), v.rule());
            }
            return out;
        }
    }

    @Test
    void filings_of_another_incident_are_not_counted() {
        IncidentFacts other = new IncidentFacts("inc-2", DEATH_IN_NEW_YORK.awareAt(), DEATH_IN_NEW_YORK.zone(), DEATH_IN_NEW_YORK.harm(),
                false, DEATH_IN_NEW_YORK.system(), "st-mary", "US", null, null);
        reports.file(log, other, json(filing("user-facility-death-to-fda", "initial", "2026-12-01T14:00:00Z", "MW9")), "t");

        assertThat(reports.filings(log, "inc-1")).isEmpty();
        assertThat(status(ReportKind.USER_FACILITY_DEATH_TO_FDA, NOW.toString()).status()).isEqualTo(ReportStatus.Status.OVERDUE);
        assertThat(reports.filings(log, "inc-2")).hasSize(1);
        assertThat(List.of(reports.filings(log, "inc-2").get(0).by())).containsExactly("st-mary");
    }
}
