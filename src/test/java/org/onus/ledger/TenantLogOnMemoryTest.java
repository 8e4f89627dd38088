package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onus.store.InMemoryStore;
import org.onus.store.LedgerStore;
import org.onus.store.StoreException;

/** The tenant log on the in-memory fake, whose own fault hooks inject the failures. */
class TenantLogOnMemoryTest extends TenantLogTest {

    @Override
    protected LedgerStore openStore(Path dir) {
        return new InMemoryStore();
    }

    @Override
    protected LedgerStore reopenStore(LedgerStore store, Path dir) {
        return ((InMemoryStore) store).reopen();
    }

    @Override
    protected LedgerStore rollBack(LedgerStore store, Path dir, long tenantId, long newSize) {
        InMemoryStore fake = (InMemoryStore) store;
        fake.simulateRollback(tenantId, newSize);
        return fake.reopen();
    }

    @Override
    protected void failNextAppend(boolean persisted) {
        if (persisted) {
            fake().failNextAppendAfterPersisting();
        } else {
            fake().failNextAppend();
        }
    }

    private InMemoryStore fake() {
        return (InMemoryStore) store.inner();
    }

    @Test
    void aCheckpointThatFailedWithoutPersistingIsSignedOnTheNextRequest() {
        append(5);
        fake().failNextCheckpoint();
        assertThatThrownBy(log::checkpoint).isInstanceOf(StoreException.class);
        assertThat(log.latestCheckpoint()).isEmpty();
        assertThat(Checkpoint.open(log.checkpoint(), log.publicKey()).size()).isEqualTo(5);
        LogChecker.check(log, store);
    }

    @Test
    void aCheckpointWhoseWriteFailedButPersistedIsServedInsteadOfBeingRefusedForever() {
        append(5);
        fake().failNextCheckpointAfterPersisting();
        String note = log.checkpoint();
        assertThat(Checkpoint.open(note, log.publicKey()).size()).isEqualTo(5);
        assertThat(store.checkpoints(tenant.id())).hasSize(1);
        assertThat(note).isEqualTo(store.latestCheckpoint(tenant.id()).orElseThrow().note());
        assertThat(log.checkpoint()).isEqualTo(note);
        LogChecker.check(log, store);
        append(1);
        assertThat(Checkpoint.open(log.checkpoint(), log.publicKey()).size()).isEqualTo(6);
    }
}
