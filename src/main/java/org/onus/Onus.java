package org.onus;

import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.onus.auth.Bootstrap;
import org.onus.auth.Tokens;
import org.onus.http.HttpApi;
import org.onus.http.Metrics;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.RecordedIncidentFacts;
import org.onus.investigation.clocks.IncidentFactsSource;
import org.onus.investigation.clocks.RegulatoryClocks;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.WorkCalendars;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Monitor;
import org.onus.monitoring.Monitoring;
import org.onus.recording.TenantServices;
import org.onus.store.LedgerStore;
import org.onus.store.Stores;
import org.onus.web.WebConsole;

/**
 * A running Onus: the one place where the parts are made and wired, with plain constructor
 * calls. {@link #start} opens the store in the data directory, the ledger over it, creates the
 * {@value #DEFAULT_TENANT} tenant on a fresh directory, issues the bootstrap admin token on the
 * first start, and serves the HTTP API. {@link #close} undoes it in reverse: the HTTP server
 * stops, the ledger finishes the appends already queued and signs a final checkpoint, and the
 * store closes.
 *
 * <pre>{@code
 * try (Onus onus = Onus.start(Onus.Config.of(dataDir).withPort(0))) {
 *     URI api = onus.uri();
 *     String admin = onus.bootstrap().orElseThrow().token().secret();
 * }
 * }</pre>
 */
public final class Onus implements AutoCloseable {

    /** The tenant created on a fresh data directory; it is also the operator tenant. */
    public static final String DEFAULT_TENANT = "default";

    /** Where, in the data directory, holiday calendars replacing or adding to the shipped ones are read from. */
    public static final String HOLIDAYS_DIRECTORY = "holidays";

    /**
     * How to start. Build with {@link #of} and the {@code with...} methods.
     *
     * @param dataDir the data directory: store, signing keys, admin-token file
     * @param host the address to listen on; {@code 127.0.0.1} unless told otherwise
     * @param port the port; 0 picks a free one (see {@link Onus#port()})
     * @param originHost host part of every log's origin line ({@code <originHost>/<tenant>});
     *     it must not change once a log has signed checkpoints
     * @param bootstrapSecret the first admin token's secret, if supplied from outside
     *     (normally from {@value Bootstrap#ENVIRONMENT_VARIABLE}); random otherwise
     * @param out where the first start prints the generated admin token
     * @param store where the ledger is kept: null for the embedded store in {@code dataDir}, or a
     *     PostgreSQL URL ({@code postgres://user@host:5432/db}); see {@link Stores}
     */
    public record Config(Path dataDir, String host, int port, String originHost, long maxEntryBytes,
                         Clock clock, SecureRandom random, Optional<String> bootstrapSecret, PrintStream out,
                         String store) {

        public static final int DEFAULT_PORT = 8080;
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final String DEFAULT_ORIGIN = "onus.local";

        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(originHost, "originHost");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(bootstrapSecret, "bootstrapSecret");
            Objects.requireNonNull(out, "out");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            if (maxEntryBytes < 1) {
                throw new IllegalArgumentException("maxEntryBytes must be positive, got " + maxEntryBytes);
            }
        }

        /** Defaults: port 8080 on 127.0.0.1, origin {@code onus.local}, system clock, no supplied secret. */
        public static Config of(Path dataDir) {
            return new Config(dataDir, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_ORIGIN, HttpApi.MAX_ENTRY_BYTES,
                    Clock.systemUTC(), new SecureRandom(), Optional.empty(), System.out, null);
        }

        public Config withPort(int port) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withHost(String host) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withOrigin(String originHost) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withMaxEntryBytes(long maxEntryBytes) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withClock(Clock clock) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withRandom(SecureRandom random) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withBootstrapSecret(String secret) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, Optional.of(secret), out, store);
        }

        /** Takes the bootstrap secret from {@value Bootstrap#ENVIRONMENT_VARIABLE}, if set there. */
        public Config withEnvironment(Map<String, String> environment) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random,
                    Bootstrap.suppliedSecret(environment), out, Stores.chosen(store, environment));
        }

        /** The store to use: null for the embedded one, or a PostgreSQL URL (see {@link Stores}). */
        public Config withStore(String store) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }

        public Config withOut(PrintStream out) {
            return new Config(dataDir, host, port, originHost, maxEntryBytes, clock, random, bootstrapSecret, out, store);
        }
    }

    private final Config config;
    private final LedgerStore store;
    private final Ledger ledger;
    private final Tokens tokens;
    private final Metrics metrics;
    private final Javalin http;
    private final TenantServices.Directory services;
    private final Monitoring monitoring;
    private final Optional<Bootstrap.Outcome> bootstrap;
    private boolean closed;

    private Onus(Config config, LedgerStore store, Ledger ledger, Tokens tokens, Metrics metrics, Javalin http,
                 Optional<Bootstrap.Outcome> bootstrap, TenantServices.Directory services, Monitoring monitoring) {
        this.services = services;
        this.monitoring = monitoring;
        this.config = config;
        this.store = store;
        this.ledger = ledger;
        this.tokens = tokens;
        this.metrics = metrics;
        this.http = http;
        this.bootstrap = bootstrap;
    }

    /**
     * Opens everything and starts serving; on any failure closes what was opened and rethrows.
     * The regulatory clocks take each incident's facts from the recorded incidents.
     */
    public static Onus start(Config config) {
        return start(config, null);
    }

    /**
     * As {@link #start(Config)}, with the regulatory clocks taking each incident's facts from
     * {@code incidentFacts} (null: from the recorded incidents). Work days are counted with the holiday calendars Onus ships, each
     * replaced by a file {@code <data>/holidays/<CODE>.holidays} if there is one.
     */
    public static Onus start(Config config, IncidentFactsSource incidentFacts) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            LedgerStore store = Stores.open(config.store(), config.dataDir(), System.getenv());
            opened.add(store);
            Ledger ledger = new Ledger(store, new KeyDirectory(config.dataDir(), config.random()), config.originHost(), config.clock());
            opened.add(ledger);
            if (store.tenants().isEmpty() || !store.hasTokens()) {
                ledger.createTenant(DEFAULT_TENANT);
            }
            Tokens tokens = new Tokens(ledger, DEFAULT_TENANT, config.clock(), config.random());
            Optional<Bootstrap.Outcome> bootstrap = Bootstrap.ifFirstStart(store, tokens, DEFAULT_TENANT,
                    config.bootstrapSecret(), config.dataDir());
            bootstrap.ifPresent(b -> announce(b, config.out()));
            Metrics metrics = new Metrics();
            opened.add(metrics);
            TenantServices.Directory services = new TenantServices.Directory(
                    new KeyDirectory(config.dataDir(), config.random()), config.clock(), config.random());
            // every tenant's monitor starts with its services and replays its ledger on its own thread
            Monitoring monitoring = new Monitoring(config.clock());
            opened.add(monitoring);
            services.whenCreated(s -> monitoring.of(s.log(), s.registry()));
            for (TenantLog log : ledger.logs()) {
                services.of(log);
            }
            RegulatoryReports reports = new RegulatoryReports(incidentFacts != null ? incidentFacts : new RecordedIncidentFacts(services),
                    new RegulatoryClocks(WorkCalendars.load(config.dataDir().resolve(HOLIDAYS_DIRECTORY))), config.clock());
            IncidentServices.Directory incidents = HttpApi.incidentServices(services, config.clock(), reports, monitoring);
            WebConsole console = new WebConsole(tokens, ledger, services, monitoring, incidents, reports, config.clock(), config.random(),
                    config.dataDir());
            Javalin http = HttpApi.create(ledger, tokens, metrics, config.clock(), config.maxEntryBytes(), services, monitoring, reports,
                    incidents, console::mount);
            opened.add(http::stop);
            http.start(config.host(), config.port());
            return new Onus(config, store, ledger, tokens, metrics, http, bootstrap, services, monitoring);
        } catch (RuntimeException | Error e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static void announce(Bootstrap.Outcome b, PrintStream out) {
        if (b.fromEnvironment()) {
            out.println("admin token " + b.token().id() + " of tenant " + b.token().tenant() + " set from "
                    + Bootstrap.ENVIRONMENT_VARIABLE);
        } else {
            out.println("admin token (shown once; also in " + b.file().orElseThrow() + "): " + b.token().secret());
        }
        out.flush();
    }

    /** The port actually bound (the real one when started with port 0). */
    public int port() {
        return http.port();
    }

    /** {@code http://localhost:<port>}. */
    public java.net.URI uri() {
        return java.net.URI.create("http://localhost:" + port());
    }

    public Ledger ledger() {
        return ledger;
    }

    /** The registry and recording services of a tenant's log. */
    public TenantServices services(TenantLog log) {
        return services.of(log);
    }

    /** The tenant's monitor (started with the tenant's services). */
    public Monitor monitor(TenantLog log) {
        return monitoring.of(log, services.of(log).registry());
    }

    public Tokens tokens() {
        return tokens;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Config config() {
        return config;
    }

    /** What the first start issued, if this start was the first; empty on every later start. */
    public Optional<Bootstrap.Outcome> bootstrap() {
        return bootstrap;
    }

    /** Every tenant's log, for printing verifier keys and the like. */
    public List<TenantLog> logs() {
        List<TenantLog> logs = new ArrayList<>(ledger.logs());
        logs.sort(java.util.Comparator.comparingLong(TenantLog::tenantId));
        return logs;
    }

    /**
     * Stops serving, then lets the ledger finish queued appends and sign a final checkpoint, then
     * closes the store. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            http.stop();
            monitoring.close();
        } finally {
            try {
                ledger.close();
            } finally {
                try {
                    metrics.close();
                } finally {
                    store.close();
                }
            }
        }
    }
}
