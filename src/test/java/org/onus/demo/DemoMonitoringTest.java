package org.onus.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Monitor;
import org.onus.recording.TenantServices;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;

class DemoMonitoringTest {

    @TempDir
    Path data;

    @Test
    void theDemoEndsWithOneAlertAcknowledgedAndResolvedAndOthersStillOpen() {
        Clock clock = Clock.systemUTC();
        try (LedgerStore store = TestStores.open(data);
             Ledger ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", clock)) {
            TenantLog log = ledger.createTenant("default");
            TenantServices services = new TenantServices.Directory(new KeyDirectory(data, new SecureRandom()), clock, new SecureRandom()).of(log);
            try (Monitor monitor = new Monitor(log, services.registry(), clock)) {
                new DemoLoader(services).load(new DemoHospital(20260601L, DemoHospital.startBefore(clock), 0.05));

                DemoMonitoring.Result result = DemoMonitoring.respond(monitor);

                assertThat(result.resolved()).isNotNull();
                assertThat(result.open()).isPositive();
                JsonNode resolved = monitor.alert(result.resolved(), null).orElseThrow();
                assertThat(resolved.path("status").asText()).isEqualTo("resolved");
                assertThat(resolved.path("acknowledgements")).hasSize(1);
                assertThat(resolved.path("actions").get(0).path("resolves").asBoolean()).isTrue();
                List<String> open = new ArrayList<>();
                monitor.alerts("open", null, null).forEach(a -> open.add(a.path("id").asText()));
                assertThat(open).hasSize(result.open()).doesNotContain(result.resolved());
            }
        }
    }
}
