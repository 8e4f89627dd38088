package org.onus.ledger;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.onus.store.LedgerStore;
import org.onus.store.TenantRecord;

/**
 * All tenants' logs over one store: opens each log (checking it against its latest signed
 * checkpoint), creates tenants, and signs a checkpoint every second for every log that grew.
 */
public final class Ledger implements AutoCloseable {

    private static final Pattern TENANT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final LedgerStore store;
    private final KeyDirectory keys;
    private final String originHost;
    private final Clock clock;
    private final Map<String, TenantLog> logs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param originHost the host part of every log's origin line: tenant {@code t}'s log is
     *     {@code <originHost>/t}, which is also its signing key's name
     */
    public Ledger(LedgerStore store, KeyDirectory keys, String originHost, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.originHost = originHost;
        this.clock = clock;
        for (TenantRecord t : store.tenants()) {
            open(t);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "onus-checkpointer");
            th.setDaemon(true);
            return th;
        });
        timer.scheduleAtFixedRate(this::checkpointAll, 1, 1, TimeUnit.SECONDS);
    }

    public LedgerStore store() {
        return store;
    }

    private TenantLog open(TenantRecord t) {
        String origin = originHost + "/" + t.name();
        TenantLog log = new TenantLog(t.id(), t.name(), origin, keys.signingKey(t.name(), origin), store, clock);
        logs.put(t.name(), log);
        return log;
    }

    public static boolean isValidTenantName(String name) {
        return name != null && TENANT_NAME.matcher(name).matches();
    }

    /** The tenant's log, creating the tenant (and its signing key) if it does not exist yet. */
    public synchronized TenantLog createTenant(String name) {
        if (!isValidTenantName(name)) {
            throw new IllegalArgumentException("a tenant name is 1 to 63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        TenantLog existing = logs.get(name);
        if (existing != null) {
            return existing;
        }
        Optional<TenantRecord> stored = store.tenant(name); // created by another node on a shared store
        if (stored.isPresent()) {
            return open(stored.get());
        }
        try {
            return open(store.createTenant(name, clock.millis()));
        } catch (org.onus.store.StoreException e) {
            // another node created it between the look-up and the insert
            return open(store.tenant(name).orElseThrow(() -> e));
        }
    }

    /**
     * The tenant's log; on a store shared by several nodes, a tenant another node created since
     * this one started is opened on first use.
     */
    public Optional<TenantLog> log(String tenant) {
        TenantLog log = logs.get(tenant);
        if (log != null || !isValidTenantName(tenant)) {
            return Optional.ofNullable(log);
        }
        synchronized (this) {
            log = logs.get(tenant);
            if (log != null) {
                return Optional.of(log);
            }
            return store.tenant(tenant).map(this::open);
        }
    }

    /** The log of the tenant with this store id, opening one another node created if need be. */
    public Optional<TenantLog> logById(long tenantId) {
        for (TenantLog l : logs.values()) {
            if (l.tenantId() == tenantId) {
                return Optional.of(l);
            }
        }
        return store.tenants().stream().filter(t -> t.id() == tenantId).findFirst().flatMap(t -> log(t.name()));
    }

    public Collection<TenantLog> logs() {
        return logs.values();
    }

    private void checkpointAll() {
        for (TenantLog log : logs.values()) {
            try {
                log.checkpointIfGrown();
            } catch (RuntimeException e) {
                System.err.println("onus: checkpoint for tenant " + log.tenant() + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (TenantLog log : logs.values()) {
            log.close();
        }
    }
}
