package org.onus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;
import org.onus.store.TokenRecord;

class TokensTest {

    @TempDir
    Path dataDir;
    private LedgerStore store;
    private Ledger ledger;
    private Tokens tokens;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        store = TestStores.open(dataDir);
        ledger = new Ledger(store, new KeyDirectory(dataDir, new SecureRandom()), "onus.local", clock);
        ledger.createTenant("default");
        ledger.createTenant("clinic");
        tokens = new Tokens(ledger, "default", clock, new SecureRandom());
    }

    @AfterEach
    void close() {
        ledger.close();
        store.close();
    }

    @Test
    void a_secret_is_onus_underscore_and_32_random_bytes_in_base64url() {
        assertThat(tokens.newSecret()).matches("onus_[A-Za-z0-9_-]{43}");
        assertThat(tokens.newSecret()).isNotEqualTo(tokens.newSecret());
    }

    @Test
    void an_issued_token_authenticates_as_its_tenant_and_role() {
        IssuedToken t = tokens.issue("clinic", Role.AUDITOR, "auditor", "test");

        Principal p = tokens.authenticate(t.secret()).orElseThrow();

        assertThat(p.tokenId()).isEqualTo(t.id());
        assertThat(p.tenant()).isEqualTo("clinic");
        assertThat(p.role()).isEqualTo(Role.AUDITOR);
        assertThat(p.operatorTenant()).isFalse();
    }

    @Test
    void the_store_keeps_only_the_sha256_of_the_secret() {
        IssuedToken t = tokens.issue("default", Role.ADMIN, "admin", "test");

        TokenRecord stored = store.tokenBySecretHash(Tokens.hash(t.secret())).orElseThrow();

        assertThat(stored.secretHash()).hasSize(32).isNotEqualTo(t.secret().getBytes());
        assertThat(stored.toString()).doesNotContain(t.secret());
        assertThat(t.toString()).doesNotContain(t.secret());
    }

    @Test
    void unknown_and_revoked_secrets_authenticate_as_nobody() {
        String revoked = "onus_this-one-was-revoked-long-ago-00000000";
        store.addToken(new TokenRecord(Tokens.hash(revoked), "tok_r", ledger.log("default").orElseThrow().tenantId(),
                "admin", "revoked", 0, 5));

        assertThat(tokens.authenticate(revoked)).isEmpty();
        assertThat(tokens.authenticate("onus_never-issued")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void a_token_for_a_tenant_that_does_not_exist_is_refused() {
        assertThatThrownBy(() -> tokens.issue("nowhere", Role.ADMIN, "x", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
    }

    @Test
    void a_label_must_be_a_short_non_empty_line() {
        assertThat(Tokens.labelProblem("EHR interface engine")).isNull();
        assertThat(Tokens.labelProblem(" ")).contains("non-empty");
        assertThat(Tokens.labelProblem("a".repeat(201))).contains("200");
        assertThat(Tokens.labelProblem("a\nb")).contains("control");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "Bearer abc         | abc",
        "bearer abc         | abc",
        "BEARER   abc       | abc",
        "Basic abc          | NULL",
        "Bearer             | NULL",
        "abc                | NULL",
    })
    void the_bearer_secret_is_read_from_the_authorization_header(String header, String expected) {
        assertThat(Tokens.bearerSecret(header).orElse(null)).isEqualTo(expected);
    }
}
