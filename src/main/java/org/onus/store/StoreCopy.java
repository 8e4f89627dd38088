package org.onus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies an embedded store into an empty PostgreSQL store, row for row: tenants (keeping their
 * ids), entries, tiles, checkpoints, tokens (revoked ones too), lookup and unique keys, blobs (both those filed by entry and older ones),
 * secrets and the fingerprints of erased secrets. The source is read in one read transaction (a
 * consistent snapshot, even if something still writes to it) and the target written in one
 * transaction, so a failed copy leaves the target as empty as it was. The caller verifies the
 * result (same size and root for every log); this class only moves rows.
 */
public final class StoreCopy {

    private static final int BATCH = 2_000;
    private static final long INDEX_MASK = (1L << 40) - 1;

    private StoreCopy() {
    }

    /** Rows copied, by table, in the order copied. */
    public static Map<String, Long> copy(SqliteStore from, PostgresStore to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        from.inReadTransaction(source -> {
            to.inTransaction(target -> {
                refuseNonEmpty(target);
                counts.put("tenants", table(source, target, "SELECT id, name, created_at FROM tenants ORDER BY id",
                        "INSERT INTO tenants(id, name, created_at) VALUES (?, ?, ?)", 3, false));
                try (Statement st = target.createStatement()) {
                    st.execute("SELECT setval(pg_get_serial_sequence('tenants', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM tenants");
                }
                counts.put("entries", table(source, target, "SELECT id, type, recorded_at, leaf_hash, entry FROM entries ORDER BY id",
                        "INSERT INTO entries(tenant_id, idx, type, recorded_at, leaf_hash, entry) VALUES (?, ?, ?, ?, ?, ?)", 5, true));
                counts.put("tiles", table(source, target, "SELECT id, leaf_hashes, root, mid FROM tiles ORDER BY id",
                        "INSERT INTO tiles(tenant_id, idx, leaf_hashes, root, mid) VALUES (?, ?, ?, ?, ?)", 4, true));
                counts.put("checkpoints", table(source, target, "SELECT tenant_id, size, root, note, created_at FROM checkpoints",
                        "INSERT INTO checkpoints(tenant_id, size, root, note, created_at) VALUES (?, ?, ?, ?, ?)", 5, false));
                counts.put("tokens", table(source, target,
                        "SELECT secret_hash, id, tenant_id, role, label, created_at, revoked_at, party FROM tokens",
                        "INSERT INTO tokens(secret_hash, id, tenant_id, role, label, created_at, revoked_at, party) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        8, false));
                counts.put("entry_keys", lookupKeys(source, target));
                counts.put("unique_keys", table(source, target, "SELECT tenant_id, key, idx, body_digest FROM unique_keys",
                        "INSERT INTO unique_keys(tenant_id, key, idx, body_digest) VALUES (?, ?, ?, ?)", 4, false));
                counts.put("blobs", table(source, target, "SELECT tenant_id, digest, bytes FROM blobs",
                        "INSERT INTO blobs(tenant_id, digest, bytes) VALUES (?, ?, ?)", 3, false));
                counts.put("entry_blobs", table(source, target, "SELECT entry, digest, bytes FROM entry_blobs ORDER BY entry",
                        "INSERT INTO entry_blobs(tenant_id, idx, digest, bytes) VALUES (?, ?, ?, ?)", 3, true));
                counts.put("secrets", table(source, target, "SELECT tenant_id, name, value, created_at FROM secrets",
                        "INSERT INTO secrets(tenant_id, name, value, created_at) VALUES (?, ?, ?, ?)", 4, false));
                counts.put("erased_secrets", table(source, target, "SELECT tenant_id, value_digest, erased_at FROM erased_secrets",
                        "INSERT INTO erased_secrets(tenant_id, value_digest, erased_at) VALUES (?, ?, ?)", 3, false));
                return null;
            });
            return null;
        });
        return counts;
    }

    /**
     * The lookup keys, as PostgreSQL keeps them (a text row each), from the embedded store's
     * record of them in its log file ({@code annex_log}): the index file beside it is derived and
     * may lag behind, the record is part of the snapshot being copied.
     */
    private static long lookupKeys(Connection source, Connection target) throws SQLException {
        long rows = 0;
        try (Statement st = source.createStatement();
             PreparedStatement ps = target.prepareStatement("INSERT INTO entry_keys(tenant_id, kind, key, at, idx) VALUES (?, ?, ?, ?, ?)")) {
            st.setFetchSize(BATCH);
            try (ResultSet rs = st.executeQuery("SELECT id, keys FROM annex_log ORDER BY id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    for (Annex.Key k : SqliteIndex.decode(id & INDEX_MASK, rs.getBytes(2))) {
                        ps.setLong(1, id >>> 40);
                        ps.setString(2, k.kind());
                        ps.setString(3, k.key());
                        ps.setLong(4, k.atMillis());
                        ps.setLong(5, k.index());
                        ps.addBatch();
                        if (++rows % BATCH == 0) {
                            ps.executeBatch();
                        }
                    }
                }
            }
            ps.executeBatch();
        }
        return rows;
    }

    private static void refuseNonEmpty(Connection target) throws SQLException {
        try (Statement st = target.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM tenants) + (SELECT COUNT(*) FROM tokens)")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new StoreException("the target database already holds Onus data (tenants or tokens); "
                        + "migrate into an empty database, so that nothing there is mixed with or overwritten by the copy");
            }
        }
    }

    /**
     * Copies the rows of {@code select} into {@code insert}. With {@code packedId}, the first
     * source column is the embedded store's packed row id (tenant << 40 | index), written as two.
     */
    private static long table(Connection source, Connection target, String select, String insert, int columns,
                              boolean packedId) throws SQLException {
        long rows = 0;
        try (Statement st = source.createStatement(); PreparedStatement ps = target.prepareStatement(insert)) {
            st.setFetchSize(BATCH);
            try (ResultSet rs = st.executeQuery(select)) {
                while (rs.next()) {
                    int out = 1;
                    int first = 1;
                    if (packedId) {
                        long id = rs.getLong(1);
                        ps.setLong(out++, id >>> 40);
                        ps.setLong(out++, id & INDEX_MASK);
                        first = 2;
                    }
                    for (int c = first; c <= columns; c++) {
                        ps.setObject(out++, rs.getObject(c));
                    }
                    ps.addBatch();
                    if (++rows % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        return rows;
    }
}
