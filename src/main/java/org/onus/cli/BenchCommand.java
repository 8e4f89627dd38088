package org.onus.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.onus.Onus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onus bench}: load on a running Onus over HTTP, the way an EHR integration would put it.
 *
 * <p>Each of {@code --clients} threads keeps one HTTP/1.1 keep-alive connection and, in a closed
 * loop, POSTs a request and waits for its {@code 201}, which Onus sends only after what it
 * carries is durably committed. What it POSTs is the {@code --workload}:
 * <ul>
 *   <li>{@code entries} (the default): one annotation entry to {@code /v1/ledger/entries};</li>
 *   <li>{@code decisions}: decision events as an EHR integration reports them (see
 *       {@link BenchDecisions}), one per request to {@code /v1/decisions}, or with
 *       {@code --batch N} N per request to {@code /v1/decisions:batch}. Before the clock starts
 *       it registers, through the API, the site, system, version, card, clinicians and
 *       authorization the events refer to, so the token must be an admin's.</li>
 * </ul>
 * Throughput is counted in events (a batch of N acknowledged is N events), latency per request. Every
 * request started during the {@code --duration} after {@code --warmup} is timed to its answer;
 * the report gives acknowledged events per second over that window (stretched to the last
 * answer), latency percentiles and the errors by status. Closed-loop clients slow down
 * when the server does, so latencies are those of a saturated server, not of a fixed arrival rate.
 *
 * <p>The default transport writes HTTP/1.1 by hand on plain sockets: on a 2-core machine the
 * client shares the CPU with the server, and the JDK's {@link HttpClient} costs several times
 * more CPU per request. {@code --transport httpclient} uses the JDK client instead, for comparison.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Drives a running Onus over HTTP with concurrent clients appending entries or recording",
            "decision events, and prints acknowledged events/s, p50/p99/p999 request latency and errors by status.",
            "Exits non-zero if any request failed or none succeeded."})
final class BenchCommand implements Callable<Integer> {

    enum Transport { socket, httpclient }

    enum Workload { entries, decisions }

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "Onus base URL (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", defaultValue = "${env:ONUS_TOKEN}",
            description = "bearer token allowed to append entries (default: $ONUS_TOKEN)")
    String token;

    @Option(names = "--clients", defaultValue = "64", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "measured time, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "load before measuring starts (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--transport", defaultValue = "socket",
            description = "socket (hand-written HTTP/1.1) or httpclient (java.net.http) (default: ${DEFAULT-VALUE})")
    Transport transport;

    @Option(names = "--workload", defaultValue = "entries",
            description = "entries (annotation entries to /v1/ledger/entries) or decisions (decision events to /v1/decisions,"
                    + " after registering what they refer to; needs an admin token) (default: ${DEFAULT-VALUE})")
    Workload workload;

    @Option(names = "--batch", defaultValue = "1",
            description = "decisions per request; above 1 they go to /v1/decisions:batch as {\"decisions\": [...]} (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--patients", defaultValue = "20000",
            description = "size of the pool the decisions' patients are drawn from, so patients repeat (default: ${DEFAULT-VALUE})")
    int patients;

    @Option(names = "--self",
            description = "start an embedded Onus on a free port in a temporary data directory, bench it, stop it and delete the directory")
    boolean self;

    @Option(names = "--store", paramLabel = "URL",
            description = "with --self: run on this (empty) PostgreSQL database instead of the embedded store")
    String store;

    @Option(names = "--nodes", defaultValue = "1",
            description = "with --self and --store: start this many Onus nodes on the database and spread the clients over them (default: ${DEFAULT-VALUE})")
    int nodes;

    /** With {@code --nodes}: each node's base URL; client i loads node i mod n. */
    private final List<URI> nodeUris = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (clients < 1 || duration.isZero() || duration.isNegative() || warmup.isNegative()) {
            err.println("onus bench: --clients must be at least 1, --duration positive and --warmup not negative");
            return 2;
        }
        if (batch < 1 || batch > 10_000 || patients < 1) {
            err.println("onus bench: --batch must be between 1 and 10000 (Onus's largest batch), --patients at least 1");
            return 2;
        }
        if (batch > 1 && workload != Workload.decisions) {
            err.println("onus bench: --batch applies to --workload decisions only (the ledger entry endpoint takes one entry per request)");
            return 2;
        }
        if ((store != null || nodes != 1) && !self) {
            err.println("onus bench: --store and --nodes apply to --self only");
            return 2;
        }
        if (nodes < 1 || nodes > 1 && store == null) {
            err.println("onus bench: --nodes must be at least 1, and several nodes need a shared --store (PostgreSQL)");
            return 2;
        }
        if (self) {
            return benchEmbedded(out, err);
        }
        if (token == null || token.isBlank()) {
            err.println("onus bench: no token; pass --token <bearer> (an admin or integration token; an admin's for"
                    + " --workload decisions), or set ONUS_TOKEN");
            return 2;
        }
        return run(out, err);
    }

    /** {@code --self}: the same load against an Onus in this process (which then shares the CPU with the clients). */
    private int benchEmbedded(PrintWriter out, PrintWriter err) throws Exception {
        Path dir = Files.createTempDirectory("onus-bench-self");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = "bench-" + HexFormat.of().formatHex(random);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<Onus> started = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                started.add(Onus.start(Onus.Config.of(dir).withPort(0).withBootstrapSecret(secret).withOut(quiet).withStore(store)));
                nodeUris.add(started.get(n).uri());
            }
            out.printf(Locale.ROOT, "onus bench: %d Onus node%s at %s, %s, keys in %s%n", nodes, nodes == 1 ? "" : "s", nodeUris,
                    store == null ? "embedded store" : "PostgreSQL " + org.onus.store.PostgresSettings.redact(store), dir);
            url = started.get(0).uri();
            token = secret;
            return run(out, err);
        } finally {
            for (int n = started.size() - 1; n >= 0; n--) {
                started.get(n).close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        BenchDecisions decisions = null;
        URI target;
        if (workload == Workload.decisions) {
            String failed = BenchDecisions.register(url, token, out);
            if (failed != null) {
                err.println("onus bench: " + failed);
                return 2;
            }
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            decisions = new BenchDecisions(HexFormat.of().formatHex(random), patients);
            target = url.resolve(batch > 1 ? "/v1/decisions:batch" : "/v1/decisions");
        } else {
            target = url.resolve("/v1/ledger/entries");
        }
        out.printf(Locale.ROOT, "onus bench: %d clients, %s warm-up, %s measured, %s transport, %s workload%s, POST %s%n",
                clients, format(warmup), format(duration), transport, workload,
                batch > 1 ? ", " + batch + " events per request" : "", target);
        out.flush();
        HttpClient shared = transport == Transport.httpclient
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                : null;
        List<Exchange> exchanges = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                URI mine = nodeUris.size() > 1 ? nodeUris.get(i % nodeUris.size()).resolve(target.getPath()) : target;
                exchanges.add(shared != null ? new JdkExchange(shared, mine, token) : new SocketExchange(mine, token));
            }
        } catch (IllegalArgumentException e) {
            err.println("onus bench: " + e.getMessage());
            return 2;
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long until = measureFrom + duration.toNanos();
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client(requests(decisions, i), exchanges.get(i), measureFrom, until);
            all.add(c);
            Thread t = new Thread(c, "onus-bench-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long cpuFrom = -1;
        long waitNanos = measureFrom - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            cpuFrom = processCpuNanos();
        }
        for (Thread t : threads) {
            t.join();
        }
        long cpuNanos = cpuFrom < 0 ? -1 : processCpuNanos() - cpuFrom;
        int code = report(all, out, err);
        long ok = all.stream().mapToLong(c -> c.ok).sum();
        if (self && cpuNanos > 0 && ok > 0) {
            // server and clients share this process, so this is an upper bound on the server's own cost
            long clientNanos = all.stream().mapToLong(c -> c.cpuNanos).sum();
            out.printf(Locale.ROOT, "cpu:         %.1f µs per event in this process, %.1f of them in the bench clients; %.2f of %d cores busy%n",
                    cpuNanos / 1e3 / ok, clientNanos / 1e3 / ok, cpuNanos / (double) duration.toNanos(),
                    Runtime.getRuntime().availableProcessors());
            out.flush();
        }
        return code;
    }

    /** What client {@code client} sends, request after request. */
    private Requests requests(BenchDecisions decisions, int client) {
        if (decisions == null) {
            long[] seq = {0};
            return b -> {
                entry(b, client, seq[0]++);
                return 1;
            };
        }
        SplittableRandom random = new SplittableRandom(0x5eed_0000L + client);
        long[] seq = {0};
        int n = batch;
        if (n == 1) {
            return b -> {
                decisions.write(b, client, seq[0]++, random, BenchDecisions.now());
                return 1;
            };
        }
        return b -> {
            String now = BenchDecisions.now();
            b.append("{\"decisions\":[");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(',');
                }
                decisions.write(b, client, seq[0]++, random, now);
            }
            b.append("]}");
            return n;
        };
    }

    private int report(List<Client> all, PrintWriter out, PrintWriter err) {
        long ok = 0;
        long requests = 0;
        int n = 0;
        long measuredNanos = duration.toNanos();
        Map<String, Long> errors = new TreeMap<>();
        String firstError = null;
        for (Client c : all) {
            ok += c.ok;
            requests += c.okRequests;
            measuredNanos = Math.max(measuredNanos, c.lastEnd - c.measureFrom);
            n += c.latencies.size;
            c.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            if (firstError == null) {
                firstError = c.firstError;
            }
        }
        long[] sorted = new long[n];
        int at = 0;
        for (Client c : all) {
            System.arraycopy(c.latencies.values, 0, sorted, at, c.latencies.size);
            at += c.latencies.size;
        }
        Arrays.sort(sorted);
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        double seconds = measuredNanos / 1e9;
        out.printf(Locale.ROOT, "events:      %d acknowledged (201) in %.2f s%n", ok, seconds);
        out.printf(Locale.ROOT, "throughput:  %.1f events/s (%.1f requests/s, %d events per request)%n",
                ok / seconds, requests / seconds, requests == 0 ? 0 : ok / requests);
        out.printf(Locale.ROOT, "latency:     p50 %s  p99 %s  p999 %s  max %s  (%d requests timed)%n",
                millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(percentile(sorted, 0.999)), millis(n == 0 ? -1 : sorted[n - 1]), n);
        out.printf(Locale.ROOT, "errors:      %d%s%n", failed, failed == 0 ? "" : " requests failed");
        errors.forEach((k, v) -> out.printf(Locale.ROOT, "  %-12s %d%n", k + ":", v));
        out.flush();
        if (firstError != null) {
            err.println("onus bench: first error: " + firstError);
        }
        return failed == 0 && ok > 0 ? 0 : 1;
    }

    /** CPU time this process has used, or -1 where the platform does not tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The bodies one client sends. */
    @FunctionalInterface
    private interface Requests {
        /** Writes the next request's body into {@code b} (empty) and returns how many events it carries. */
        int next(StringBuilder b);
    }

    /** One closed-loop client: send, wait for the answer, record, repeat until the end. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static final class Client implements Runnable {
        private final Requests requests;
        private final Exchange exchange;
        private final long measureFrom;
        private final long until;
        final LongList latencies = new LongList();
        final Map<String, Long> errors = new TreeMap<>();
        long ok;
        long okRequests;
        long lastEnd;
        String firstError;
        /** This client's own CPU time from the start of the measured window (-1 until then). */
        long cpuFrom = -1;
        long cpuNanos;

        Client(Requests requests, Exchange exchange, long measureFrom, long until) {
            this.requests = requests;
            this.exchange = exchange;
            this.measureFrom = measureFrom;
            this.until = until;
        }

        @Override
        public void run() {
            StringBuilder body = new StringBuilder(400);
            try {
                while (System.nanoTime() < until) {
                    body.setLength(0);
                    int events = requests.next(body);
                    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                    long now = System.nanoTime(); // the request's clock starts once its body is ready
                    if (cpuFrom < 0 && now >= measureFrom) {
                        cpuFrom = THREADS.getCurrentThreadCpuTime();
                    }
                    String outcome;
                    try {
                        int status = exchange.post(bytes);
                        outcome = status == 201 ? null : "status " + status;
                        if (outcome != null && firstError == null) {
                            String answer = exchange.lastBody();
                            firstError = outcome + ": " + (answer.length() > 2000 ? answer.substring(0, 2000) + "..." : answer);
                        }
                    } catch (IOException | RuntimeException e) {
                        outcome = "io";
                        if (firstError == null) {
                            firstError = e.toString();
                        }
                        exchange.reset();
                        pause();
                    }
                    long end = System.nanoTime();
                    if (now >= measureFrom) { // started in the window; the window closes to new requests only
                        lastEnd = end;
                        if (outcome == null) {
                            ok += events;
                            okRequests++;
                            latencies.add(end - now);
                        } else {
                            errors.merge(outcome, 1L, Long::sum);
                        }
                    }
                }
            } finally {
                exchange.reset();
                if (cpuFrom >= 0) {
                    cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuFrom;
                }
            }
        }

        private static void pause() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An annotation entry of about 300 bytes of JSON (about 400 once Onus wraps it in its envelope). */
    static void entry(StringBuilder b, int client, long seq) {
        b.append("{\"type\":\"investigator-note\",\"client\":").append(client)
                .append(",\"seq\":").append(seq)
                .append(",\"incident\":\"inc-").append(seq % 9973)
                .append("\",\"deployment\":\"dep-sepsis-watch-").append(client % 17)
                .append("\",\"author\":\"dr.j.moreau@st-example.org\",\"severity\":").append(seq % 5)
                .append(",\"note\":\"reviewed sepsis alert score against chart timeline; clinician override")
                .append(" accepted after follow-up, escalated to radiology for drift check\"}");
    }

    /** Growable array of longs, to keep a million latencies without boxing them. */
    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    /** One request and its answer on one client's connection. */
    private interface Exchange {
        /** Sends the entry and returns the HTTP status once the whole answer is read. */
        int post(byte[] json) throws IOException;

        /** The last answer's body, for error messages. */
        String lastBody();

        /** Drops the connection (after an I/O error, and at the end). */
        void reset();
    }

    /** HTTP/1.1 by hand on a blocking socket: just what Onus's answers need (length or chunked). */
    private static final class SocketExchange implements Exchange {
        private final String host;
        private final int port;
        private final byte[] head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private byte[] body = new byte[0];
        private final StringBuilder line = new StringBuilder();

        SocketExchange(URI target, String token) {
            if (!"http".equals(target.getScheme())) {
                throw new IllegalArgumentException("the socket transport speaks plain http only; use --transport httpclient for " + target);
            }
            this.host = target.getHost();
            this.port = target.getPort() < 0 ? 80 : target.getPort();
            this.head = ("POST " + target.getRawPath() + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int post(byte[] json) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(60_000);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            }
            out.write(head);
            out.write((json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = readLine(); !h.isEmpty(); h = readLine()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    readLine();
                }
                for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                    // trailers carry nothing the bench needs
                }
                body = all.toByteArray();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
                if (body.length != length) {
                    throw new IOException("connection closed in the middle of an answer");
                }
            } else {
                body = in.readAllBytes();
                close = true;
            }
            if (close) {
                reset();
            }
            return code;
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public String lastBody() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public void reset() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a broken connection has nothing left to report
                }
                socket = null;
            }
        }
    }

    /** The JDK's client, HTTP/1.1; it keeps one pooled connection per concurrently waiting client. */
    private static final class JdkExchange implements Exchange {
        private final HttpClient client;
        private final HttpRequest.Builder request;
        private String body = "";

        JdkExchange(HttpClient client, URI target, String token) {
            this.client = client;
            this.request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        }

        @Override
        public int post(byte[] json) throws IOException {
            try {
                HttpResponse<String> r = client.send(request.copy().POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                        HttpResponse.BodyHandlers.ofString());
                body = r.body();
                return r.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public String lastBody() {
            return body;
        }

        @Override
        public void reset() {
        }
    }

    /** Reads {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h} or an ISO-8601 duration ({@code PT30S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 30s, 500ms, 2m or PT30S");
            }
        }
    }
}
