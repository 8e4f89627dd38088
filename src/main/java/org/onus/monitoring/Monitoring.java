package org.onus.monitoring;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.onus.ledger.TenantLog;
import org.onus.registry.Registry;

/** Every tenant's {@link Monitor}, started once per tenant and closed together. */
public final class Monitoring implements AutoCloseable {

    private final Clock clock;
    private final Map<String, Monitor> byTenant = new ConcurrentHashMap<>();

    public Monitoring(Clock clock) {
        this.clock = clock;
    }

    /** The tenant's monitor, started (and its ledger replayed on its own thread) on first use. */
    public Monitor of(TenantLog log, Registry registry) {
        return byTenant.computeIfAbsent(log.tenant(), t -> new Monitor(log, registry, clock));
    }

    @Override
    public void close() {
        byTenant.values().forEach(Monitor::close);
        byTenant.clear();
    }
}
