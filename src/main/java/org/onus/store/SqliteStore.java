package org.onus.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file, {@code onus.db}, in the data directory, in WAL mode with
 * {@code synchronous=FULL}, so a returned append has been fsynced to the write-ahead log.
 *
 * <p>Concurrency: SQLite admits one writer at a time, so all writes go through one connection
 * under a lock; reads use a small pool of their own connections and, thanks to WAL, never wait
 * for a write. A JDBC connection to SQLite must not be used by two threads at once, hence the
 * pool rather than shared connections.
 *
 * <p>Beside it, {@code index.db} holds the lookup index ({@link SqliteIndex}): derived from the
 * record of lookup keys each append commits here, filed behind the log by a thread of its own,
 * and rebuilt from this file whenever it is missing or not this file's.
 */
public final class SqliteStore implements LedgerStore {

    static final String FILE_NAME = "onus.db";
    private static final int READERS = 4;
    private static final long INDEX_BITS = 40;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    /** Where lookup keys are filed, behind the log: see {@link SqliteIndex}. */
    private final SqliteIndex index;

    private SqliteStore(Path file, boolean indexInBackground) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        Migrations.apply(writer, "sqlite");
        moveLegacyPostings(writer);
        this.index = SqliteIndex.open(file.getParent(), writer, indexInBackground);
        writer.setAutoCommit(false);
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(file));
        }
    }

    /**
     * Moves the lookup postings of schema version 6, kept in this file, into {@code annex_log}
     * (one row per run of up to 1,000 consecutive entries), from which the index file is then
     * built; once, in one transaction, so a crash midway leaves version 6's tables to move again.
     */
    private static void moveLegacyPostings(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'postings'")) {
            if (!rs.next()) {
                return;
            }
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO annex_log(id, keys) VALUES (?, ?)")) {
            try (ResultSet rs = st.executeQuery("SELECT k.tenant_id, p.idx, k.kind, k.key, p.at FROM postings p"
                    + " JOIN lookup_keys k ON k.id = p.key_id ORDER BY k.tenant_id, p.idx")) {
                long tenant = -1;
                long first = -1;
                List<Annex.Key> run = new ArrayList<>();
                while (rs.next()) {
                    long t = rs.getLong(1);
                    long idx = rs.getLong(2);
                    if (!run.isEmpty() && (t != tenant || idx >= first + 1_000)) {
                        legacyRow(insert, tenant, first, run);
                    }
                    if (run.isEmpty()) {
                        tenant = t;
                        first = idx;
                    }
                    run.add(new Annex.Key(idx, rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
                if (!run.isEmpty()) {
                    legacyRow(insert, tenant, first, run);
                }
            }
            insert.executeBatch();
            st.executeUpdate("DROP TABLE postings");
            st.executeUpdate("DROP TABLE lookup_keys");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void legacyRow(PreparedStatement insert, long tenantId, long first, List<Annex.Key> run) throws SQLException {
        insert.setLong(1, rowId(tenantId, first));
        insert.setBytes(2, SqliteIndex.encode(first, run));
        insert.addBatch();
        run.clear();
    }

    /** Opens (creating if needed) the store in {@code dataDir}. Refuses a file that is not a sound database. */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, true);
    }

    /**
     * Opens the store with no thread filing lookup keys: they stay in memory until the store is
     * closed and are then left to the next open to file from the log, as after a crash (tests).
     */
    static SqliteStore openWithoutIndexer(Path dataDir) {
        return open(dataDir, false);
    }

    private static SqliteStore open(Path dataDir, boolean indexInBackground) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            return new SqliteStore(file, indexInBackground);
        } catch (SQLException e) {
            throw new StoreException("cannot open the embedded store " + file + ": " + e.getMessage()
                    + " (the file may be truncated or corrupted; run `onus verify --data " + dataDir
                    + "` and restore from a backup)", e);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try (Statement st = c.createStatement()) {
            // Fails fast on a file that is not a database at all (e.g. overwritten or truncated header).
            st.executeQuery("SELECT count(*) FROM sqlite_master").close();
            st.execute("PRAGMA cache_size = -65536");
            st.execute("PRAGMA secure_delete = ON");
        }
        return c;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long rowId(long tenantId, long index) {
        return (tenantId << INDEX_BITS) | index;
    }

    /** Whether {@code index} fits in a row id; larger ones would alias another tenant's rows. */
    private static boolean isIndex(long index) {
        return index >= 0 && index < 1L << INDEX_BITS;
    }

    /** The row id bounding a range at {@code index}, clamped to the tenant's own id range. */
    private static long rowIdBound(long tenantId, long index) {
        return index >= 1L << INDEX_BITS ? rowId(tenantId + 1, 0) : rowId(tenantId, Math.max(0, index));
    }

    interface ReadWork<T> {
        T run(Connection c) throws SQLException;
    }

    private interface WriteWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(ReadWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("embedded store read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    private <T> T write(WriteWork<T> work) {
        writeLock.lock();
        try {
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof StoreException se) {
                    throw se;
                }
                throw new StoreException("embedded store write failed: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} in one read transaction: a consistent snapshot of the whole file (for {@link StoreCopy}). */
    <T> T inReadTransaction(ReadWork<T> work) {
        return read(c -> {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

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
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants(name, created_at) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setLong(2, createdAtMillis);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return new TenantRecord(rs.getLong(1), name, createdAtMillis);
                }
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new StoreException("a tenant named '" + name + "' already exists", e);
                }
                throw e;
            }
        });
    }

    @Override
    public long size(long tenantId) {
        return read(c -> sizeOn(c, tenantId));
    }

    static long sizeOn(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM entries WHERE id >= ? AND id < ?")) {
            ps.setLong(1, rowId(tenantId, 0));
            ps.setLong(2, rowId(tenantId + 1, 0));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? 0 : max - rowId(tenantId, 0) + 1;
            }
        }
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles) {
        append(tenantId, firstIndex, entries, completedTiles, Annex.NONE);
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles, Annex annex) {
        List<Annex.Key> keys = distinct(annex.keys());
        index.awaitRoom();
        writeLock.lock(); // held past the commit, so the index takes appends in commit order
        try {
            appendOnce(tenantId, firstIndex, entries, completedTiles, annex, keys);
            index.committed(tenantId, firstIndex + entries.size(), keys);
        } finally {
            writeLock.unlock();
        }
    }

    /** The keys without repeats (an entry filed twice under one key and time is found once). */
    private static List<Annex.Key> distinct(List<Annex.Key> keys) {
        if (keys.size() < 2) {
            return keys;
        }
        java.util.Set<Annex.Key> seen = new java.util.HashSet<>(keys.size() * 2);
        for (Annex.Key k : keys) {
            if (!seen.add(k)) {
                return new ArrayList<>(new java.util.LinkedHashSet<>(keys));
            }
        }
        return keys;
    }

    private void appendOnce(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles, Annex annex,
                            List<Annex.Key> keys) {
        write(c -> {
            long size = sizeOn(c, tenantId);
            if (size != firstIndex) {
                throw new AppendConflictException(firstIndex, size);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO entries(id, type, recorded_at, leaf_hash, entry) VALUES (?, ?, ?, ?, ?)")) {
                long expected = firstIndex;
                for (StoredEntry e : entries) {
                    if (e.index() != expected++) {
                        throw new StoreException("entries of an append must be consecutive from " + firstIndex
                                + " but one has index " + e.index());
                    }
                    ps.setLong(1, rowId(tenantId, e.index()));
                    ps.setString(2, e.type());
                    ps.setLong(3, e.recordedAtMillis());
                    ps.setBytes(4, e.leafHash());
                    ps.setBytes(5, e.bytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!completedTiles.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tiles(id, leaf_hashes, root, mid) VALUES (?, ?, ?, ?)")) {
                    for (Tile t : completedTiles) {
                        ps.setLong(1, rowId(tenantId, t.index()));
                        ps.setBytes(2, t.leafHashes());
                        ps.setBytes(3, t.root());
                        ps.setBytes(4, t.mid());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            writeAnnex(c, tenantId, firstIndex, firstIndex + entries.size(), annex, keys);
            return null;
        });
    }

    private void writeAnnex(Connection c, long tenantId, long from, long to, Annex annex, List<Annex.Key> keys) throws SQLException {
        if (!keys.isEmpty()) {
            for (Annex.Key k : keys) {
                checkInRange(k.index(), from, to);
            }
            // the durable record of the keys, in log order; the index files them later (SqliteIndex)
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO annex_log(id, keys) VALUES (?, ?)")) {
                ps.setLong(1, rowId(tenantId, from));
                ps.setBytes(2, SqliteIndex.encode(from, keys));
                ps.executeUpdate();
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
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new StoreException("a unique key of this append is already taken; nothing was written", e);
                }
                throw e;
            }
        }
        if (!annex.secrets().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO secrets(tenant_id, name, value, created_at) SELECT ?, ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM erased_secrets WHERE tenant_id = ? AND value_digest = ?)")) {
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
                    "INSERT OR IGNORE INTO entry_blobs(entry, digest, bytes) VALUES (?, ?, ?)")) {
                for (Annex.Blob b : annex.blobs()) {
                    checkInRange(b.index(), from, to);
                    ps.setLong(1, rowId(tenantId, b.index()));
                    ps.setString(2, b.digest());
                    ps.setBytes(3, b.bytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /**
     * Refuses (the caller rolls back) an append whose secret differs from the one stored under its
     * name: a key made elsewhere first for the same patient. Runs after the inserts, under the
     * write lock, so it compares with whatever any append stored, this one included.
     */
    private static void refuseDifferentSecrets(Connection c, long tenantId, List<Annex.Secret> carried) throws SQLException {
        List<String> differing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM secrets WHERE tenant_id = ? AND name = ?")) {
            for (Annex.Secret sec : carried) {
                ps.setLong(1, tenantId);
                ps.setString(2, sec.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !java.util.Arrays.equals(rs.getBytes(1), sec.value()) && !differing.contains(sec.name())) {
                        differing.add(sec.name());
                    }
                }
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
    public java.util.Map<String, Annex.UniqueKey> uniqueKeys(long tenantId, java.util.Collection<String> keys) {
        java.util.Map<String, Annex.UniqueKey> out = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<String> all = new ArrayList<>(keys);
        return read(c -> {
            for (int start = 0; start < all.size(); start += 500) {
                List<String> chunk = all.subList(start, Math.min(all.size(), start + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT key, idx, body_digest FROM unique_keys WHERE tenant_id = ? AND key IN (" + marks + ")")) {
                    ps.setLong(1, tenantId);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new Annex.UniqueKey(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Annex.Key> keyed(long tenantId, String kind, String key, long fromMillis, long toMillis,
                                 Annex.Key after, int limit) {
        return index.keyed(tenantId, kind, key, fromMillis, toMillis, after, limit);
    }

    @Override
    public List<String> keysOfKind(long tenantId, String kind) {
        return index.keysOfKind(tenantId, kind);
    }

    /** Waits until the lookup keys of every append so far are filed in the index file (tests). */
    void awaitIndexed() {
        index.awaitFiled();
    }

    @Override
    public Optional<byte[]> blob(long tenantId, long index, String digest) {
        return read(c -> {
            if (isIndex(index)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM entry_blobs WHERE entry = ? AND digest = ?")) {
                    ps.setLong(1, rowId(tenantId, index));
                    ps.setString(2, digest);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(rs.getBytes(1));
                        }
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

    @Override
    public void putSecret(long tenantId, String name, byte[] value, long createdAtMillis) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO secrets(tenant_id, name, value, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, tenantId);
                ps.setString(2, name);
                ps.setBytes(3, value);
                ps.setLong(4, createdAtMillis);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getMessage() != null && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARY"))) {
                    throw new StoreException("a secret named " + name + " already exists", e);
                }
                throw e;
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
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO erased_secrets(tenant_id, value_digest, erased_at) "
                            + "SELECT tenant_id, ?, ? FROM secrets WHERE tenant_id = ? AND name = ?")) {
                byte[] value = null;
                try (PreparedStatement read = c.prepareStatement("SELECT value FROM secrets WHERE tenant_id = ? AND name = ?")) {
                    read.setLong(1, tenantId);
                    read.setString(2, name);
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            value = rs.getBytes(1);
                        }
                    }
                }
                if (value != null) {
                    ps.setBytes(1, sha256(value));
                    ps.setLong(2, System.currentTimeMillis());
                    ps.setLong(3, tenantId);
                    ps.setString(4, name);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM secrets WHERE tenant_id = ? AND name = ?")) {
                ps.setLong(1, tenantId);
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            }
        });
        // secure_delete zeroes the freed page content in the database file; a truncating WAL
        // checkpoint then removes the old page images from the write-ahead log as well.
        writeLock.lock();
        try (Statement st = writer.createStatement()) {
            writer.commit();
            writer.setAutoCommit(true);
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StoreException("the secret was deleted but the write-ahead log could not be truncated: " + e.getMessage(), e);
        } finally {
            try {
                writer.setAutoCommit(false);
            } catch (SQLException ignored) {
                // the next write reports a broken connection
            }
            writeLock.unlock();
        }
        return existed;
    }

    @Override
    public Optional<StoredEntry> entry(long tenantId, long index) {
        if (!isIndex(index)) {
            return Optional.empty();
        }
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT type, recorded_at, entry, leaf_hash FROM entries WHERE id = ?")) {
                ps.setLong(1, rowId(tenantId, index));
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
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, type, recorded_at, entry, leaf_hash FROM entries WHERE id >= ? AND id < ? ORDER BY id")) {
                ps.setLong(1, rowIdBound(tenantId, from));
                ps.setLong(2, rowIdBound(tenantId, to));
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    long base = rowId(tenantId, 0);
                    while (rs.next()) {
                        sink.accept(new StoredEntry(rs.getLong(1) - base, rs.getString(2), rs.getLong(3),
                                rs.getBytes(4), rs.getBytes(5)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<byte[]> leafHashes(long tenantId, long from, long to) {
        return read(c -> {
            List<byte[]> out = new ArrayList<>((int) Math.max(0, Math.min(to - from, 1 << 16)));
            try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM entries WHERE id >= ? AND id < ? ORDER BY id")) {
                ps.setLong(1, rowIdBound(tenantId, from));
                ps.setLong(2, rowIdBound(tenantId, to));
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
        if (!isIndex(tileIndex)) {
            return Optional.empty();
        }
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hashes, root, mid FROM tiles WHERE id = ?")) {
                ps.setLong(1, rowId(tenantId, tileIndex));
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
            try (PreparedStatement ps = c.prepareStatement("SELECT id, root FROM tiles WHERE id >= ? AND id < ? ORDER BY id")) {
                ps.setLong(1, rowId(tenantId, 0));
                ps.setLong(2, rowId(tenantId + 1, 0));
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = rowId(tenantId, 0);
                    while (rs.next()) {
                        if (rs.getLong(1) != expected++) {
                            throw new StoreException("tile " + (expected - 1 - rowId(tenantId, 0))
                                    + " is missing from the store; run `onus verify`");
                        }
                        out.add(rs.getBytes(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void addCheckpoint(long tenantId, CheckpointRecord cp) {
        write(c -> {
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

    @Override
    public void addToken(TokenRecord t) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens(secret_hash, id, tenant_id, role, label, created_at, revoked_at, party) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setBytes(1, t.secretHash());
                ps.setString(2, t.id());
                ps.setLong(3, t.tenantId());
                ps.setString(4, t.role());
                ps.setString(5, t.label());
                ps.setLong(6, t.createdAtMillis());
                ps.setLong(7, t.revokedAtMillis());
                ps.setString(8, t.party());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<TokenRecord> tokenBySecretHash(byte[] secretHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret_hash, id, tenant_id, role, label, created_at, revoked_at, party FROM tokens WHERE secret_hash = ?")) {
                ps.setBytes(1, secretHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new TokenRecord(rs.getBytes(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                    rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8)))
                            : Optional.<TokenRecord>empty();
                }
            }
        });
    }

    @Override
    public List<TokenRecord> tokens(long tenantId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret_hash, id, tenant_id, role, label, created_at, revoked_at, party "
                    + "FROM tokens WHERE tenant_id = ? ORDER BY created_at, id")) {
                ps.setLong(1, tenantId);
                List<TokenRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TokenRecord(rs.getBytes(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8)));
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
            try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at = 0")) {
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
                return rs.next() && rs.getInt(1) == 1;
            }
        });
    }

    @Override
    public long sizeOnDisk() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Path p = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(p)) {
                    total += Files.size(p);
                }
            } catch (java.io.IOException e) {
                // a file that vanished between the check and the read adds nothing
            }
        }
        return total + index.sizeOnDisk();
    }

    @Override
    public void close() {
        index.close();
        writeLock.lock();
        try {
            for (Connection c : readers) {
                c.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("closing the embedded store failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
