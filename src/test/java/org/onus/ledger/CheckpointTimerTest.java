package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.store.CheckpointRecord;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;

class CheckpointTimerTest {

    @TempDir
    Path data;

    @Test
    void writesAreCoveredByASignedCheckpointWithoutAnyoneAskingForOne() throws Exception {
        try (LedgerStore store = TestStores.open(data);
             Ledger ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", Clock.systemUTC())) {
            TenantLog log = ledger.createTenant("default");
            long index = log.append(Entries.draft("annotation", Instant.now(), "test",
                    JsonNodeFactory.instance.objectNode().put("type", "note"))).get();

            Optional<CheckpointRecord> cp = Optional.empty();
            for (int i = 0; i < 300 && cp.filter(c -> c.size() > index).isEmpty(); i++) {
                Thread.sleep(50);
                cp = store.latestCheckpoint(log.tenantId());
            }

            assertThat(cp).as("the timer signs a checkpoint once entries arrive").isPresent();
            Checkpoint opened = Checkpoint.open(cp.get().note(), log.publicKey());
            assertThat(opened.size()).isEqualTo(index + 1);
            assertThat(opened.root()).isEqualTo(log.rootAt(index + 1));
            assertThat(opened.origin()).isEqualTo("onus.local/default");
        }
    }

    @Test
    void aCheckpointOnDemandCoversEveryCommittedEntry() throws Exception {
        try (LedgerStore store = TestStores.open(data);
             Ledger ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", Clock.systemUTC())) {
            TenantLog log = ledger.createTenant("default");
            for (int i = 0; i < 3; i++) {
                log.append(Entries.draft("annotation", Instant.now(), "test",
                        JsonNodeFactory.instance.objectNode().put("type", "note").put("n", i))).get();
            }

            Checkpoint opened = Checkpoint.open(log.checkpoint(), log.publicKey());

            assertThat(opened.size()).isEqualTo(3);
            assertThat(log.checkpoint()).as("no new entries, no new checkpoint").isEqualTo(log.checkpoint());
        }
    }
}
