package org.onus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.Onus;
import org.onus.auth.Role;
import org.onus.cli.Main;
import picocli.CommandLine;

/**
 * {@code onus bench} against the real server, for about a second: it must get entries
 * acknowledged and report no errors. A smoke test only: it never asserts on timing; the figures
 * live in BENCHMARKS.md.
 */
class BenchSmokeTest {

    private static final String SECRET = "bench-smoke-test-secret-0123456789abcdef";

    @TempDir
    Path data;

    private static String bench(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int code = new CommandLine(new Main()).setOut(out).setErr(out).execute(args);
        assertThat(code).as("exit code of onus bench, which printed:%n%s", text).isZero();
        return text.toString();
    }

    private static long count(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + ":\\s+(\\d+)").matcher(output);
        assertThat(m.find()).as("a line '%s: <n>' in%n%s", label, output).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void benchAgainstARunningServerGetsEntriesAcknowledgedWithoutErrors() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Onus onus = Onus.start(Onus.Config.of(data).withPort(0).withBootstrapSecret(SECRET).withOut(quiet))) {
            long before = onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow().size();

            String output = bench("bench", "--url", onus.uri().toString(), "--token", SECRET,
                    "--clients", "2", "--duration", "1s", "--warmup", "0s");

            long events = count(output, "events");
            assertThat(events).isPositive();
            assertThat(count(output, "errors")).isZero();
            assertThat(onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow().size())
                    .as("every acknowledged event is in the log").isGreaterThanOrEqualTo(before + events);
        }
    }

    @Test
    void benchSelfStartsItsOwnServerAndNeedsNoSetUp() {
        String output = bench("bench", "--self", "--clients", "2", "--duration", "500ms", "--warmup", "0s");

        assertThat(count(output, "events")).isPositive();
        assertThat(count(output, "errors")).isZero();
    }

    @Test
    void benchSelfWithDecisionBatchesRegistersTheWorldAndGetsEveryEventAcknowledged() {
        String output = bench("bench", "--self", "--workload", "decisions", "--batch", "10",
                "--clients", "2", "--duration", "1s", "--warmup", "0s");

        assertThat(output).contains("registry ready").contains("/v1/decisions:batch");
        long events = count(output, "events");
        assertThat(events).isPositive();
        assertThat(events % 10).as("events are counted per decision, ten per acknowledged batch").isZero();
        assertThat(count(output, "errors")).isZero();
    }

    @Test
    void singleDecisionsAgainstARunningServerAreAllInItsLogAndASecondRunReusesTheRegistry() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Onus onus = Onus.start(Onus.Config.of(data).withPort(0).withBootstrapSecret(SECRET).withOut(quiet))) {
            String first = bench("bench", "--url", onus.uri().toString(), "--token", SECRET, "--workload", "decisions",
                    "--clients", "2", "--duration", "500ms", "--warmup", "0s");
            long before = onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow().size();

            String second = bench("bench", "--url", onus.uri().toString(), "--token", SECRET, "--workload", "decisions",
                    "--clients", "2", "--duration", "500ms", "--warmup", "0s");

            assertThat(first).containsPattern("POST \\S+/v1/decisions\\R").contains("8 records written");
            assertThat(second).contains("0 records written, 8 already there");
            long events = count(second, "events");
            assertThat(events).isPositive();
            assertThat(count(second, "errors")).isZero();
            assertThat(onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow().size())
                    .as("every acknowledged decision is in the log").isGreaterThanOrEqualTo(before + events);
        }
    }

    @Test
    void theDecisionsWorkloadWithATokenThatMayNotWriteTheRegistrySaysItNeedsAnAdminToken() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Onus onus = Onus.start(Onus.Config.of(data).withPort(0).withBootstrapSecret(SECRET).withOut(quiet))) {
            String integration = onus.tokens().issue(Onus.DEFAULT_TENANT, Role.INTEGRATION, "ehr", "test").secret();
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text, true);

            int code = new CommandLine(new Main()).setOut(out).setErr(out).execute("bench", "--url", onus.uri().toString(),
                    "--token", integration, "--workload", "decisions", "--clients", "1", "--duration", "200ms", "--warmup", "0s");

            assertThat(code).as(text.toString()).isEqualTo(2);
            assertThat(text.toString()).contains("admin token").contains("403");
        }
    }
}
