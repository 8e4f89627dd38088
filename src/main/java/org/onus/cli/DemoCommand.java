package org.onus.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.onus.Onus;
import org.onus.auth.IssuedToken;
import org.onus.auth.Role;
import java.util.List;
import org.onus.demo.DemoHospital;
import org.onus.demo.DemoIncidents;
import org.onus.demo.DemoLoader;
import org.onus.demo.DemoMonitoring;
import org.onus.demo.DemoSummary;
import org.onus.investigation.ExactIntervals;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.ClockedReports;
import org.onus.investigation.RecordedIncidentFacts;
import org.onus.investigation.clocks.RegulatoryClocks;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.WorkCalendars;
import org.onus.investigation.rules.Catalogue;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.TenantLog;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code onus demo}: serves Onus with a realistic hospital organisation recorded in it: two sites,
 * four AI products, forty clinicians, ninety days of decisions, actions and outcomes, and the
 * problems an investigation should find, with its scripted cases filed as incidents and
 * investigated. The story is loaded once, through the same services
 * the API uses; later starts on the same data directory just serve it. Tokens for each role are
 * printed and kept in {@code <data>/demo-tokens}, owner-only.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Serves Onus filled with a demo hospital (loaded on first start into its own data directory)."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", defaultValue = "./onus-demo", description = "data directory of the demo (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--scale", defaultValue = "1.0", description = "share of the full story to load; 1.0 is about 100,000 decisions (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--seed", defaultValue = "20260601", description = "seed of the story (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--load-only", description = "load the story and exit instead of serving")
    boolean loadOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(scale > 0 && scale <= 5)) {
            err.println("onus demo: --scale must be above 0 and at most 5, got " + scale);
            return 2;
        }
        Onus onus;
        try {
            onus = Onus.start(Onus.Config.of(data).withPort(port).withEnvironment(System.getenv()));
        } catch (RuntimeException e) {
            err.println("onus demo: cannot start: " + e.getMessage());
            return 1;
        }
        try {
            TenantLog log = onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow();
            TenantServices services = onus.services(log);
            if (services.registry().ids(RecordKind.PARTY).isEmpty()) {
                DemoHospital hospital = new DemoHospital(seed, DemoHospital.startBefore(Clock.systemUTC()), scale);
                out.println("loading the demo hospital (seed " + seed + ", scale " + scale + ", "
                        + hospital.start() + " to " + hospital.end() + ") ...");
                out.flush();
                long started = System.nanoTime();
                DemoLoader.Loaded loaded = new DemoLoader(services).load(hospital);
                out.printf("loaded %s into %d ledger entries in %.1f s%n", loaded.counts(), loaded.ledgerSize(),
                        (System.nanoTime() - started) / 1e9);
                writeTokens(onus, hospital.summary(), out);
                DemoMonitoring.Result watched = DemoMonitoring.respond(onus.monitor(log));
                if (watched.resolved() == null) {
                    out.println("monitoring raised no alert");
                } else {
                    out.printf("monitoring raised %d alerts; %s (%s) acknowledged and resolved by the governance committee; %d open:%n",
                            watched.alerts(), watched.resolved(), watched.resolvedRule(), watched.open());
                }
                watched.openRules().stream().limit(8).forEach(r -> out.println("  " + r));
                long investigating = System.nanoTime();
                RegulatoryReports reports = new RegulatoryReports(new RecordedIncidentFacts(onus::services),
                        new RegulatoryClocks(WorkCalendars.load(data.resolve(Onus.HOLIDAYS_DIRECTORY))), Clock.systemUTC());
                List<DemoIncidents.Filed> filed = new DemoIncidents(new IncidentServices(services, Clock.systemUTC(),
                        new ClockedReports(reports, log), Catalogue.rules(new ExactIntervals()), onus.monitor(log)), reports, Clock.systemUTC())
                        .fileAll(hospital.summary());
                out.printf("filed %d incidents, their regulatory reports, and ran the responsibility rules in %.1f s "
                        + "(GET /v1/incidents/{id}/investigation, .../reports):%n", filed.size(), (System.nanoTime() - investigating) / 1e9);
                for (DemoIncidents.Filed f : filed) {
                    List<String> lines = DemoIncidents.implicatedLines(f.investigation());
                    out.println("  " + f.incident() + ": " + (lines.isEmpty() ? "no party implicated" : String.join("; ", lines)));
                    DemoIncidents.reportLines(f.reports()).forEach(r -> out.println("      report: " + r));
                }
                log.checkpoint();
            } else {
                out.println("the demo is already loaded in " + data + "; tokens are in " + data.resolve("demo-tokens"));
            }
            if (loadOnly) {
                onus.close();
                return 0;
            }
        } catch (RuntimeException e) {
            onus.close();
            err.println("onus demo: loading failed: " + e.getMessage());
            return 1;
        }
        return Serving.untilStopped(onus, out);
    }

    private void writeTokens(Onus onus, DemoSummary summary, PrintWriter out) throws java.io.IOException {
        StringBuilder lines = new StringBuilder();
        for (Role role : new Role[] {Role.INVESTIGATOR, Role.GOVERNANCE, Role.INTEGRATION, Role.AUDITOR}) {
            IssuedToken t = onus.tokens().issue(Onus.DEFAULT_TENANT, role, "demo " + role.wireName(), "demo");
            lines.append(role.wireName()).append(' ').append(t.secret()).append('\n');
        }
        String vendor = onus.services(onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow()).registry()
                .ids(RecordKind.PARTY).stream().filter(id -> id.startsWith("mfr-")).findFirst().orElse(null);
        if (vendor != null) {
            IssuedToken t = onus.tokens().issue(Onus.DEFAULT_TENANT, Role.VENDOR, "demo vendor " + vendor, "demo", vendor);
            lines.append("vendor(").append(vendor).append(") ").append(t.secret()).append('\n');
        }
        Path file = data.resolve("demo-tokens");
        if (!Files.exists(file)) {
            KeyDirectory.writeOwnerOnly(file, lines.toString());
        }
        out.println("tokens for each role (also in " + file + "):");
        out.print(lines);
        out.println("planted problems: " + summary.problems().size() + "; incident cases: " + summary.incidents().size());
    }
}
