package org.onus.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.Entries;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.TenantLog;
import org.onus.recording.Flag;
import org.onus.recording.TenantServices;
import org.onus.registry.Authorization;
import org.onus.registry.RecordKind;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;

class DemoLoaderTest {

    @TempDir
    Path data;

    @Test
    void theDemoHospitalLoadsThroughTheServicesWithItsPlantedProblemsFlaggedAndTheLedgerVerifies() {
        Clock clock = Clock.systemUTC();
        try (LedgerStore store = TestStores.open(data);
             Ledger ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", clock)) {
            TenantLog log = ledger.createTenant("default");
            TenantServices services = new TenantServices.Directory(new KeyDirectory(data, new SecureRandom()), clock, new SecureRandom()).of(log);
            DemoHospital hospital = new DemoHospital(20260601L, DemoHospital.startBefore(clock), 0.02);

            DemoLoader.Loaded loaded = new DemoLoader(services).load(hospital);

            assertThat(loaded.counts().get(DemoRecord.DECISION)).isGreaterThan(1_000);
            Authorization wide = services.registry().current(RecordKind.AUTHORIZATION, "auth-lakeshore-srs",
                    hospital.end(), Authorization.class).orElseThrow();
            assertThat(wide.widensCard()).isNotEmpty();
            List<String> flags = new ArrayList<>();
            store.scan(log.tenantId(), 0, log.size(), e -> {
                if (e.type().equals("decision")) {
                    JsonNode f = Entries.parse(e.bytes()).get("data").get("flags");
                    if (f != null) {
                        f.forEach(x -> flags.add(x.get("code").asText()));
                    }
                }
            });
            java.util.Map<String, Long> byCode = flags.stream().collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting()));
            System.out.println("demo flags: " + byCode + " of " + loaded.counts().get(DemoRecord.DECISION) + " decisions");
            assertThat(flags).contains(Flag.VERSION_NOT_REGISTERED, Flag.OUTSIDE_AUTHORIZED_POPULATION, Flag.OUTSIDE_INTENDED_POPULATION);
            log.checkpoint();
            assertThat(new LogVerifier(store).verify("default", log.publicKey()).ok()).isTrue();
        }
    }
}
