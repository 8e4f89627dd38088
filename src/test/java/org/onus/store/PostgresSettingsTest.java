package org.onus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a DBA's connection string becomes driver settings, and that a password never shows in messages. */
class PostgresSettingsTest {

    @Test
    void aLibpqUrlGivesHostPortDatabaseParametersUserAndDecodedPassword() {
        PostgresSettings s = PostgresSettings.parse("postgres://onus:p%40ss:w@db.example.org:5433/ledger?sslmode=verify-full", Map.of());
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/ledger?sslmode=verify-full");
        assertThat(s.user()).isEqualTo("onus");
        assertThat(s.password()).isEqualTo("p@ss:w");
        assertThat(s.describe()).doesNotContain("p%40ss").doesNotContain("p@ss");
        assertThat(s.toString()).doesNotContain("ss:w");
    }

    @Test
    void aPasswordMissingFromTheUrlComesFromTheEnvironmentOnusVariableFirst() {
        assertThat(PostgresSettings.parse("postgresql://onus@db/ledger", Map.of("ONUS_DB_PASSWORD", "a", "PGPASSWORD", "b")).password())
                .isEqualTo("a");
        assertThat(PostgresSettings.parse("postgresql://onus@db/ledger", Map.of("PGPASSWORD", "b")).password()).isEqualTo("b");
        assertThat(PostgresSettings.parse("postgresql://onus@db/ledger", Map.of()).password()).isNull();
        assertThat(PostgresSettings.parse("jdbc:postgresql://db/ledger?user=onus", Map.of("ONUS_DB_PASSWORD", "a")).password())
                .isEqualTo("a");
    }

    @Test
    void aPasswordInAnyUrlIsRedactedInMessages() {
        assertThat(PostgresSettings.redact("postgres://onus:secret@db/ledger")).isEqualTo("postgres://onus:***@db/ledger");
        assertThat(PostgresSettings.redact("jdbc:postgresql://db/ledger?user=onus&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/ledger?user=onus&password=***&ssl=true");
    }

    @Test
    void somethingThatIsNotAPostgresUrlIsRefusedSayingWhatIsAccepted() {
        assertThatThrownBy(() -> Stores.open("mysql://onus:secret@db/ledger", java.nio.file.Path.of("unused"), Map.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("'embedded' or a PostgreSQL URL")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> PostgresSettings.parse("postgres:///ledger", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no host");
    }

    @Test
    void theStoreOptionWinsOverTheEnvironmentAndEmbeddedMeansTheDataDirectory() {
        assertThat(Stores.chosen("postgres://a@b/c", Map.of("ONUS_STORE", "postgres://x@y/z"))).isEqualTo("postgres://a@b/c");
        assertThat(Stores.chosen(null, Map.of("ONUS_STORE", "postgres://x@y/z"))).isEqualTo("postgres://x@y/z");
        assertThat(Stores.chosen("embedded", Map.of("ONUS_STORE", "postgres://x@y/z"))).isNull();
        assertThat(Stores.chosen(null, Map.of())).isNull();
    }
}
