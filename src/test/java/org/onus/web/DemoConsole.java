package org.onus.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.onus.Onus;
import org.onus.auth.Role;
import org.onus.demo.DemoHospital;
import org.onus.demo.DemoIncidents;
import org.onus.demo.DemoLoader;
import org.onus.demo.DemoMonitoring;
import org.onus.investigation.ExactIntervals;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.OwedReports;
import org.onus.investigation.rules.Catalogue;
import org.onus.ledger.TenantLog;
import org.onus.recording.TenantServices;

/**
 * One Onus serving the demo hospital at a small scale (the same story, its planted problems and
 * all its incidents, on fewer decisions), started once per test JVM and shared by the console's
 * tests, with a token for each role. Loading takes seconds rather than the full demo's minutes.
 */
final class DemoConsole {

    static final double SCALE = 0.05;
    static final String VENDOR_PARTY = "mfr-lumina";

    private static DemoConsole started;

    final Onus onus;
    final Path data;
    final TenantLog log;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final List<DemoIncidents.Filed> incidents;
    final double loadSeconds;

    private DemoConsole(Path data) {
        long t0 = System.nanoTime();
        this.data = data;
        this.onus = Onus.start(Onus.Config.of(data).withPort(0).withOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
        this.log = onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow();
        TenantServices services = onus.services(log);
        DemoHospital hospital = new DemoHospital(20260601L, DemoHospital.startBefore(Clock.systemUTC()), SCALE);
        new DemoLoader(services).load(hospital);
        DemoMonitoring.respond(onus.monitor(log));
        incidents = new DemoIncidents(new IncidentServices(services, Clock.systemUTC(), OwedReports.UNKNOWN,
                Catalogue.rules(new ExactIntervals())), Clock.systemUTC()).fileAll(hospital.summary());
        log.checkpoint();
        for (Role role : List.of(Role.ADMIN, Role.INVESTIGATOR, Role.GOVERNANCE, Role.AUDITOR, Role.INTEGRATION)) {
            tokens.put(role, onus.tokens().issue(Onus.DEFAULT_TENANT, role, "console test " + role.wireName(), "test").secret());
        }
        tokens.put(Role.VENDOR, onus.tokens().issue(Onus.DEFAULT_TENANT, Role.VENDOR, "console test vendor", "test", VENDOR_PARTY).secret());
        loadSeconds = (System.nanoTime() - t0) / 1e9;
    }

    static synchronized DemoConsole get() {
        if (started == null) {
            try {
                Path data = Files.createTempDirectory("onus-console-test");
                started = new DemoConsole(data);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.onus.close();
                    delete(data);
                }));
            } catch (IOException e) {
                throw new IllegalStateException("cannot make a data directory for the console tests: " + e.getMessage(), e);
            }
        }
        return started;
    }

    String url(String path) {
        return onus.uri() + path;
    }

    String incident(String code) {
        return incidents.stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow().incident();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
