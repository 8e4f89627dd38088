package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.onus.store.InterceptingStore;
import org.onus.store.LedgerStore;
import org.onus.store.SqliteStore;

/** The tenant log on the embedded store, in a fresh data directory per test. */
class TenantLogOnSqliteTest extends TenantLogTest {

    @Override
    protected LedgerStore openStore(Path dir) {
        return SqliteStore.open(dir);
    }

    @Override
    protected LedgerStore reopenStore(LedgerStore store, Path dir) {
        store.close();
        return SqliteStore.open(dir);
    }

    @Override
    protected LedgerStore rollBack(LedgerStore store, Path dir, long tenantId, long newSize) {
        store.close();
        deleteRows(dir, "entries", tenantId, newSize);
        deleteRows(dir, "tiles", tenantId, newSize / 256);
        return SqliteStore.open(dir);
    }

    @Test
    void manyThreadsAppendingAtOnceShareFarFewerTransactionsThanEntries() throws Exception {
        int threads = 8;
        int each = 250;
        List<List<EntryDraft>> planned = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            planned.add(drafts(each));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        try {
            List<Future<List<CompletableFuture<Long>>>> clients = new ArrayList<>();
            for (List<EntryDraft> mine : planned) {
                clients.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<Long>> out = new ArrayList<>();
                    for (EntryDraft d : mine) {
                        out.add(log.append(d));
                    }
                    return out;
                }));
            }
            start.countDown();
            for (Future<List<CompletableFuture<Long>>> c : clients) {
                acks.addAll(c.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        acks.forEach(CompletableFuture::join);
        int entries = threads * each;
        assertThat(log.size()).isEqualTo(entries);
        // Each durable commit takes an fsync, during which the others queue up: batching is what
        // keeps the number of transactions far below one per entry.
        assertThat(store.appendCalls()).as("transactions for %d entries", entries).isLessThanOrEqualTo(entries / 4);
        LogChecker.check(log, store);
    }

    @Test
    void entriesDeletedBelowTheLatestCheckpointButNotTheirTilesStillReadAsARollback() {
        append(600);
        log.checkpoint();
        log.close();
        log = null;
        store.close();
        deleteRows(dir, "entries", tenant.id(), 300); // tiles 1 and 2 stay behind
        store = new InterceptingStore(SqliteStore.open(dir));
        assertThatThrownBy(this::newLog).isInstanceOf(LedgerException.class)
                .hasMessageContaining("rollback").hasMessageContaining("300");
    }

    /** Deletes the tenant's rows from {@code first} on, straight in the file; row ids pack tenant << 40 | index. */
    static void deleteRows(Path dir, String table, long tenantId, long first) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("onus.db"));
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id >= ? AND id < ?")) {
            ps.setLong(1, (tenantId << 40) | first);
            ps.setLong(2, (tenantId + 1) << 40);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
