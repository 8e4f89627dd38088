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
import org.onus.investigation.OwedReports;
import org.onus.investigation.rules.Catalogue;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.TenantLog;
import org.onus.recording.TenantServices;
import org.onus.store.SqliteStore;

/** The demo's scripted cases, filed as incidents, are judged as their scripts say. */
class DemoIncidentsTest {

    @TempDir
    Path data;

    @Test
    void the_demo_s_incident_cases_are_filed_and_implicate_whom_their_scripts_say() {
        Clock clock = Clock.systemUTC();
        try (SqliteStore store = SqliteStore.open(data);
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
}
