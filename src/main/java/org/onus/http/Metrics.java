package org.onus.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;

/**
 * The process's Prometheus metrics: HTTP requests (count and latency by method, route template
 * and status), entries appended through the API and log size, both by tenant, and JVM basics.
 * Routes are templates ({@code /v1/ledger/entries/{index}}), never raw paths, so the number of
 * series stays bounded whatever clients send.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Set<Long> gaugedLogs = ConcurrentHashMap.newKeySet();

    /**
     * Binds the JVM metrics on a background thread: they cost a noticeable share of a cold start
     * (management beans, GC notification listeners) and nobody scrapes before the server listens.
     */
    public Metrics() {
        Thread binder = new Thread(() -> {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            gc.bindTo(registry);
        }, "onus-metrics-binder");
        binder.setDaemon(true);
        binder.start();
        this.jvmBinder = binder;
    }

    private final Thread jvmBinder;

    /** Waits until the JVM metrics are bound (they are by the time anyone can scrape, in practice). */
    void awaitJvmMetrics() {
        try {
            jvmBinder.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Meters by their tags, made once: building and registering a meter looks it up by its sorted
     * tags, which on every request cost more than the recording itself.
     */
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> appendedCounters = new ConcurrentHashMap<>();

    void request(String method, String route, int status, float millis) {
        requestTimers.computeIfAbsent(method + ' ' + status + ' ' + route, k -> Timer.builder("onus.http.requests")
                        .description("HTTP requests served")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .register(registry))
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    void appended(String tenant, int entries) {
        appendedCounters.computeIfAbsent(tenant, t -> Counter.builder("onus.ledger.appended.entries")
                        .description("Entries appended and durably committed through this process's API")
                        .tag("tenant", t)
                        .register(registry))
                .increment(entries);
    }

    /** Text exposition of every metric; first makes sure every tenant's log has its size gauge. */
    String scrape(Ledger ledger) {
        awaitJvmMetrics();
        for (TenantLog log : ledger.logs()) {
            if (!gaugedLogs.add(log.tenantId())) {
                continue;
            }
            Gauge.builder("onus.ledger.size", log, TenantLog::size)
                    .description("Committed entries in the tenant's log")
                    .tag("tenant", log.tenant())
                    .register(registry);
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        awaitJvmMetrics();
        gc.close();
        registry.close();
    }
}
