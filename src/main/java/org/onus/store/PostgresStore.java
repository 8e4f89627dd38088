package org.onus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The PostgreSQL store: the same contract as the embedded store, for several Onus nodes sharing
 * one database. Tables are those of {@code db/postgres/}, the same versions as the embedded
 * store's, applied at open under a database-wide advisory lock so that nodes starting together
 * do not race.
 *
 * <p><b>One appender per log at a time.</b> An append takes the tenant's transaction-scoped
 * advisory lock ({@code pg_advisory_xact_lock(ONUS, tenant)}), reads the log's size under it and
 * refuses the append ({@link AppendConflictException}) unless {@code firstIndex} is that size.
 * The lock is released by the commit or the rollback, and by PostgreSQL itself when the node's
 * connection dies: a node that crashes mid-append leaves nothing half-written and holds nothing.
 * A node whose view of the log is stale (another node appended meanwhile) is refused, never
 * forks the tree; {@code TenantLog} then catches up from the store and tries again.
 *
 * <p><b>Durability.</b> Every session runs with {@code synchronous_commit} at least {@code on}
 * (raised from {@code off} if the server defaults to it), so a returned append is flushed to the
 * write-ahead log (and to synchronous standbys, where the DBA configured them).
 *
 * <p><b>Reads</b> run on their own pooled connections in autocommit, under PostgreSQL's MVCC:
 * they never wait for an append and see only committed rows.
 *
 * <p><b>Destroying a secret</b> deletes the row and rewrites the {@code secrets} table
 * ({@code VACUUM FULL}, a few milliseconds for thousands of wrapped keys), so the value is in no
 * live data file; values are stored inline, uncompressed, so there is no TOAST copy. Copies in
 * archived write-ahead logs and base backups last as long as the DBA keeps those: the retention
 * of both is the erasure delay (see docs/architecture.md).
 */
public final class PostgresStore implements LedgerStore {

    /** The advisory-lock namespace of Onus ("ONUS" in ASCII); the second key is the tenant id. */
    static final int LOCK_NAMESPACE = 0x4f4e5553;
    /** The advisory lock held while migrating the schema (namespace, 0 is no tenant's id). */
    private static final int MIGRATION_LOCK = 0;

    private final HikariDataSource pool;
    private final String description;

    private PostgresStore(HikariDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    /**
     * Connects to {@code settings}, checks the schema version and applies what is missing.
     * Refuses (with what to do) an unreachable server, a refused login and a schema newer than
     * this build.
     */
    public static PostgresStore open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setPoolName("onus-" + settings.applicationName());
        config.setConnectionTimeout(settings.connectTimeoutMillis());
        config.setInitializationFailTimeout(settings.connectTimeoutMillis());
        config.addDataSourceProperty("ApplicationName", settings.applicationName());
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setConnectionInitSql("SELECT set_config('synchronous_commit', CASE current_setting('synchronous_commit')"
                + " WHEN 'off' THEN 'on' WHEN 'local' THEN 'on' ELSE current_setting('synchronous_commit') END, false)");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + settings.describe() + ": " + rootMessage(e)
                    + " (is the server running and reachable, and are the user and password right? The password"
                    + " comes from the URL or $" + PostgresSettings.PASSWORD_VARIABLE + ")", e);
        }
        try (Connection c = pool.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + LOCK_NAMESPACE + ", " + MIGRATION_LOCK + ")");
                try {
                    Migrations.apply(c, "postgres");
                } finally {
                    c.setAutoCommit(true);
                    st.execute("SELECT pg_advisory_unlock(" + LOCK_NAMESPACE + ", " + MIGRATION_LOCK + ")");
                }
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException se) {
                throw new StoreException(se.getMessage() + " (PostgreSQL at " + settings.describe() + ")", se);
            }
            throw new StoreException("cannot prepare the Onus schema in PostgreSQL at " + settings.describe() + ": "
                    + rootMessage(e) + " (the user needs CREATE on the database's schema)", e);
        }
        return new PostgresStore(pool, settings.describe());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Runs {@code work} in one write transaction (for {@link StoreCopy}). */
    <T> T inTransaction(Work<T> work) {
        return write(work);
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL read failed: " + e.getMessage(), e);
        }
    }

    private <T> T write(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (StoreException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("PostgreSQL write failed: " + e.getMessage(), e);
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null
                    && "23505".equals(b.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tenants ---------------------------------------------------------------------------

    @Override
    public List<TenantRecord> tenants() {
        return read(c -> {
            List<TenantRecord> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, name, created_at FROM tenants ORDER BY id")) {
                while (rs.next()) {
                    out.add(new TenantRecord(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<TenantRecord> tenant(String name) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM tenants WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TenantRecord(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                            : Optional.<TenantRecord>empty();
                }
            }
        });
    }

    @Override
    public TenantRecord createTenant(String name, long createdAtMillis) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tenants(name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING RETURNING id")) {
                ps.setString(1, name);
                ps.setLong(2, createdAtMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("a tenant named '" + name + "' already exists");
                    }
                    return new TenantRecord(rs.getLong(1), name, createdAtMillis);
                }
            }
        });
    }

    // ---- the log ---------------------------------------------------------------------------

    @Override
    public boolean sharedWithOtherNodes() {
        return true;
    }

    @Override
    public long size(long tenantId) {
        return read(c -> sizeOn(c, tenantId));
    }

    private static long sizeOn(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(idx) FROM entries WHERE tenant_id = ?")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? 0 : max + 1;
            }
        }
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles, Annex annex) {
        write(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, LOCK_NAMESPACE);
                lock.setInt(2, Math.toIntExact(tenantId));
                lock.execute();
            }
            long size = sizeOn(c, tenantId);
            if (size != firstIndex) {
                throw new AppendConflictException(firstIndex, size);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO entries(tenant_id, idx, type, recorded_at, leaf_hash, entry) VALUES (?, ?, ?, ?, ?, ?)")) {
                long expected = firstIndex;
                for (StoredEntry e : entries) {
                    if (e.index() != expected++) {
                        throw new StoreException("entries of an append must be consecutive from " + firstIndex
                                + " but one has index " + e.index());
                    }
                    ps.setLong(1, tenantId);
                    ps.setLong(2, e.index());
                    ps.setString(3, e.type());
                    ps.setLong(4, e.recordedAtMillis());
                    ps.setBytes(5, e.leafHash());
                    ps.setBytes(6, e.bytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!completedTiles.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO tiles(tenant_id, idx, leaf_hashes, root, mid) VALUES (?, ?, ?, ?, ?)")) {
                    for (Tile t : completedTiles) {
                        ps.setLong(1, tenantId);
                        ps.setLong(2, t.index());
                        ps.setBytes(3, t.leafHashes());
                        ps.setBytes(4, t.root());
                        ps.setBytes(5, t.mid());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            writeAnnex(c, tenantId, firstIndex, firstIndex + entries.size(), annex);
            return null;
        });
    }

    private static void writeAnnex(Connection c, long tenantId, long from, long to, Annex annex) throws SQLException {
        if (!annex.keys().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO entry_keys(tenant_id, kind, key, at, idx) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Annex.Key k : annex.keys()) {
                    checkInRange(k.index(), from, to);
                    ps.setLong(1, tenantId);
                    ps.setString(2, k.kind());
                    ps.setString(3, k.key());
                    ps.setLong(4, k.atMillis());
                    ps.setLong(5, k.index());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!annex.unique().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO unique_keys(tenant_id, key, idx, body_digest) VALUES (?, ?, ?, ?)")) {
                for (Annex.UniqueKey u : annex.unique()) {
                    checkInRange(u.index(), from, to);
                    ps.setLong(1, tenantId);
                    ps.setString(2, u.key());
                    ps.setLong(3, u.index());
                    ps.setBytes(4, u.bodyDigest());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw new StoreException("a unique key of this append is already taken; nothing was written", e);
                }
                throw e;
            }
        }
        if (!annex.secrets().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO secrets(tenant_id, name, value, created_at) SELECT ?, ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM erased_secrets WHERE tenant_id = ? AND value_digest = ?) "
                            + "ON CONFLICT DO NOTHING")) {
                for (Annex.Secret sec : annex.secrets()) {
                    ps.setLong(1, tenantId);
                    ps.setString(2, sec.name());
                    ps.setBytes(3, sec.value());
                    ps.setLong(4, System.currentTimeMillis());
                    ps.setLong(5, tenantId);
                    ps.setBytes(6, sha256(sec.value()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            refuseDifferentSecrets(c, tenantId, annex.secrets());
        }
        if (!annex.blobs().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO entry_blobs(tenant_id, idx, digest, bytes) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Annex.Blob b : annex.blobs()) {
                    checkInRange(b.index(), from, to);
                    ps.setLong(1, tenantId);
                    ps.setLong(2, b.index());
                    ps.setString(3, b.digest());
                    ps.setBytes(4, b.bytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /**
     * Refuses (the caller rolls back) an append whose secret differs from the one stored under its
     * name: a key another node made first for the same patient. Runs under the tenant's lock, after
     * the inserts, so it compares with whatever any append stored, this one included.
     */
    private static void refuseDifferentSecrets(Connection c, long tenantId, List<Annex.Secret> carried) throws SQLException {
        java.util.Map<String, byte[]> stored = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM secrets WHERE tenant_id = ? AND name = ANY(?)")) {
            ps.setLong(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", carried.stream().map(Annex.Secret::name).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        List<String> differing = new ArrayList<>();
        for (Annex.Secret sec : carried) {
            byte[] kept = stored.get(sec.name());
            if (kept != null && !java.util.Arrays.equals(kept, sec.value()) && !differing.contains(sec.name())) {
                differing.add(sec.name());
            }
        }
        if (!differing.isEmpty()) {
            throw new SecretConflictException(differing);
        }
    }

    private static void checkInRange(long index, long from, long to) {
        if (index < from || index >= to) {
            throw new StoreException("an annex row points at entry " + index + " outside this append's ["
                    + from + ", " + to + ")");
        }
    }

    @Override
    public Optional<StoredEntry> entry(long tenantId, long index) {
        if (index < 0) {
            return Optional.empty();
        }
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT type, recorded_at, entry, leaf_hash FROM entries WHERE tenant_id = ? AND idx = ?")) {
                ps.setLong(1, tenantId);
                ps.setLong(2, index);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new StoredEntry(index, rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4)))
                            : Optional.<StoredEntry>empty();
                }
            }
        });
    }

    @Override
    public void scan(long tenantId, long from, long to, Consumer<StoredEntry> sink) {
        if (from >= to) {
            return;
        }
        // a cursor (autocommit off, fetch size) streams a range of any length in bounded memory
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT idx, type, recorded_at, entry, leaf_hash FROM entries "
                    + "WHERE tenant_id = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
                ps.setLong(1, tenantId);
                ps.setLong(2, Math.max(0, from));
                ps.setLong(3, to);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new StoredEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getBytes(5)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<byte[]> leafHashes(long tenantId, long from, long to) {
        return read(c -> {
            List<byte[]> out = new ArrayList<>((int) Math.max(0, Math.min(to - from, 1 << 16)));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT leaf_hash FROM entries WHERE tenant_id = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
                ps.setLong(1, tenantId);
                ps.setLong(2, Math.max(0, from));
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Tile> tile(long tenantId, long tileIndex) {
        if (tileIndex < 0) {
            return Optional.empty();
        }
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT leaf_hashes, root, mid FROM tiles WHERE tenant_id = ? AND idx = ?")) {
                ps.setLong(1, tenantId);
                ps.setLong(2, tileIndex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Tile(tileIndex, rs.getBytes(1), rs.getBytes(2), rs.getBytes(3)))
                            : Optional.<Tile>empty();
                }
            }
        });
    }

    @Override
    public List<byte[]> tileRoots(long tenantId) {
        return read(c -> {
            List<byte[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT idx, root FROM tiles WHERE tenant_id = ? ORDER BY idx")) {
                ps.setLong(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = 0;
                    while (rs.next()) {
                        if (rs.getLong(1) != expected++) {
                            throw new StoreException("tile " + (expected - 1) + " is missing from the store; run `onus verify`");
                        }
                        out.add(rs.getBytes(2));
                    }
                }
            }
            return out;
        });
    }

    // ---- annex -----------------------------------------------------------------------------

    @Override
    public Map<String, Annex.UniqueKey> uniqueKeys(long tenantId, Collection<String> keys) {
        Map<String, Annex.UniqueKey> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String[] all = keys.toArray(new String[0]);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT key, idx, body_digest FROM unique_keys WHERE tenant_id = ? AND key = ANY (?)")) {
                ps.setLong(1, tenantId);
                ps.setArray(2, c.createArrayOf("text", all));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Annex.UniqueKey(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Annex.Key> keyed(long tenantId, String kind, String key, long fromMillis, long toMillis,
                                 Annex.Key after, int limit) {
        return read(c -> {
            List<Annex.Key> out = new ArrayList<>();
            String sql = "SELECT at, idx FROM entry_keys WHERE tenant_id = ? AND kind = ? AND key = ? AND at >= ? AND at < ?"
                    + (after == null ? "" : " AND (at, idx) > (?, ?)") + " ORDER BY at, idx LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, tenantId);
                ps.setString(i++, kind);
                ps.setString(i++, key);
                ps.setLong(i++, fromMillis);
                ps.setLong(i++, toMillis);
                if (after != null) {
                    ps.setLong(i++, after.atMillis());
                    ps.setLong(i++, after.index());
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Annex.Key(rs.getLong(2), kind, key, rs.getLong(1)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<String> keysOfKind(long tenantId, String kind) {
        return read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT key FROM entry_keys WHERE tenant_id = ? AND kind = ? ORDER BY key")) {
                ps.setLong(1, tenantId);
                ps.setString(2, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<byte[]> blob(long tenantId, long index, String digest) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM entry_blobs WHERE tenant_id = ? AND idx = ? AND digest = ?")) {
                ps.setLong(1, tenantId);
                ps.setLong(2, index);
                ps.setString(3, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(rs.getBytes(1));
                    }
                }
            }
            // stored before blobs were filed by entry (schema version 5 and older)
            try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM blobs WHERE tenant_id = ? AND digest = ?")) {
                ps.setLong(1, tenantId);
                ps.setString(2, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    // ---- secrets ---------------------------------------------------------------------------

    @Override
    public void putSecret(long tenantId, String name, byte[] value, long createdAtMillis) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO secrets(tenant_id, name, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, tenantId);
                ps.setString(2, name);
                ps.setBytes(3, value);
                ps.setLong(4, createdAtMillis);
                if (ps.executeUpdate() == 0) {
                    throw new StoreException("a secret named " + name + " already exists");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> secret(long tenantId, String name) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM secrets WHERE tenant_id = ? AND name = ?")) {
                ps.setLong(1, tenantId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public boolean destroySecret(long tenantId, String name) {
        boolean existed = write(c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH gone AS (DELETE FROM secrets WHERE tenant_id = ? AND name = ? "
                    + "RETURNING value) SELECT value FROM gone")) {
                ps.setLong(1, tenantId);
                ps.setString(2, name);
                byte[] value = null;
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        value = rs.getBytes(1);
                    }
                }
                if (value == null) {
                    return false;
                }
                try (PreparedStatement erased = c.prepareStatement(
                        "INSERT INTO erased_secrets(tenant_id, value_digest, erased_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    erased.setLong(1, tenantId);
                    erased.setBytes(2, sha256(value));
                    erased.setLong(3, System.currentTimeMillis());
                    erased.executeUpdate();
                }
                return true;
            }
        });
        // DELETE only marks the row dead; rewriting the table leaves no copy in any live data file
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("VACUUM FULL secrets");
        } catch (SQLException e) {
            throw new StoreException("the secret was deleted but the secrets table could not be rewritten (VACUUM FULL): "
                    + e.getMessage() + "; the Onus database user must own the table", e);
        }
        return existed;
    }

    // ---- checkpoints -----------------------------------------------------------------------

    @Override
    public void addCheckpoint(long tenantId, CheckpointRecord cp) {
        write(c -> {
            // under the tenant's lock: a checkpoint is checked against a size no append is changing
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, LOCK_NAMESPACE);
                lock.setInt(2, Math.toIntExact(tenantId));
                lock.execute();
            }
            long size = sizeOn(c, tenantId);
            if (cp.size() > size) {
                throw new StoreException("a checkpoint of size " + cp.size() + " cannot be stored for a log of " + size);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(size) FROM checkpoints WHERE tenant_id = ?")) {
                ps.setLong(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long latest = rs.getLong(1);
                    if (!rs.wasNull() && latest >= cp.size()) {
                        throw new StoreException("a checkpoint of size " + latest + " already exists; checkpoints only grow");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO checkpoints(tenant_id, size, root, note, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, tenantId);
                ps.setLong(2, cp.size());
                ps.setBytes(3, cp.root());
                ps.setString(4, cp.note());
                ps.setLong(5, cp.createdAtMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<CheckpointRecord> latestCheckpoint(long tenantId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT size, root, note, created_at FROM checkpoints WHERE tenant_id = ? ORDER BY size DESC LIMIT 1")) {
                ps.setLong(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(checkpoint(rs)) : Optional.<CheckpointRecord>empty();
                }
            }
        });
    }

    @Override
    public List<CheckpointRecord> checkpoints(long tenantId) {
        return read(c -> {
            List<CheckpointRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT size, root, note, created_at FROM checkpoints WHERE tenant_id = ? ORDER BY size")) {
                ps.setLong(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(checkpoint(rs));
                    }
                }
            }
            return out;
        });
    }

    private static CheckpointRecord checkpoint(ResultSet rs) throws SQLException {
        return new CheckpointRecord(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getLong(4));
    }

    // ---- tokens ----------------------------------------------------------------------------

    private static final String TOKEN_COLUMNS = "secret_hash, id, tenant_id, role, label, created_at, revoked_at, party";

    @Override
    public void addToken(TokenRecord t) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens(" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setBytes(1, t.secretHash());
                ps.setString(2, t.id());
                ps.setLong(3, t.tenantId());
                ps.setString(4, t.role());
                ps.setString(5, t.label());
                ps.setLong(6, t.createdAtMillis());
                ps.setLong(7, t.revokedAtMillis());
                ps.setString(8, t.party());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw new StoreException("a token with this secret or id already exists", e);
                }
                throw e;
            }
            return null;
        });
    }

    private static TokenRecord token(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getBytes(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8));
    }

    @Override
    public Optional<TokenRecord> tokenBySecretHash(byte[] secretHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE secret_hash = ?")) {
                ps.setBytes(1, secretHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(token(rs)) : Optional.<TokenRecord>empty();
                }
            }
        });
    }

    @Override
    public List<TokenRecord> tokens(long tenantId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOKEN_COLUMNS
                    + " FROM tokens WHERE tenant_id = ? ORDER BY created_at, id")) {
                ps.setLong(1, tenantId);
                List<TokenRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(token(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean revokeToken(long tenantId, String tokenId, long atMillis) {
        if (atMillis == 0) {
            throw new IllegalArgumentException("a revocation time of 0 would read as 'not revoked'");
        }
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tokens SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at = 0")) {
                ps.setLong(1, atMillis);
                ps.setLong(2, tenantId);
                ps.setString(3, tokenId);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tokens WHERE tenant_id = ? AND id = ?")) {
                ps.setLong(1, tenantId);
                ps.setString(2, tokenId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("no token " + tokenId + " in tenant " + tenantId);
                    }
                }
            }
            return false;
        });
    }

    @Override
    public boolean hasTokens() {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM tokens)")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    @Override
    public long sizeOnDisk() {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                            + "AND n.nspname = current_schema() AND c.relname IN ('tenants', 'entries', 'tiles', "
                            + "'checkpoints', 'tokens', 'entry_keys', 'unique_keys', 'blobs', 'entry_blobs', 'secrets', 'erased_secrets', 'schema_version')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Where this store connects, without the password: for messages and logs. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
