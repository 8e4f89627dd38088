package org.onus.recording;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.TenantLog;
import org.onus.registry.Registry;

/**
 * The registry and recording services of one tenant, made once per tenant on first use: the
 * registry is loaded from the ledger, the vault gets the tenant's pseudonymization secret and
 * master key from the key directory.
 */
public record TenantServices(TenantLog log, Registry registry, PatientVault vault, Recorder recorder, Timeline timeline) {

    /** Every tenant's services, made lazily. */
    public static final class Directory {
        private final KeyDirectory keys;
        private final Clock clock;
        private final SecureRandom random;
        private final Map<String, TenantServices> byTenant = new ConcurrentHashMap<>();
        private final java.util.List<java.util.function.Consumer<TenantServices>> whenCreated =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        public Directory(KeyDirectory keys, Clock clock, SecureRandom random) {
            this.keys = keys;
            this.clock = clock;
            this.random = random;
        }

        /** Runs {@code hook} on every tenant's services made from now on (e.g. to start its monitor). */
        public void whenCreated(java.util.function.Consumer<TenantServices> hook) {
            whenCreated.add(hook);
        }

        public TenantServices of(TenantLog log) {
            TenantServices existing = byTenant.get(log.tenant());
            if (existing != null) {
                return existing;
            }
            boolean[] made = {false};
            TenantServices s = byTenant.computeIfAbsent(log.tenant(), t -> {
                made[0] = true;
                Registry registry = new Registry(log, clock);
                PatientCrypto crypto = new PatientCrypto(t, keys.secret(t, "pseudonym-secret", 32),
                        keys.secret(t, "master-key", 32), random);
                PatientVault vault = new PatientVault(log, crypto);
                Recorder recorder = new Recorder(log, registry, vault, clock);
                return new TenantServices(log, registry, vault, recorder, new Timeline(recorder, clock));
            });
            if (made[0]) {
                whenCreated.forEach(h -> h.accept(s));
            }
            return s;
        }
    }
}
