package org.onus.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store's lookup index: which entries carry a lookup key (a patient's pseudonym, a
 * deployment, a decision id), in time and then index order. It is derived data, kept in a file of
 * its own ({@code index.db}) and filed behind the log.
 *
 * <p>Why behind the log: filing a lookup key is a B-tree insert at a place set by the key (a
 * random patient, a new decision id), and on the sequencer's path those inserts cost about as
 * much as everything else an append writes together (BENCHMARKS.md, "Fourth round"). So an
 * append commits, in the log's own file and transaction, only a compact record of its keys (one
 * row of {@code annex_log} per append, written in log order), and this class files them into
 * {@code index.db} on a thread of its own ({@code onus-indexer}), many appends per transaction,
 * sorted, on the other core. Its own file, because SQLite admits one writer per file.
 *
 * <p>What readers see: a key is found from the moment its append returns. Committed appends not
 * yet filed are held in memory ({@link #committed}) and every read merges them in; the indexer
 * drops them from memory only after its transaction committed, and a reader takes its copy of
 * them before it queries the file, so an entry is always in one or the other (or both, and then
 * counted once).
 *
 * <p>Crashes: the index records per tenant how far it has filed ({@code indexed}), in the same
 * transaction as the rows, and is written with {@code synchronous=NORMAL}: a crash may lose its
 * last transactions but leaves it consistent, and on open whatever {@code annex_log} holds beyond
 * that mark is filed before the store is used. An index that is not this store's (another
 * identity, say a data directory whose {@code onus.db} was replaced), that claims more than the
 * log holds (a log restored from an older backup), or that this build cannot read is deleted and
 * rebuilt from {@code annex_log}. The index is never a source of truth: the log's file alone is
 * what a backup needs.
 *
 * <p>Pressure: if the indexer falls {@value #MAX_PENDING_KEYS} keys behind, appends wait for it;
 * if it makes no progress for {@value #STALL_MILLIS} ms (say the disk is full), they are refused
 * with the reason rather than held forever.
 */
final class SqliteIndex implements AutoCloseable {

    static final String FILE_NAME = "index.db";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteIndex.class);
    private static final int SCHEMA = 1;
    private static final int READERS = 4;
    static final int MAX_PENDING_KEYS = 400_000;
    private static final int MAX_KEYS_PER_WRITE = 100_000;
    /** The indexer waits for this many keys, or for {@link #MAX_FILING_DELAY_MILLIS}, before it files. */
    private static final int MIN_KEYS_PER_WRITE = 40_000;
    private static final long MAX_FILING_DELAY_MILLIS = 500;
    private static final long STALL_MILLIS = 30_000;
    private static final int MAX_KNOWN_KEYS = 200_000;
    private static final byte FORMAT = 1;
    /** Code point order, which is the byte order of UTF-8 and so SQLite's order of text keys. */
    private static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    /** Numbers of lookup keys known to be committed; touched only by the thread that files. */
    private final Map<KeyName, Long> keyIds = new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyName, Long> eldest) {
            return size() > MAX_KNOWN_KEYS;
        }
    };

    private final Object lock = new Object();
    /** Committed appends not filed yet, oldest first; guarded by {@link #lock}. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The keys of {@link #queue} by name, each in commit order; guarded by {@link #lock}. */
    private final Map<KeyName, ArrayDeque<Annex.Key>> pendingByKey = new HashMap<>();
    private int pendingKeys;
    private boolean closing;
    private long lastProgress = System.currentTimeMillis();
    private volatile Exception lastFailure;
    private Thread indexer;

    /** A lookup key of a tenant. */
    record KeyName(long tenantId, String kind, String key) {
    }

    /** One committed append's lookup keys; {@code end} is one past its last entry. */
    private record Pending(long tenantId, long end, List<Annex.Key> keys, long queuedAt) {

        Pending(long tenantId, long end, List<Annex.Key> keys) {
            this(tenantId, end, keys, System.currentTimeMillis());
        }
    }

    private SqliteIndex(Path file, Connection writer) throws SQLException {
        this.file = file;
        this.writer = writer;
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(file));
        }
    }

    /**
     * Opens the index beside the log whose writer connection is {@code log} (not yet used by
     * anyone else), rebuilding or catching it up from {@code annex_log} first. With
     * {@code background}, a thread files later appends; without, they stay in memory (tests of
     * what a crash leaves behind).
     */
    static SqliteIndex open(Path dataDir, Connection log, boolean background) throws SQLException {
        String identity = identity(log);
        Path file = dataDir.resolve(FILE_NAME);
        Connection c = connect(file);
        String unusable = unusable(c, identity, log);
        if (unusable != null) {
            LOG.info("rebuilding the lookup index {} from the log: {}", file, unusable);
            c.close();
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(file.resolveSibling(FILE_NAME + suffix));
                } catch (java.io.IOException e) {
                    throw new StoreException("cannot delete the stale lookup index " + file + ": " + e.getMessage(), e);
                }
            }
            c = connect(file);
            create(c, identity);
        }
        c.setAutoCommit(false);
        SqliteIndex index = new SqliteIndex(file, c);
        index.catchUp(log, logSizes(log));
        if (background) {
            index.indexer = new Thread(index::fileInBackground, "onus-indexer");
            index.indexer.setDaemon(true);
            index.indexer.start();
        }
        return index;
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // derived data: a crash may lose the last transactions, never consistency (see the class comment)
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA cache_size = -65536");
        }
        return c;
    }

    private static String identity(Connection log) throws SQLException {
        try (Statement st = log.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM store_identity")) {
            if (!rs.next()) {
                throw new StoreException("the embedded store has no identity row (store_identity); the file is damaged");
            }
            return rs.getString(1);
        }
    }

    private static Map<Long, Long> logSizes(Connection log) throws SQLException {
        Map<Long, Long> sizes = new LinkedHashMap<>();
        List<Long> tenants = new ArrayList<>();
        try (Statement st = log.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM tenants ORDER BY id")) {
            while (rs.next()) {
                tenants.add(rs.getLong(1));
            }
        }
        for (long t : tenants) {
            sizes.put(t, SqliteStore.sizeOn(log, t));
        }
        return sizes;
    }

    /** Why the index file cannot be caught up and must be rebuilt, or null if it can. */
    private static String unusable(Connection c, String identity, Connection log) throws SQLException {
        try (Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version == 0) {
                return "there is none yet";
            }
            if (version != SCHEMA) {
                return "it has format " + version + ", this build writes " + SCHEMA;
            }
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE name = 'store'")) {
                if (!rs.next() || !identity.equals(rs.getString(1))) {
                    return "it was built for another store";
                }
            }
            Map<Long, Long> marks = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT tenant_id, size FROM indexed")) {
                while (rs.next()) {
                    marks.put(rs.getLong(1), rs.getLong(2));
                }
            }
            // the marks first, the log after: a mark never passes the log, so one that another process
            // (a server on this directory) moves meanwhile is still found behind it
            Map<Long, Long> sizes = logSizes(log);
            for (Map.Entry<Long, Long> m : marks.entrySet()) {
                Long size = sizes.get(m.getKey());
                if (size == null || m.getValue() > size) {
                    return "it has filed entries of tenant " + m.getKey() + " up to " + m.getValue()
                            + " but the log holds " + (size == null ? "no such tenant" : size + " entries");
                }
            }
            return null;
        } catch (SQLException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
    }

    private static void create(Connection c, String identity) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.executeUpdate("CREATE TABLE indexed (tenant_id INTEGER PRIMARY KEY, size INTEGER NOT NULL)");
            st.executeUpdate("CREATE TABLE lookup_keys (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, kind TEXT NOT NULL,"
                    + " key TEXT NOT NULL, UNIQUE (tenant_id, kind, key))");
            st.executeUpdate("CREATE TABLE postings (key_id INTEGER NOT NULL, at INTEGER NOT NULL, idx INTEGER NOT NULL,"
                    + " PRIMARY KEY (key_id, at, idx)) WITHOUT ROWID");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta(name, value) VALUES ('store', ?)")) {
                ps.setString(1, identity);
                ps.executeUpdate();
            }
            st.executeUpdate("PRAGMA user_version = " + SCHEMA);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Files what {@code annex_log} holds beyond each tenant's mark, before anything else uses the index. */
    private void catchUp(Connection log, Map<Long, Long> sizes) throws SQLException {
        for (Map.Entry<Long, Long> t : sizes.entrySet()) {
            long tenantId = t.getKey();
            long size = t.getValue();
            long mark = 0;
            try (PreparedStatement ps = writer.prepareStatement("SELECT size FROM indexed WHERE tenant_id = ?")) {
                ps.setLong(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        mark = rs.getLong(1);
                    }
                }
            }
            if (mark >= size) {
                continue;
            }
            List<Pending> work = new ArrayList<>();
            int keys = 0;
            try (PreparedStatement ps = log.prepareStatement("SELECT id, keys FROM annex_log WHERE id >= ? AND id < ? ORDER BY id")) {
                ps.setLong(1, SqliteStore.rowId(tenantId, mark));
                ps.setLong(2, SqliteStore.rowId(tenantId, size));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long first = rs.getLong(1) - SqliteStore.rowId(tenantId, 0);
                        long end = first + 1;
                        List<Annex.Key> row = new ArrayList<>();
                        for (Annex.Key k : decode(first, rs.getBytes(2))) {
                            if (k.index() < size) { // a row beyond a truncated log files nothing the log lacks
                                row.add(k);
                                end = Math.max(end, k.index() + 1);
                            }
                        }
                        // the mark moves only past rows filed, so a crash between two of these transactions loses none
                        work.add(new Pending(tenantId, Math.min(end, size), row));
                        keys += row.size();
                        if (keys >= MAX_KEYS_PER_WRITE) {
                            write(work);
                            work.clear();
                            keys = 0;
                        }
                    }
                }
            }
            work.add(new Pending(tenantId, size, List.of()));
            write(work);
        }
    }

    /**
     * Takes the lookup keys of an append that has just committed, in commit order (the caller
     * holds the log's write lock). From now on reads find them.
     */
    void committed(long tenantId, long end, List<Annex.Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        synchronized (lock) {
            queue.add(new Pending(tenantId, end, keys));
            for (Annex.Key k : keys) {
                pendingByKey.computeIfAbsent(new KeyName(tenantId, k.kind(), k.key()), n -> new ArrayDeque<>()).add(k);
            }
            pendingKeys += keys.size();
            if (queue.size() == 1 || (pendingKeys >= MIN_KEYS_PER_WRITE && pendingKeys - keys.size() < MIN_KEYS_PER_WRITE)) {
                lock.notifyAll(); // the indexer waits for the first append, then for enough of them
            }
        }
    }

    /** Waits while the indexer is too far behind; refuses if it has made no progress for a long time. */
    void awaitRoom() {
        synchronized (lock) {
            while (pendingKeys >= MAX_PENDING_KEYS && !closing) {
                long stalled = System.currentTimeMillis() - lastProgress;
                if (stalled >= STALL_MILLIS || indexer == null) {
                    Exception cause = lastFailure;
                    throw new StoreException("the lookup index is " + pendingKeys + " keys behind the log and has filed nothing for "
                            + stalled + " ms" + (cause == null ? "" : ": " + cause.getMessage()) + "; nothing was written", cause);
                }
                try {
                    lock.wait(Math.max(1, STALL_MILLIS - stalled));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the lookup index", e);
                }
            }
        }
    }

    /** Waits until every append committed so far is filed in the index file (for tests and copies). */
    void awaitFiled() {
        synchronized (lock) {
            while (!queue.isEmpty()) {
                if (indexer == null || !indexer.isAlive()) {
                    throw new StoreException("no indexer is running to file " + pendingKeys + " lookup keys");
                }
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the lookup index", e);
                }
            }
        }
    }

    private void fileInBackground() {
        long backoff = 100;
        while (true) {
            List<Pending> work = new ArrayList<>();
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                // many appends per transaction: each one writes the index's hot pages again, whatever it carries
                long deadline = queue.peekFirst().queuedAt() + MAX_FILING_DELAY_MILLIS;
                while (pendingKeys < MIN_KEYS_PER_WRITE && !closing) {
                    long wait = deadline - System.currentTimeMillis();
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        lock.wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                int keys = 0;
                for (Pending p : queue) {
                    if (!work.isEmpty() && keys + p.keys().size() > MAX_KEYS_PER_WRITE) {
                        break;
                    }
                    work.add(p);
                    keys += p.keys().size();
                }
            }
            try {
                write(work);
                backoff = 100;
            } catch (SQLException | RuntimeException e) {
                lastFailure = e;
                LOG.error("filing {} appends into the lookup index {} failed; they stay in memory and in the log, retrying",
                        work.size(), file, e);
                synchronized (lock) {
                    if (closing) {
                        return;
                    }
                    try {
                        lock.wait(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                backoff = Math.min(5_000, backoff * 2);
                continue;
            }
            synchronized (lock) {
                for (Pending p : work) {
                    queue.removeFirst();
                    for (Annex.Key k : p.keys()) {
                        KeyName name = new KeyName(p.tenantId(), k.kind(), k.key());
                        ArrayDeque<Annex.Key> of = pendingByKey.get(name);
                        of.removeFirst();
                        if (of.isEmpty()) {
                            pendingByKey.remove(name);
                        }
                    }
                    pendingKeys -= p.keys().size();
                }
                lastProgress = System.currentTimeMillis();
                lock.notifyAll();
            }
        }
    }

    /** Files {@code work} in one transaction: numbers new keys, inserts the postings sorted, moves the marks. */
    private void write(List<Pending> work) throws SQLException {
        Map<KeyName, Long> fresh = new HashMap<>();
        try {
            List<KeyName> names = new ArrayList<>();
            Map<Long, Long> marks = new LinkedHashMap<>();
            int total = 0;
            for (Pending p : work) {
                marks.merge(p.tenantId(), p.end(), Math::max);
                total += p.keys().size();
            }
            long[] rows = new long[total * 3];
            KeyName[] rowNames = new KeyName[total];
            int r = 0;
            for (Pending p : work) {
                for (Annex.Key k : p.keys()) {
                    KeyName name = new KeyName(p.tenantId(), k.kind(), k.key());
                    if (!keyIds.containsKey(name) && !fresh.containsKey(name)) {
                        fresh.put(name, null);
                        names.add(name);
                    }
                    rowNames[r] = name;
                    rows[3 * r + 1] = k.atMillis();
                    rows[3 * r + 2] = k.index();
                    r++;
                }
            }
            names.sort(Comparator.comparingLong(KeyName::tenantId).thenComparing(KeyName::kind).thenComparing(KeyName::key, KEY_ORDER));
            number(names, fresh);
            Integer[] order = new Integer[total];
            for (int i = 0; i < total; i++) {
                Long id = keyIds.get(rowNames[i]);
                rows[3 * i] = id != null ? id : fresh.get(rowNames[i]);
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                for (int f = 0; f < 3; f++) {
                    int cmp = Long.compare(rows[3 * a + f], rows[3 * b + f]);
                    if (cmp != 0) {
                        return cmp;
                    }
                }
                return 0;
            });
            try (PreparedStatement ps = writer.prepareStatement("INSERT OR IGNORE INTO postings(key_id, at, idx) VALUES (?, ?, ?)")) {
                for (int i : order) {
                    ps.setLong(1, rows[3 * i]);
                    ps.setLong(2, rows[3 * i + 1]);
                    ps.setLong(3, rows[3 * i + 2]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO indexed(tenant_id, size) VALUES (?, ?)"
                    + " ON CONFLICT(tenant_id) DO UPDATE SET size = MAX(size, excluded.size)")) {
                for (Map.Entry<Long, Long> m : marks.entrySet()) {
                    ps.setLong(1, m.getKey());
                    ps.setLong(2, m.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        keyIds.putAll(fresh); // only numbers that committed: a rolled-back one may be handed out again
    }

    /** Numbers {@code names} (new to this thread's memory), in key order, into {@code fresh}. */
    private void number(List<KeyName> names, Map<KeyName, Long> fresh) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = writer.prepareStatement(
                     "INSERT OR IGNORE INTO lookup_keys(tenant_id, kind, key) VALUES (?, ?, ?) RETURNING id");
             PreparedStatement select = writer.prepareStatement("SELECT id FROM lookup_keys WHERE tenant_id = ? AND kind = ? AND key = ?")) {
            for (KeyName n : names) {
                Long id = null;
                for (PreparedStatement ps : new PreparedStatement[] {insert, select}) {
                    ps.setLong(1, n.tenantId());
                    ps.setString(2, n.kind());
                    ps.setString(3, n.key());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                            break;
                        }
                    }
                }
                if (id == null) {
                    throw new SQLException("lookup key (" + n.kind() + ", " + n.key() + ") was neither numbered nor found");
                }
                fresh.put(n, id);
            }
        }
    }

    private interface ReadWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(ReadWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection to the lookup index", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("lookup index read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** {@link LedgerStore#keyed}: the filed postings merged with those still in memory. */
    List<Annex.Key> keyed(long tenantId, String kind, String key, long fromMillis, long toMillis, Annex.Key after, int limit) {
        List<Annex.Key> held;
        synchronized (lock) { // before the file is read: see the class comment
            ArrayDeque<Annex.Key> of = pendingByKey.get(new KeyName(tenantId, kind, key));
            held = of == null ? List.of() : new ArrayList<>(of);
        }
        List<Annex.Key> filed = read(c -> {
            List<Annex.Key> out = new ArrayList<>();
            String sql = "SELECT p.at, p.idx FROM lookup_keys k JOIN postings p ON p.key_id = k.id"
                    + " WHERE k.tenant_id = ? AND k.kind = ? AND k.key = ? AND p.at >= ? AND p.at < ?"
                    + (after == null ? "" : " AND (p.at > ? OR (p.at = ? AND p.idx > ?))") + " ORDER BY p.at, p.idx LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, tenantId);
                ps.setString(i++, kind);
                ps.setString(i++, key);
                ps.setLong(i++, fromMillis);
                ps.setLong(i++, toMillis);
                if (after != null) {
                    ps.setLong(i++, after.atMillis());
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
        if (held.isEmpty()) {
            return filed;
        }
        LinkedHashSet<Annex.Key> all = new LinkedHashSet<>(filed);
        for (Annex.Key k : held) {
            boolean inWindow = k.atMillis() >= fromMillis && k.atMillis() < toMillis;
            boolean afterCursor = after == null || k.atMillis() > after.atMillis()
                    || (k.atMillis() == after.atMillis() && k.index() > after.index());
            if (inWindow && afterCursor) {
                all.add(k);
            }
        }
        List<Annex.Key> out = new ArrayList<>(all);
        out.sort(Comparator.comparingLong(Annex.Key::atMillis).thenComparingLong(Annex.Key::index));
        return out.size() > limit ? new ArrayList<>(out.subList(0, Math.max(0, limit))) : out;
    }

    /** {@link LedgerStore#keysOfKind}: filed keys and those still in memory, in key order. */
    List<String> keysOfKind(long tenantId, String kind) {
        List<String> held = new ArrayList<>();
        synchronized (lock) {
            for (KeyName n : pendingByKey.keySet()) {
                if (n.tenantId() == tenantId && n.kind().equals(kind)) {
                    held.add(n.key());
                }
            }
        }
        List<String> filed = read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT key FROM lookup_keys WHERE tenant_id = ? AND kind = ? ORDER BY key")) {
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
        if (held.isEmpty()) {
            return filed;
        }
        TreeSet<String> all = new TreeSet<>(KEY_ORDER);
        all.addAll(filed);
        all.addAll(held);
        return new ArrayList<>(all);
    }

    /** Bytes of the index's files. */
    long sizeOnDisk() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Path p = file.resolveSibling(FILE_NAME + suffix);
                if (Files.exists(p)) {
                    total += Files.size(p);
                }
            } catch (java.io.IOException e) {
                // a file that vanished between the check and the read adds nothing
            }
        }
        return total;
    }

    /** Files what is still in memory (what cannot be filed now is filed from the log on the next open), then closes. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        if (indexer != null) {
            try {
                indexer.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            for (Connection c : readers) {
                c.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("closing the lookup index failed: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code annex_log} record of an append's lookup keys: a format byte, the kinds used,
     * then per key its index after {@code firstIndex}, its kind's number, its time as the change
     * from the previous key's, and the key, all as unsigned or zigzag LEB128 varints and UTF-8.
     * Hand-written because it is a few dozen lines and sits on the sequencer's path, where a
     * general serializer would cost more than the row it saves.
     */
    static byte[] encode(long firstIndex, List<Annex.Key> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + keys.size() * 40);
        out.write(FORMAT);
        List<String> kinds = new ArrayList<>(4);
        for (Annex.Key k : keys) {
            if (!kinds.contains(k.kind())) {
                kinds.add(k.kind());
            }
        }
        varint(out, kinds.size());
        for (String kind : kinds) {
            text(out, kind);
        }
        varint(out, keys.size());
        long previousAt = 0;
        for (Annex.Key k : keys) {
            varint(out, k.index() - firstIndex);
            varint(out, kinds.indexOf(k.kind()));
            long delta = k.atMillis() - previousAt;
            varint(out, (delta << 1) ^ (delta >> 63));
            previousAt = k.atMillis();
            text(out, k.key());
        }
        return out.toByteArray();
    }

    /** The keys {@link #encode} wrote for the append whose first entry is {@code firstIndex}. */
    static List<Annex.Key> decode(long firstIndex, byte[] bytes) {
        Reader in = new Reader(bytes);
        if (bytes.length == 0 || bytes[in.at++] != FORMAT) {
            throw new StoreException("an annex_log row of entry " + firstIndex + " has an unknown format");
        }
        int kindCount = (int) in.varint();
        String[] kinds = new String[kindCount];
        for (int i = 0; i < kindCount; i++) {
            kinds[i] = in.text();
        }
        int count = (int) in.varint();
        List<Annex.Key> keys = new ArrayList<>(count);
        long at = 0;
        for (int i = 0; i < count; i++) {
            long index = firstIndex + in.varint();
            String kind = kinds[(int) in.varint()];
            long zigzag = in.varint();
            at += (zigzag >>> 1) ^ -(zigzag & 1);
            keys.add(new Annex.Key(index, kind, in.text(), at));
        }
        return keys;
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new StoreException("an annex_log row has a malformed number");
        }

        String text() {
            int length = (int) varint();
            String s = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return s;
        }
    }
}
