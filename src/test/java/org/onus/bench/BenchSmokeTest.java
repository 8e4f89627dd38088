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
}
