package org.onus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory fake passes the same store contract as the real stores, and in addition refuses
 * what a correct caller never does, and fails on demand in both ways a real write can fail.
 */
class InMemoryStoreTest extends LedgerStoreContract {

    @Override
    protected LedgerStore openFreshStore() {
        return new InMemoryStore();
    }

    @Override
    protected LedgerStore reopen(LedgerStore store) {
        return ((InMemoryStore) store).reopen();
    }

    private InMemoryStore fake() {
        return (InMemoryStore) store;
    }

    @Test
    void anEntryWhoseIndexIsNotTheNextDenseIndexIsRefusedByTheFakeItself() {
        long t = tenant("alpha");
        List<StoredEntry> batch = List.of(entry(0, "a"), entry(2, "b"));
        assertThatThrownBy(() -> store.append(t, 0, batch, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dense");
        assertThat(store.size(t)).isZero();
    }

    @Test
    void anEntryWhoseLeafHashIsNotTheHashOfItsBytesIsRefused() {
        long t = tenant("alpha");
        StoredEntry good = entry(0, "a");
        StoredEntry lying = new StoredEntry(0, good.type(), good.recordedAtMillis(), good.bytes(), sha("other"));
        assertThatThrownBy(() -> store.append(t, 0, List.of(lying), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("leaf hash");
        assertThat(store.size(t)).isZero();
    }

    @Test
    void aTileWhoseRootDoesNotMatchItsLeavesIsRefusedAndNothingIsWritten() {
        long t = tenant("alpha");
        List<StoredEntry> batch = entries(t, 0, Tile.WIDTH);
        Tile good = tileOf(0, hashes(batch));
        Tile badRoot = new Tile(0, good.leafHashes(), sha("not the root"));
        assertThatThrownBy(() -> store.append(t, 0, batch, List.of(badRoot)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("root");
        assertThat(store.size(t)).isZero();
        assertThat(store.tileRoots(t)).isEmpty();
    }

    @Test
    void aTileWhoseLeavesAreNotTheEntriesLeavesIsRefused() {
        long t = tenant("alpha");
        List<StoredEntry> batch = entries(t, 0, Tile.WIDTH);
        List<byte[]> other = hashes(entries(t + 1, 0, Tile.WIDTH));
        Tile foreign = tileOf(0, other);
        assertThatThrownBy(() -> store.append(t, 0, batch, List.of(foreign)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("leaf hash");
        assertThat(store.size(t)).isZero();
    }

    @Test
    void anAppendThatCompletesATileWithoutHandingItInIsRefused() {
        long t = tenant("alpha");
        List<StoredEntry> batch = entries(t, 0, Tile.WIDTH + 1);
        assertThatThrownBy(() -> store.append(t, 0, batch, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("completed tiles");
        assertThat(store.size(t)).isZero();
    }

    @Test
    void aTileThatWouldOverwriteAStoredTileOrLiesBeyondTheLogIsRefused() {
        long t = tenant("alpha");
        List<StoredEntry> first = entries(t, 0, Tile.WIDTH);
        store.append(t, 0, first, List.of(tileOf(0, hashes(first))));
        List<StoredEntry> next = entries(t, Tile.WIDTH, 10);
        List<byte[]> all = new ArrayList<>(hashes(first));
        all.addAll(hashes(next));
        assertThatThrownBy(() -> store.append(t, Tile.WIDTH, next, List.of(tileOf(0, all))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overwrite");
        assertThat(store.size(t)).isEqualTo(Tile.WIDTH);
    }

    @Test
    void failNextAppendThrowsAndStoresNothingThenTheStoreWorksAgain() {
        long t = tenant("alpha");
        append(t, 3);
        fake().failNextAppend();
        List<StoredEntry> batch = entries(t, 3, 2);
        assertThatThrownBy(() -> store.append(t, 3, batch, List.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("nothing was stored");
        assertThat(store.size(t)).isEqualTo(3);
        assertThat(store.entry(t, 3)).isEmpty();
        store.append(t, 3, batch, List.of());
        assertThat(store.size(t)).isEqualTo(5);
    }

    @Test
    void failNextAppendAfterPersistingThrowsButKeepsTheEntries() {
        long t = tenant("alpha");
        append(t, 3);
        fake().failNextAppendAfterPersisting();
        List<StoredEntry> batch = entries(t, 3, 2);
        assertThatThrownBy(() -> store.append(t, 3, batch, List.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("acknowledgement was lost");
        assertThat(store.size(t)).isEqualTo(5);
        assertThat(store.entry(t, 4).orElseThrow().bytes()).isEqualTo(batch.get(1).bytes());
        assertThatThrownBy(() -> store.append(t, 3, batch, List.of())).isInstanceOf(AppendConflictException.class);
    }

    @Test
    void checkpointFaultHooksComeInTheSamePair() {
        long t = tenant("alpha");
        append(t, 4);
        fake().failNextCheckpoint();
        assertThatThrownBy(() -> store.addCheckpoint(t, checkpoint(2))).isInstanceOf(StoreException.class);
        assertThat(store.latestCheckpoint(t)).isEmpty();
        fake().failNextCheckpointAfterPersisting();
        assertThatThrownBy(() -> store.addCheckpoint(t, checkpoint(3))).isInstanceOf(StoreException.class);
        assertThat(store.latestCheckpoint(t).orElseThrow().size()).isEqualTo(3);
        store.addCheckpoint(t, checkpoint(4));
        assertThat(store.checkpoints(t)).extracting(CheckpointRecord::size).containsExactly(3L, 4L);
    }

    @Test
    void aClosedStoreRefusesToBeUsedAndItsReopenedSuccessorSeesTheData() {
        long t = tenant("alpha");
        append(t, 2);
        InMemoryStore old = fake();
        InMemoryStore again = old.reopen();
        assertThatThrownBy(() -> old.size(t)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThat(again.size(t)).isEqualTo(2);
        store = again;
    }

    @Test
    void simulatedRollbackRemovesTheNewestEntriesAndTheirTiles() {
        long t = tenant("alpha");
        append(t, 600);
        fake().simulateRollback(t, 300);
        assertThat(store.size(t)).isEqualTo(300);
        assertThat(store.tileRoots(t)).hasSize(1);
        assertThat(store.entry(t, 300)).isEmpty();
    }

    private static List<byte[]> hashes(List<StoredEntry> entries) {
        List<byte[]> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.leafHash()));
        return out;
    }
}
