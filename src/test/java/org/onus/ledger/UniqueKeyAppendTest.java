package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.store.Annex;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;

class UniqueKeyAppendTest {

    @TempDir
    Path data;
    LedgerStore store;
    Ledger ledger;
    TenantLog log;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", Clock.systemUTC());
        log = ledger.createTenant("default");
    }

    @AfterEach
    void close() {
        ledger.close();
        store.close();
    }

    static EntryDraft draft(String key, String body) {
        EntryDraft d = Entries.draft("decision", Instant.parse("2026-01-01T00:00:00Z"), "test",
                JsonNodeFactory.instance.objectNode().put("id", key).put("body", body));
        return d.withUniqueKey(key, body.getBytes(StandardCharsets.UTF_8))
                .withLookups(List.of(new EntryDraft.Lookup("patient", "pt-1", 1000)))
                .withBlobs(List.of(new Annex.Blob("sha256:" + key, body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theSameKeyAndBodyAgainIsAnsweredWithTheOriginalIndexAndWritesNothing() throws Exception {
        long[] first = log.appendGroup(List.of(draft("d1", "a"), draft("d2", "b"))).get();
        long[] again = log.appendGroup(List.of(draft("d2", "b"), draft("d3", "c"))).get();

        assertThat(first).containsExactly(0, 1);
        assertThat(again).containsExactly(1, 2);
        assertThat(log.size()).isEqualTo(3);
    }

    @Test
    void theSameKeyWithAnotherBodyFailsTheWholeGroupAndWritesNothing() throws Exception {
        log.appendGroup(List.of(draft("d1", "a"))).get();

        assertThatThrownBy(() -> log.appendGroup(List.of(draft("d9", "x"), draft("d1", "changed"))).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("d1").hasMessageContaining("entry 0");
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.appendGroup(List.of(draft("d9", "x"))).get()).containsExactly(1);
    }

    @Test
    void aKeyRepeatedInsideOneGroupWithTheSameBodyIsWrittenOnce() throws Exception {
        long[] indexes = log.appendGroup(List.of(draft("d1", "a"), draft("d1", "a"))).get();

        assertThat(indexes).containsExactly(0, 0);
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void lookupKeysAndBlobsAreFiledWithTheEntry() throws Exception {
        log.appendGroup(List.of(draft("d1", "a"), draft("d2", "b"))).get();

        assertThat(store.keyed(log.tenantId(), "patient", "pt-1", 0, Long.MAX_VALUE, null, 10))
                .extracting(Annex.Key::index).containsExactly(0L, 1L);
        assertThat(store.keyed(log.tenantId(), "patient", "pt-1", 0, Long.MAX_VALUE,
                new Annex.Key(0, "patient", "pt-1", 1000), 10)).extracting(Annex.Key::index).containsExactly(1L);
        assertThat(store.blob(log.tenantId(), 1, "sha256:d2")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("b"));
        assertThat(store.keysOfKind(log.tenantId(), "patient")).containsExactly("pt-1");
    }

    @Test
    void aDestroyedSecretIsGoneAfterReopening() {
        store.putSecret(log.tenantId(), "patient/pt-1", new byte[] {1, 2, 3}, 0);
        assertThat(store.secret(log.tenantId(), "patient/pt-1")).isPresent();

        assertThat(store.destroySecret(log.tenantId(), "patient/pt-1")).isTrue();
        assertThat(store.destroySecret(log.tenantId(), "patient/pt-1")).isFalse();
        assertThat(store.secret(log.tenantId(), "patient/pt-1")).isEmpty();
    }
}
