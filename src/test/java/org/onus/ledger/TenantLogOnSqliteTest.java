package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
