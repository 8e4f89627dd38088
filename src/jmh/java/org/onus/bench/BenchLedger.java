package org.onus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.store.SqliteStore;

/** A real embedded ledger (SQLite store, synchronous=FULL) in a data directory, for benchmarks. */
final class BenchLedger implements AutoCloseable {

    static final String TENANT = "bench";

    final Path dir;
    final SqliteStore store;
    final Ledger ledger;
    final TenantLog log;

    BenchLedger(Path dir) {
        this.dir = dir;
        this.store = SqliteStore.open(dir);
        this.ledger = new Ledger(store, new KeyDirectory(dir, new SecureRandom()), "onus.bench", Clock.systemUTC());
        this.log = ledger.createTenant(TENANT);
    }

    static BenchLedger inTempDir(String prefix) {
        try {
            return new BenchLedger(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ledger.close();
        store.close();
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
