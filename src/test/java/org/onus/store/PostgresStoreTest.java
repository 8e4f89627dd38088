package org.onus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store passes the store contract, each test on a fresh database of one embedded server. */
class PostgresStoreTest extends LedgerStoreContract {

    private PostgresSettings database;

    @Override
    protected LedgerStore openFreshStore() {
        database = TestPostgres.freshDatabase();
        return PostgresStore.open(database);
    }

    @Override
    protected LedgerStore reopen(LedgerStore store) {
        store.close();
        return PostgresStore.open(database);
    }

    @Test
    void aDestroyedSecretIsInNoDataFileOfTheDatabaseAnyMore() throws Exception {
        long t = tenant("alpha");
        byte[] key = new byte[32];
        new java.util.Random(7).nextBytes(key);
        store.putSecret(t, "patient-key/pt-1", key, 1);
        appendWithSecret(t, "patient-key/pt-2", new byte[] {1, 2, 3});
        assertThat(filesHolding(key)).as("the secret is on disk before it is destroyed").isNotEmpty();

        assertThat(store.destroySecret(t, "patient-key/pt-1")).isTrue();

        assertThat(filesHolding(key)).as("data files still holding the destroyed secret").isEmpty();
        assertThat(store.secret(t, "patient-key/pt-2")).isPresent();
    }

    @Test
    void aBlobStoredBeforeBlobsWereFiledByEntryIsStillFound() throws Exception {
        long t = tenant("alpha");
        append(t, 1);
        try (Connection c = TestPostgres.superuser(database); Statement st = c.createStatement()) {
            st.execute("INSERT INTO blobs(tenant_id, digest, bytes) VALUES (" + t + ", 'sha256:old', '\\x0102')");
        }

        assertThat(store.blob(t, 0, "sha256:old")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
        assertThat(store.blob(tenant("beta"), 0, "sha256:old")).isEmpty();
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefusedWithWhatToDo() throws Exception {
        try (Connection c = TestPostgres.superuser(database); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version(version, applied_at) VALUES (" + (Migrations.LATEST + 1) + ", 0)");
        }
        store.close();
        store = null;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostgresStore.open(database))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version " + (Migrations.LATEST + 1))
                .hasMessageContaining("run a newer Onus");
    }

    @Test
    void anUnreachableServerIsRefusedNamingWhereItWasLookedFor() {
        PostgresSettings nowhere = PostgresSettings.parse("postgres://onus@127.0.0.1:1/onus", java.util.Map.of())
                .withConnectTimeoutMillis(1_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostgresStore.open(nowhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/onus as onus");
    }

    private void appendWithSecret(long t, String name, byte[] value) {
        List<StoredEntry> one = entries(t, store.size(t), 1);
        store.append(t, store.size(t), one, List.of(), new Annex(List.of(), List.of(), List.of(), List.of(new Annex.Secret(name, value))));
    }

    /** Files of this database's directory (tables, indexes, free-space maps) containing {@code bytes}, after a checkpoint. */
    private List<Path> filesHolding(byte[] bytes) throws Exception {
        Path base;
        try (Connection c = TestPostgres.superuser(database); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
            try (ResultSet rs = st.executeQuery("SELECT current_setting('data_directory'), oid FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                base = Path.of(rs.getString(1), "base", rs.getString(2));
            }
        }
        try (Stream<Path> files = Files.list(base)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(read(f), bytes)).toList();
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            return new byte[0]; // unlinked meanwhile: holds nothing
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
