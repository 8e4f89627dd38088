package org.onus.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.onus.store.LedgerStore;
import org.onus.store.PostgresSettings;
import org.onus.store.PostgresStore;
import org.onus.store.TestPostgres;

/** The tenant log on PostgreSQL, a fresh database per test. */
class TenantLogOnPostgresTest extends TenantLogTest {

    private PostgresSettings database;

    @Override
    protected LedgerStore openStore(Path dir) {
        database = TestPostgres.freshDatabase();
        return PostgresStore.open(database);
    }

    @Override
    protected LedgerStore reopenStore(LedgerStore store, Path dir) {
        store.close();
        return PostgresStore.open(database);
    }

    @Override
    protected LedgerStore rollBack(LedgerStore store, Path dir, long tenantId, long newSize) {
        store.close();
        try (Connection c = TestPostgres.superuser(database)) {
            delete(c, "entries", tenantId, newSize);
            delete(c, "tiles", tenantId, newSize / 256);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return PostgresStore.open(database);
    }

    private static void delete(Connection c, String table, long tenantId, long first) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ? AND idx >= ?")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, first);
            ps.executeUpdate();
        }
    }
}
