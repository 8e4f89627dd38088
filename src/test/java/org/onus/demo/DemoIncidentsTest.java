package org.onus.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.investigation.ExactIntervals;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.ClockedReports;
import org.onus.investigation.OwedReports;
import org.onus.investigation.RecordedIncidentFacts;
import org.onus.investigation.clocks.RegulatoryClocks;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.WorkCalendars;
import org.onus.investigation.rules.Catalogue;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.TenantLog;
import org.onus.recording.TenantServices;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;

/** The demo's scripted cases, filed as incidents, are judged as their scripts say. */
class DemoIncidentsTest {

    @TempDir
    Path data;

    @Test
    void the_demo_s_incident_cases_are_filed_and_implicate_whom_their_scripts_say() {
        Clock clock = Clock.systemUTC();
        try (LedgerStore store = TestStores.open(data);
             Ledger ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", clock)) {
            TenantLog log = ledger.createTenant("default");
            TenantServices services = new TenantServices.Directory(new KeyDirectory(data, new SecureRandom()), clock, new SecureRandom()).of(log);
            DemoHospital hospital = new DemoHospital(20260601L, DemoHospital.startBefore(clock), 0.02);
            new DemoLoader(services).load(hospital);

            List<DemoIncidents.Filed> filed = new DemoIncidents(new IncidentServices(services, clock, OwedReports.UNKNOWN,
                    Catalogue.rules(new ExactIntervals())), clock).fileAll(hospital.summary());

            Map<String, List<String>> implicated = filed.stream().collect(Collectors.toMap(DemoIncidents.Filed::code,
                    f -> DemoIncidents.implicatedLines(f.investigation())));
            implicated.forEach((code, lines) -> System.out.println("demo incident " + code + ": " + lines));
            assertThat(filed).hasSize(hospital.summary().incidents().size()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(implicated.get("scribe-wrong-dose-signed-unreviewed")).anyMatch(l -> l.startsWith("USE-REVIEW-SKIPPED -> clinician"));
            assertThat(implicated.get("srs-correct-alert-overridden")).anyMatch(l -> l.startsWith("USE-STANDARD-OF-CARE -> clinician"));
            assertThat(implicated.get("srs-adolescent-wider-authorization")).anyMatch(l -> l.startsWith("DEPLOY-OUTSIDE-INTENDED-USE -> deployer"));
            assertThat(implicated.get("scribe-silent-update-near-miss")).anyMatch(l -> l.startsWith("DESIGN-SILENT-UPDATE -> manufacturer"));
            assertThat(implicated.get("robot-thermal-injury-notice-late")).contains("DESIGN-DEVICE-MALFUNCTION -> manufacturer mfr-surgenix",
                    "MONITOR-NOTICE-NOT-APPLIED -> deployer site-lakeshore");
            assertThat(implicated.get("robot-conversion-untrained-surgeon")).contains("USE-UNTRAINED-CLINICIAN -> clinician clin-lakeshore-surg-03")
                    .as("E-217 is a documented limitation").doesNotContain("DESIGN-DEVICE-MALFUNCTION -> manufacturer mfr-surgenix");
            log.checkpoint();
            assertThat(new LogVerifier(store).verify("default", log.publicKey()).ok()).isTrue();
        }
    }

    @Test
    void the_device_incidents_owe_real_reports_some_filed_on_time_one_late_and_one_overdue() {
        Clock clock = Clock.systemUTC();
        try (LedgerStore store = TestStores.open(data);
             Ledger ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", clock)) {
            TenantLog log = ledger.createTenant("default");
            TenantServices services = new TenantServices.Directory(new KeyDirectory(data, new SecureRandom()), clock, new SecureRandom()).of(log);
            DemoHospital hospital = new DemoHospital(20260601L, DemoHospital.startBefore(clock), 0.02);
            new DemoLoader(services).load(hospital);
            RegulatoryReports reports = new RegulatoryReports(new RecordedIncidentFacts(l -> services),
                    new RegulatoryClocks(WorkCalendars.builtIn()), clock);

            List<DemoIncidents.Filed> filed = new DemoIncidents(new IncidentServices(services, clock, new ClockedReports(reports, log),
                    Catalogue.rules(new ExactIntervals())), reports, clock).fileAll(hospital.summary());

            Map<String, DemoIncidents.Filed> byCode = filed.stream().collect(Collectors.toMap(DemoIncidents.Filed::code, f -> f));
            Map<String, List<String>> lines = filed.stream().collect(Collectors.toMap(DemoIncidents.Filed::code, f -> DemoIncidents.reportLines(f.reports())));
            lines.forEach((code, l) -> System.out.println("demo reports " + code + ": " + l));
            assertThat(lines.get("mammo-implants-known-limitation")).singleElement().asString()
                    .contains("Serious incident report by mfr-lumina").contains("filed on time");
            assertThat(byCode.get("mammo-implants-known-limitation").reports().facts().zone().getId()).isEqualTo("Europe/Berlin");
            assertThat(byCode.get("robot-thermal-injury-notice-late").reports().facts().zone().getId()).isEqualTo("America/Chicago");
            assertThat(lines.get("robot-thermal-injury-notice-late")).anyMatch(l -> l.contains("by site-lakeshore") && l.contains("filed on time"));
            // the untrained surgeon's case is about two weeks old: its user facility report, never filed, is overdue
            assertThat(lines.get("robot-conversion-untrained-surgeon")).anyMatch(l -> l.contains("by site-lakeshore") && l.contains("OVERDUE"));
            assertThat(DemoIncidents.implicatedLines(byCode.get("robot-conversion-untrained-surgeon").investigation()))
                    .contains("REPORT-LATE-OR-MISSING -> user-facility site-lakeshore");
            assertThat(lines.get("srs-correct-alert-overridden")).as("not a device, and the AI Act's high-risk duties apply from 2027").isEmpty();
        }
    }
}
