package org.onus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's lookup index is filed behind the log: what a read finds never depends on
 * how far that has got, on a crash before it got anywhere, or on an index file that is missing,
 * stale or another store's.
 */
class SqliteIndexTest {

    @TempDir
    Path dir;

    private static final long T = 1;

    /** Appends {@code count} entries from {@code first}, entry i filed under patient "pt-(i % 3)" at time 1000 - i. */
    private static void append(SqliteStore store, long first, int count) {
        List<StoredEntry> entries = new ArrayList<>();
        List<Annex.Key> keys = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            entries.add(new StoredEntry(i, "x", 0, new byte[] {'{', '}'}, new byte[32]));
            keys.add(new Annex.Key(i, "patient", "pt-" + (i % 3), 1000 - i));
            keys.add(new Annex.Key(i, "deployment", "d-" + (i / 10), 5));
        }
        store.append(T, first, entries, List.of(), new Annex(keys, List.of(), List.of()));
    }

    private static List<Long> indexes(List<Annex.Key> keys) {
        return keys.stream().map(Annex.Key::index).toList();
    }

    /** Patient pt-0's entries below {@code size}, in time then index order (later index, earlier time). */
    private static List<Long> expectedPt0(long size) {
        List<Long> out = new ArrayList<>();
        for (long i = size - 1; i >= 0; i--) {
            if (i % 3 == 0) {
                out.add(i);
            }
        }
        return out;
    }

    private static long filedPostings(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteIndex.FILE_NAME));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM postings")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SqliteStore fresh() {
        SqliteStore store = SqliteStore.open(dir);
        store.createTenant("alpha", 0);
        return store;
    }

    @Test
    void readsMergeFiledKeysWithThoseStillInMemoryAndPageAcrossBoth() throws Exception {
        try (SqliteStore store = fresh()) {
            append(store, 0, 30);
            store.awaitIndexed();
        }
        assertThat(filedPostings(dir)).isEqualTo(60);
        try (SqliteStore store = SqliteStore.openWithoutIndexer(dir)) {
            append(store, 30, 30); // held in memory only
            assertThat(filedPostings(dir)).isEqualTo(60);
            assertThat(indexes(store.keyed(T, "patient", "pt-0", 0, 2000, null, 100))).isEqualTo(expectedPt0(60));
            List<Long> paged = new ArrayList<>();
            Annex.Key after = null;
            while (true) {
                List<Annex.Key> page = store.keyed(T, "patient", "pt-0", 0, 2000, after, 3);
                if (page.isEmpty()) {
                    break;
                }
                assertThat(page).hasSizeLessThanOrEqualTo(3);
                paged.addAll(indexes(page));
                after = page.get(page.size() - 1);
            }
            assertThat(paged).isEqualTo(expectedPt0(60));
            assertThat(indexes(store.keyed(T, "patient", "pt-0", 1000 - 35, 1000 - 20, null, 100)))
                    .containsExactly(33L, 30L, 27L, 24L, 21L);
            assertThat(store.keysOfKind(T, "deployment")).containsExactly("d-0", "d-1", "d-2", "d-3", "d-4", "d-5");
            assertThat(store.keysOfKind(T, "patient")).containsExactly("pt-0", "pt-1", "pt-2");
        }
    }

    @Test
    void keysOfAppendsThatCommittedButWereNeverFiledAreFiledFromTheLogOnTheNextOpen() throws Exception {
        try (SqliteStore store = SqliteStore.openWithoutIndexer(dir)) {
            store.createTenant("alpha", 0);
            append(store, 0, 20);
            append(store, 20, 10);
        } // closed as a crash would leave it: nothing filed
        assertThat(filedPostings(dir)).isZero();
        try (SqliteStore store = SqliteStore.openWithoutIndexer(dir)) { // opening files what the log recorded
            assertThat(filedPostings(dir)).isEqualTo(60);
            assertThat(indexes(store.keyed(T, "patient", "pt-0", 0, 2000, null, 100))).isEqualTo(expectedPt0(30));
            assertThat(store.keyed(T, "deployment", "d-2", 0, 2000, null, 100)).hasSize(10);
        }
    }

    @Test
    void aMissingIndexFileIsRebuiltFromTheLog() throws Exception {
        try (SqliteStore store = fresh()) {
            append(store, 0, 30);
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dir.resolve(SqliteIndex.FILE_NAME + suffix));
        }
        try (SqliteStore store = SqliteStore.openWithoutIndexer(dir)) {
            assertThat(filedPostings(dir)).isEqualTo(60);
            assertThat(indexes(store.keyed(T, "patient", "pt-0", 0, 2000, null, 100))).isEqualTo(expectedPt0(30));
        }
    }

    @Test
    void anIndexFileOfAnotherStoreIsNeverTakenForThisOnesAndIsRebuilt() throws Exception {
        Path other = dir.resolve("other");
        try (SqliteStore store = SqliteStore.open(other)) {
            store.createTenant("alpha", 0);
            store.append(T, 0, List.of(new StoredEntry(0, "x", 0, new byte[] {'{', '}'}, new byte[32])), List.of(),
                    new Annex(List.of(new Annex.Key(0, "patient", "pt-0", 1), new Annex.Key(0, "patient", "intruder", 1)),
                            List.of(), List.of()));
        }
        try (SqliteStore store = fresh()) {
            append(store, 0, 30);
        }
        Files.copy(other.resolve(SqliteIndex.FILE_NAME), dir.resolve(SqliteIndex.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve(SqliteIndex.FILE_NAME + "-wal"));
        Files.deleteIfExists(dir.resolve(SqliteIndex.FILE_NAME + "-shm"));
        try (SqliteStore store = SqliteStore.openWithoutIndexer(dir)) {
            assertThat(store.keysOfKind(T, "patient")).containsExactly("pt-0", "pt-1", "pt-2");
            assertThat(indexes(store.keyed(T, "patient", "pt-0", 0, 2000, null, 100))).isEqualTo(expectedPt0(30));
        }
    }

    @Test
    void aLogRestoredFromAnOlderCopyDropsWhatTheIndexFiledBeyondIt() throws Exception {
        Path backup = dir.resolve("backup");
        Files.createDirectories(backup);
        try (SqliteStore store = fresh()) {
            append(store, 0, 12);
        }
        for (String suffix : new String[] {"", "-wal"}) {
            Path f = dir.resolve(SqliteStore.FILE_NAME + suffix);
            if (Files.exists(f)) {
                Files.copy(f, backup.resolve(SqliteStore.FILE_NAME + suffix));
            }
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.append(T, 12, List.of(new StoredEntry(12, "x", 0, new byte[] {'{', '}'}, new byte[32])), List.of(),
                    new Annex(List.of(new Annex.Key(12, "patient", "pt-later", 1)), List.of(), List.of()));
            store.awaitIndexed();
        }
        Files.deleteIfExists(dir.resolve(SqliteStore.FILE_NAME + "-wal"));
        Files.deleteIfExists(dir.resolve(SqliteStore.FILE_NAME + "-shm"));
        for (String suffix : new String[] {"", "-wal"}) {
            Path f = backup.resolve(SqliteStore.FILE_NAME + suffix);
            if (Files.exists(f)) {
                Files.copy(f, dir.resolve(SqliteStore.FILE_NAME + suffix), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.size(T)).isEqualTo(12);
            assertThat(store.keysOfKind(T, "patient")).containsExactly("pt-0", "pt-1", "pt-2");
            assertThat(store.keyed(T, "patient", "pt-later", 0, 2000, null, 10)).isEmpty();
            append(store, 12, 1);
            assertThat(indexes(store.keyed(T, "patient", "pt-0", 0, 2000, null, 100))).isEqualTo(expectedPt0(13));
        }
    }

    @Test
    void anIndexTooFarBehindRefusesTheAppendAndWritesNothing() {
        try (SqliteStore store = SqliteStore.openWithoutIndexer(dir)) {
            store.createTenant("alpha", 0);
            List<Annex.Key> many = new ArrayList<>();
            for (int i = 0; i < SqliteIndex.MAX_PENDING_KEYS; i++) {
                many.add(new Annex.Key(0, "decision", "dec-" + i, 1));
            }
            store.append(T, 0, List.of(new StoredEntry(0, "x", 0, new byte[] {'{', '}'}, new byte[32])), List.of(),
                    new Annex(many, List.of(), List.of()));
            assertThatThrownBy(() -> append(store, 1, 1)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("lookup index is " + SqliteIndex.MAX_PENDING_KEYS + " keys behind").hasMessageContaining("nothing was written");
            assertThat(store.size(T)).isEqualTo(1);
            assertThat(store.keyed(T, "decision", "dec-17", 0, 10, null, 10)).extracting(Annex.Key::index).containsExactly(0L);
        }
    }

    @Property(tries = 200)
    void theLogsRecordOfAnAppendsKeysReadsBackExactly(@ForAll @Size(max = 20) List<@net.jqwik.api.constraints.Chars({'a', 'é', '\u4e2d', '/', ' '}) String> keys,
                                                      @ForAll long first, @ForAll long at) {
        long base = Math.floorMod(first, 1L << 40);
        List<Annex.Key> in = new ArrayList<>();
        String[] kinds = {"patient", "deployment", "decision"};
        for (int i = 0; i < keys.size(); i++) {
            long time = i % 2 == 0 ? at - i : Long.MIN_VALUE + i;
            in.add(new Annex.Key(base + i * 7L, kinds[i % 3], keys.get(i) + "\uD83D\uDE00", time));
        }
        assertThat(SqliteIndex.decode(base, SqliteIndex.encode(base, in))).isEqualTo(in);
    }
}
