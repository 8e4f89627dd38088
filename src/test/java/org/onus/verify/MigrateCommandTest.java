package org.onus.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.http.TestServer;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.TenantLog;
import org.onus.store.PostgresStore;
import org.onus.store.TestPostgres;

/** {@code onus migrate}: an embedded data directory copied into PostgreSQL and served from there, unchanged. */
class MigrateCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void aMigratedStoreHasTheSameLogsRootsTokensAndSecretsAndServesAsBefore() {
        String admin;
        byte[] rootBefore;
        long sizeBefore;
        String auditor;
        try (TestServer embedded = TestServer.start(TestServer.config(dataDir).withStore(null))) {
            admin = embedded.admin;
            auditor = embedded.token("st-marys", Role.AUDITOR);
            TenantLog log = embedded.defaultLog();
            List<EntryDraft> drafts = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                drafts.add(Entries.draft("annotation", TestServer.NOW, "test", JsonNodeFactory.instance.objectNode().put("n", i)));
            }
            log.appendAll(drafts).join();
            log.putSecret("patient-key/kept", new byte[] {1, 2, 3});
            log.putSecret("patient-key/erased", new byte[] {4, 5, 6});
            log.destroySecret("patient-key/erased");
            log.checkpoint();
            sizeBefore = log.size();
            rootBefore = log.rootAt(sizeBefore);
        }
        String url = TestPostgres.url(TestPostgres.freshDatabase());

        VerifyFixtures.CliRun run = VerifyFixtures.onus("migrate", "--data", dataDir.toString(), "--to", url);

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("OK tenant default: " + sizeBefore + " entries").contains("OK tenant st-marys")
                .contains("1 erased secrets");
        assertThat(VerifyFixtures.onus("verify", "--data", dataDir.toString(), "--store", url).exit()).isZero();
        try (TestServer onPostgres = TestServer.start(TestServer.config(dataDir).withStore(url))) {
            TenantLog log = onPostgres.defaultLog();
            assertThat(log.size()).isEqualTo(sizeBefore);
            assertThat(log.rootAt(sizeBefore)).isEqualTo(rootBefore);
            assertThat(log.secret("patient-key/kept")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
            assertThat(log.secret("patient-key/erased")).isEmpty();
            assertThat(onPostgres.get("/v1/ledger/entries/5", admin).statusCode()).isEqualTo(200);
            assertThat(onPostgres.get("/v1/ledger/checkpoint", auditor).statusCode()).as("a token of another tenant").isEqualTo(200);
            assertThat(onPostgres.append(admin, "{\"type\":\"note\",\"text\":\"after the move\"}")).isEqualTo(sizeBefore);
        }
    }

    @Test
    void aTargetThatAlreadyHoldsOnusDataIsRefusedAndLeftAsItWas() {
        try (TestServer embedded = TestServer.start(TestServer.config(dataDir).withStore(null))) {
            embedded.append(embedded.admin, "{\"type\":\"note\",\"text\":\"one\"}");
        }
        var database = TestPostgres.freshDatabase();
        String url = TestPostgres.url(database);
        assertThat(VerifyFixtures.onus("migrate", "--data", dataDir.toString(), "--to", url).exit()).isZero();
        long size;
        try (PostgresStore target = PostgresStore.open(database)) {
            size = target.size(target.tenant("default").orElseThrow().id());
        }

        VerifyFixtures.CliRun again = VerifyFixtures.onus("migrate", "--data", dataDir.toString(), "--to", url);

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already holds Onus data").contains("empty database");
        try (PostgresStore target = PostgresStore.open(database)) {
            assertThat(target.tenants()).hasSize(1);
            assertThat(target.size(target.tenant("default").orElseThrow().id())).isEqualTo(size);
        }
    }

    @Test
    void aDirectoryWithoutAnEmbeddedStoreIsAUsageError() {
        VerifyFixtures.CliRun run = VerifyFixtures.onus("migrate", "--data", dataDir.resolve("nothing").toString(),
                "--to", "postgres://onus@localhost/onus");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("holds no embedded store");
    }
}
