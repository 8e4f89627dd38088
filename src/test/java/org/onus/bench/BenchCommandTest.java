package org.onus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onus.cli.Main;
import picocli.CommandLine;

/**
 * {@code onus bench}'s own behaviour (counting, errors by status, exit code, both transports)
 * against a hand-written stub server; {@link BenchSmokeTest} runs it against the real Onus.
 */
class BenchCommandTest {

    private HttpServer stub;
    private final AtomicLong next = new AtomicLong();

    private String startStub(int status, String answer) throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newFixedThreadPool(4));
        stub.createContext("/v1/ledger/entries", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean authorized = "Bearer secret-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int code = authorized ? status : 401;
            byte[] body = (authorized && status == 201 ? "{\"index\":" + next.getAndIncrement() + "}" : answer)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    private record Run(int exitCode, String output) {
        long count(String label) {
            Matcher m = Pattern.compile("(?m)^" + label + ":\\s+(\\d+)").matcher(output);
            assertThat(m.find()).as("a line '%s: <n>' in%n%s", label, output).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    private static Run bench(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int code = new CommandLine(new Main()).setOut(out).setErr(out).execute(args);
        return new Run(code, text.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "httpclient"})
    void countsAcknowledgedEventsAndReportsLatencyPercentiles(String transport) throws IOException {
        String url = startStub(201, "");

        Run run = bench("bench", "--url", url, "--token", "secret-token", "--clients", "2",
                "--duration", "500ms", "--warmup", "0s", "--transport", transport);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.count("events")).isPositive();
        assertThat(run.count("errors")).isZero();
        assertThat(run.output()).contains("events/s").contains("p50").contains("p99").contains("p999");
    }

    @Test
    void countsErrorsByStatusAndExitsNonZero() throws IOException {
        String url = startStub(503, "{\"title\":\"overloaded\"}");

        Run run = bench("bench", "--url", url, "--token", "secret-token", "--clients", "2",
                "--duration", "300ms", "--warmup", "0s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.count("events")).isZero();
        assertThat(run.count("errors")).isPositive();
        assertThat(run.output()).contains("status 503").contains("overloaded");
    }

    @Test
    void aWrongTokenShowsAsUnauthorizedErrors() throws IOException {
        String url = startStub(201, "{\"title\":\"bad token\"}");

        Run run = bench("bench", "--url", url, "--token", "not-the-token", "--clients", "1",
                "--duration", "200ms", "--warmup", "0s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("status 401");
    }

    @Test
    void anUnreachableServerIsCountedAsIoErrorsNotAHang() {
        Run run = bench("bench", "--url", "http://127.0.0.1:1", "--token", "secret-token", "--clients", "1",
                "--duration", "200ms", "--warmup", "0s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("io");
    }

    @Test
    void withoutATokenItSaysHowToGiveOne() {
        Run run = bench("bench", "--url", "http://127.0.0.1:1", "--token", "");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--token");
    }
}
