package org.onus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded store written at schema version 5 (text lookup rows, blobs by digest alone) opens
 * at the current version with everything still found: lookup keys in the same order, and the
 * old blobs, while new appends file theirs by entry.
 */
class SqliteMigrationTest {

    @TempDir
    Path dataDir;

    @Test
    void aVersionFiveStoreKeepsItsLookupKeysAndBlobs() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME))) {
            Migrations.apply(c, "sqlite", 5);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO tenants(id, name, created_at) VALUES (1, 'alpha', 0), (2, 'beta', 0)");
                for (long i = 0; i < 3; i++) {
                    st.execute("INSERT INTO entries(id, type, recorded_at, leaf_hash, entry) VALUES ("
                            + SqliteStore.rowId(1, i) + ", 'x', 0, x'00', x'7b7d')");
                }
                st.execute("INSERT INTO entries(id, type, recorded_at, leaf_hash, entry) VALUES ("
                        + SqliteStore.rowId(2, 0) + ", 'x', 0, x'00', x'7b7d')");
                st.execute("INSERT INTO entry_keys(tenant_id, kind, key, at, idx) VALUES "
                        + "(1, 'patient', 'pt-1', 20, 0), (1, 'patient', 'pt-1', 10, 2), (1, 'patient', 'pt-2', 5, 1), "
                        + "(1, 'deployment', 'd-1', 20, 0), (2, 'patient', 'pt-1', 1, 0)");
                st.execute("INSERT INTO blobs(tenant_id, digest, bytes) VALUES (1, 'sha256:old', x'0102')");
            }
        }

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.keyed(1, "patient", "pt-1", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(2L, 0L);
            assertThat(store.keyed(1, "patient", "pt-2", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(1L);
            assertThat(store.keyed(2, "patient", "pt-1", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(0L);
            assertThat(store.keysOfKind(1, "patient")).containsExactly("pt-1", "pt-2");
            assertThat(store.keysOfKind(1, "deployment")).containsExactly("d-1");
            assertThat(store.blob(1, 0, "sha256:old")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
            assertThat(store.blob(2, 0, "sha256:old")).isEmpty();

            store.append(1, 3, List.of(new StoredEntry(3, "x", 0, new byte[] {'{', '}'}, new byte[32])), List.of(),
                    new Annex(List.of(new Annex.Key(3, "patient", "pt-1", 15), new Annex.Key(3, "patient", "pt-3", 15)), List.of(),
                            List.of(new Annex.Blob(3, "sha256:new", new byte[] {3}))));

            assertThat(store.keyed(1, "patient", "pt-1", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(2L, 3L, 0L);
            assertThat(store.keysOfKind(1, "patient")).containsExactly("pt-1", "pt-2", "pt-3");
            assertThat(store.blob(1, 3, "sha256:new")).hasValueSatisfying(b -> assertThat(b).containsExactly(3));
        }
    }
}
