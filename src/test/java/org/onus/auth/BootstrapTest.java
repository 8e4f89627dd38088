package org.onus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onus.http.TestServer;
import org.onus.ledger.Entries;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;
import org.onus.store.TenantRecord;

@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class BootstrapTest {

    private static final String SUPPLIED = "automation-supplied-secret-0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void the_first_start_prints_a_random_admin_token_once_and_writes_it_to_an_owner_only_file() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            Path file = dataDir.resolve("admin-token");
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();

            assertThat(secret).matches("onus_[A-Za-z0-9_-]{43}");
            assertThat(server.admin).isEqualTo(secret);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(server.printed()).contains(secret).contains(file.toString());
            assertThat(server.printed().split(secret, -1)).as("times the secret is printed").hasSize(2);
            assertThat(server.get("/v1/ledger/key", secret).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void two_first_starts_draw_different_secrets(@TempDir Path otherDir) {
        String first;
        try (TestServer server = TestServer.start(dataDir)) {
            first = server.admin;
        }
        try (TestServer server = TestServer.start(otherDir)) {
            assertThat(server.admin).isNotEqualTo(first);
        }
    }

    @Test
    void a_secret_from_the_environment_becomes_the_admin_token_and_is_neither_printed_nor_written() {
        try (TestServer server = TestServer.start(TestServer.config(dataDir)
                .withEnvironment(Map.of(Bootstrap.ENVIRONMENT_VARIABLE, SUPPLIED)))) {

            assertThat(server.admin).isEqualTo(SUPPLIED);
            assertThat(server.get("/v1/ledger/entries/0", SUPPLIED).statusCode()).isEqualTo(200);
            assertThat(server.printed()).doesNotContain(SUPPLIED).contains(Bootstrap.ENVIRONMENT_VARIABLE);
            assertThat(dataDir.resolve("admin-token")).doesNotExist();
        }
    }

    @Test
    void an_empty_environment_variable_counts_as_unset() {
        assertThat(Bootstrap.suppliedSecret(Map.of(Bootstrap.ENVIRONMENT_VARIABLE, ""))).isEmpty();
        assertThat(Bootstrap.suppliedSecret(Map.of())).isEmpty();
    }

    @Test
    void a_weak_secret_in_the_environment_is_refused_naming_the_variable_and_the_rule() {
        assertThatThrownBy(() -> Bootstrap.suppliedSecret(Map.of(Bootstrap.ENVIRONMENT_VARIABLE, "hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Bootstrap.ENVIRONMENT_VARIABLE)
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> Bootstrap.suppliedSecret(Map.of(Bootstrap.ENVIRONMENT_VARIABLE, "a secret with spaces in it, long enough")))
                .hasMessageContaining("without spaces");
    }

    @Test
    void the_bootstrap_issuance_is_the_first_entry_of_the_default_log_and_does_not_hold_the_secret() {
        try (TestServer server = TestServer.start(dataDir)) {
            byte[] bytes = server.defaultLog().entry(0).orElseThrow().bytes();
            JsonNode entry = Entries.parse(bytes);

            assertThat(entry.get("type").asText()).isEqualTo(Tokens.ISSUED_ENTRY_TYPE);
            assertThat(entry.get("actor").asText()).isEqualTo(Bootstrap.SYSTEM_ACTOR);
            assertThat(entry.get("data").get("role").asText()).isEqualTo("admin");
            assertThat(entry.get("data").get("tenant").asText()).isEqualTo("default");
            assertThat(entry.get("data").get("tokenId").asText()).isEqualTo(server.onus.bootstrap().orElseThrow().token().id());
            assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(server.admin);
        }
    }

    @Test
    void a_restart_on_the_same_data_directory_keeps_the_log_and_issues_no_second_bootstrap_token() throws Exception {
        String admin;
        long size;
        try (TestServer first = TestServer.start(dataDir)) {
            admin = first.admin;
            first.append(admin, "{\"type\":\"before.restart\"}");
            size = first.defaultLog().size();
        }
        String fileAfterFirst = Files.readString(dataDir.resolve("admin-token"));

        try (TestServer second = TestServer.start(dataDir)) {
            assertThat(second.onus.bootstrap()).isEmpty();
            assertThat(second.printed()).doesNotContain("admin token");
            assertThat(second.defaultLog().size()).isEqualTo(size);
            assertThat(Files.readString(dataDir.resolve("admin-token"))).isEqualTo(fileAfterFirst);
            assertThat(second.get("/v1/ledger/entries/" + (size - 1), admin).body()).contains("before.restart");
            long issued = 0;
            for (long i = 0; i < size; i++) {
                if (second.defaultLog().entry(i).orElseThrow().type().equals(Tokens.ISSUED_ENTRY_TYPE)) {
                    issued++;
                }
            }
            assertThat(issued).as("token.issued entries").isEqualTo(1);
        }
    }

    @Test
    void closing_signs_a_final_checkpoint_covering_every_acknowledged_entry() {
        long size;
        try (TestServer server = TestServer.start(dataDir)) {
            for (int i = 0; i < 3; i++) {
                server.append(server.admin, "{\"type\":\"t\"}");
            }
            size = server.defaultLog().size();
        }
        try (LedgerStore store = TestStores.open(dataDir)) {
            TenantRecord tenant = store.tenant("default").orElseThrow();
            assertThat(store.size(tenant.id())).isEqualTo(size);
            assertThat(store.latestCheckpoint(tenant.id()).orElseThrow().size()).isEqualTo(size);
        }
    }

    @Test
    void a_leftover_admin_token_file_from_an_interrupted_first_start_is_replaced() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("admin-token"), "onus_stale-secret-that-was-never-stored\n");

        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(Files.readString(dataDir.resolve("admin-token")).strip()).isEqualTo(server.admin);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("admin-token")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(server.get("/v1/ledger/key", "onus_stale-secret-that-was-never-stored").statusCode()).isEqualTo(401);
        }
    }
}
