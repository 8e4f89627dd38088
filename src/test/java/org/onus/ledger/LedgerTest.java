package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.store.InMemoryStore;
import org.onus.store.LedgerStore;
import org.onus.store.SqliteStore;

/**
 * The ledger over a data directory: tenants, their separate logs and keys, what a restart
 * restores, and refusing to start on a log that lost signed entries.
 */
class LedgerTest {

    @TempDir
    Path dir;

    private Ledger open(LedgerStore store) {
        return new Ledger(store, new KeyDirectory(dir, new SecureRandom()), "onus.test", TenantLogTest.CLOCK);
    }

    @Test
    void reopeningALedgerOnTheSameSqliteDirectoryRestoresEveryTenantsSizeRootAndCheckpoint() {
        SqliteStore store = SqliteStore.open(dir);
        Ledger ledger = open(store);
        TenantLog a = ledger.createTenant("default");
        TenantLog b = ledger.createTenant("clinic-b");
        append(a, 300);
        append(b, 3);
        String noteA = a.checkpoint();
        append(a, 2);
        checkAll(ledger);
        byte[] rootA = a.rootAt(302);
        byte[] rootB = b.rootAt(3);
        ledger.close();
        store.close();

        store = SqliteStore.open(dir);
        ledger = open(store);
        try {
            TenantLog a2 = ledger.log("default").orElseThrow();
            TenantLog b2 = ledger.log("clinic-b").orElseThrow();
            assertThat(a2.size()).isEqualTo(302);
            assertThat(a2.rootAt(302)).isEqualTo(rootA);
            assertThat(b2.size()).isEqualTo(3);
            assertThat(b2.rootAt(3)).isEqualTo(rootB);
            assertThat(a2.publicKey().verifierKey()).isEqualTo(a.publicKey().verifierKey());
            assertThat(store.checkpoints(a2.tenantId()).get(0).note()).isEqualTo(noteA);
            assertThat(a2.latestCheckpoint().orElseThrow().size()).as("closing signed a last checkpoint").isEqualTo(302);
            checkAll(ledger);
            assertThat(a2.append(draft(9)).join()).isEqualTo(302);
            checkAll(ledger);
        } finally {
            ledger.close();
            store.close();
        }
    }

    @Test
    void aLedgerWhoseSqliteStoreLostEntriesBelowItsLatestCheckpointRefusesToStartAndSaysRollback() {
        SqliteStore store = SqliteStore.open(dir);
        Ledger ledger = open(store);
        TenantLog log = ledger.createTenant("default");
        append(log, 40);
        log.checkpoint();
        long tenantId = log.tenantId();
        ledger.close();
        store.close();
        TenantLogOnSqliteTest.deleteRows(dir, "entries", tenantId, 35);

        SqliteStore reopened = SqliteStore.open(dir);
        try {
            assertThatThrownBy(() -> open(reopened)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("rollback").hasMessageContaining("default");
        } finally {
            reopened.close();
        }
    }

    @Test
    void aLedgerWhoseStoreWasRolledBackBelowItsLatestCheckpointRefusesToStart() {
        InMemoryStore store = new InMemoryStore();
        Ledger ledger = open(store);
        TenantLog log = ledger.createTenant("default");
        append(log, 300);
        log.checkpoint();
        ledger.close();
        store.simulateRollback(log.tenantId(), 299);
        InMemoryStore restarted = store.reopen();
        assertThatThrownBy(() -> open(restarted)).isInstanceOf(LedgerException.class).hasMessageContaining("rollback");
    }

    @Test
    void tenantsHaveSeparateLogsKeysAndOrigins() {
        InMemoryStore store = new InMemoryStore();
        try (Ledger ledger = open(store)) {
            TenantLog a = ledger.createTenant("alpha");
            TenantLog b = ledger.createTenant("beta");
            append(a, 5);
            checkAll(ledger);
            assertThat(b.size()).isZero();
            assertThat(a.origin()).isEqualTo("onus.test/alpha");
            assertThat(b.origin()).isEqualTo("onus.test/beta");
            assertThat(a.publicKey().verifierKey()).isNotEqualTo(b.publicKey().verifierKey());
            String noteB = b.checkpoint();
            assertThatThrownBy(() -> Checkpoint.open(noteB, a.publicKey())).isInstanceOf(IllegalArgumentException.class);
            append(b, 2);
            checkAll(ledger);
            assertThat(a.size()).isEqualTo(5);
        }
    }

    @Test
    void creatingATenantChecksItsNameAndGivesBackTheExistingLog() {
        InMemoryStore store = new InMemoryStore();
        try (Ledger ledger = open(store)) {
            TenantLog a = ledger.createTenant("alpha");
            assertThat(ledger.createTenant("alpha")).isSameAs(a);
            for (String bad : new String[] {"", "Alpha", "-x", "a b", "a/b", "x".repeat(64)}) {
                assertThatThrownBy(() -> ledger.createTenant(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(ledger.logs()).containsExactly(a);
            assertThat(store.tenants()).hasSize(1);
        }
    }

    private static void checkAll(Ledger ledger) {
        for (TenantLog log : ledger.logs()) {
            LogChecker.check(log, ledger.store());
        }
        assertThat(LogVerifier.verifyAll(ledger)).allMatch(VerificationReport::ok);
    }

    private static void append(TenantLog log, int n) {
        List<EntryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drafts.add(draft(log.size() + i));
        }
        long first = log.appendAll(drafts).join();
        for (int i = 0; i < n; i++) {
            LogChecker.checkHolds(log, first + i, drafts.get(i).bytes());
        }
    }

    private static EntryDraft draft(long n) {
        return Entries.draft("annotation", TenantLogTest.CLOCK.instant(), "test",
                JsonNodeFactory.instance.objectNode().put("n", n));
    }
}
