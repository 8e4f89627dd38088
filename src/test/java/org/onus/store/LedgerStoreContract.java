package org.onus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerStore} owes, whatever keeps the bytes: one suite, run against each
 * implementation by a subclass that says how to open a fresh store and how to open it again
 * after a restart. It speaks only through the interface, so a new backend joins by adding a
 * subclass of a few lines.
 */
public abstract class LedgerStoreContract {

    /** A fresh, empty store. Called once per test. */
    protected abstract LedgerStore openFreshStore() throws Exception;

    /** Closes {@code store} and opens the same data again, as a restarted process would. */
    protected abstract LedgerStore reopen(LedgerStore store) throws Exception;

    protected LedgerStore store;
    private final Map<Long, List<byte[]>> leaves = new HashMap<>();

    @BeforeEach
    void openStore() throws Exception {
        store = openFreshStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---- tenants ---------------------------------------------------------------------------

    @Test
    void aFreshStoreHasNoTenants() {
        assertThat(store.tenants()).isEmpty();
        assertThat(store.tenant("default")).isEmpty();
    }

    @Test
    void tenantsAreListedInOrderOfCreationAndFoundByName() {
        TenantRecord a = store.createTenant("alpha", 10);
        TenantRecord b = store.createTenant("beta", 20);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(store.tenants()).containsExactly(a, b);
        assertThat(store.tenant("beta")).contains(b);
        assertThat(store.tenant("gamma")).isEmpty();
    }

    @Test
    void aTenantNameCanBeTakenOnlyOnce() {
        TenantRecord a = store.createTenant("alpha", 10);
        assertThatThrownBy(() -> store.createTenant("alpha", 11)).isInstanceOf(StoreException.class)
                .hasMessageContaining("alpha");
        assertThat(store.tenants()).containsExactly(a);
    }

    @Test
    void aNewTenantHasAnEmptyLog() {
        long t = tenant("alpha");
        assertThat(store.size(t)).isZero();
        assertThat(store.entry(t, 0)).isEmpty();
        assertThat(store.leafHashes(t, 0, 10)).isEmpty();
        assertThat(store.tile(t, 0)).isEmpty();
        assertThat(store.tileRoots(t)).isEmpty();
        assertThat(store.latestCheckpoint(t)).isEmpty();
        assertThat(store.checkpoints(t)).isEmpty();
    }

    // ---- append ----------------------------------------------------------------------------

    @Test
    void appendedEntriesReadBackExactlyAsWritten() {
        long t = tenant("alpha");
        List<StoredEntry> written = append(t, 3);
        assertThat(store.size(t)).isEqualTo(3);
        for (StoredEntry e : written) {
            assertSameEntry(store.entry(t, e.index()).orElseThrow(), e);
        }
        assertThat(store.entry(t, 3)).isEmpty();
        assertThat(store.entry(t, -1)).isEmpty();
    }

    @Test
    void anAppendAtAStaleOrFutureIndexIsAConflictAndWritesNothing() {
        long t = tenant("alpha");
        append(t, 3);
        for (long wrongFirst : new long[] {0, 2, 4, 100}) {
            List<StoredEntry> batch = entries(t, wrongFirst, 300); // long enough to complete a tile
            assertThatThrownBy(() -> store.append(t, wrongFirst, batch, List.of()))
                    .isInstanceOfSatisfying(AppendConflictException.class, e -> {
                        assertThat(e.expected()).isEqualTo(wrongFirst);
                        assertThat(e.actual()).isEqualTo(3);
                    });
            assertThat(store.size(t)).isEqualTo(3);
            assertThat(store.entry(t, 3)).isEmpty();
            assertThat(store.tileRoots(t)).isEmpty();
        }
        append(t, 1);
        assertThat(store.size(t)).isEqualTo(4);
    }

    @Test
    void entriesOfAnAppendThatAreNotDenseFromTheFirstIndexAreRefusedAndNothingIsWritten() {
        long t = tenant("alpha");
        append(t, 2);
        List<StoredEntry> gap = new ArrayList<>(entries(t, 2, 2));
        gap.add(entry(5, "gap"));
        assertThatThrownBy(() -> store.append(t, 2, gap, List.of())).isInstanceOf(RuntimeException.class);
        List<StoredEntry> shifted = entries(t, 3, 2);
        assertThatThrownBy(() -> store.append(t, 2, shifted, List.of())).isInstanceOf(RuntimeException.class);
        assertThat(store.size(t)).isEqualTo(2);
        assertThat(store.entry(t, 2)).isEmpty();
        assertThat(store.leafHashes(t, 0, 10)).hasSize(2);
    }

    @Test
    void indexesStayDenseAcrossManyAppendsOfEverySize() {
        long t = tenant("alpha");
        int[] sizes = {1, 2, 3, 250, 5, 256, 1, 600, 7};
        long total = 0;
        for (int n : sizes) {
            append(t, n);
            total += n;
            assertThat(store.size(t)).isEqualTo(total);
        }
        List<Long> indexes = new ArrayList<>();
        store.scan(t, 0, total, e -> indexes.add(e.index()));
        assertThat(indexes).hasSize((int) total);
        for (int i = 0; i < total; i++) {
            assertThat(indexes.get(i)).isEqualTo(i);
        }
    }

    @Test
    void writtenDataCannotBeChangedThroughTheArraysPassedInOrHandedOut() {
        long t = tenant("alpha");
        List<StoredEntry> batch = entries(t, 0, 1);
        byte[] original = batch.get(0).bytes().clone();
        store.append(t, 0, batch, List.of());
        leaves.get(t).add(batch.get(0).leafHash().clone());
        batch.get(0).bytes()[0] ^= 1;
        store.entry(t, 0).orElseThrow().bytes()[0] ^= 1;
        assertThat(store.entry(t, 0).orElseThrow().bytes()).isEqualTo(original);
    }

    // ---- reading ranges --------------------------------------------------------------------

    @Test
    void scanAndLeafHashesReturnExactlyTheRangeAskedForWithinTheLog() {
        long t = tenant("alpha");
        List<StoredEntry> all = append(t, 10);
        assertThat(indexesScanned(t, 2, 5)).containsExactly(2L, 3L, 4L);
        assertThat(indexesScanned(t, 4, 4)).isEmpty();
        assertThat(indexesScanned(t, 6, 3)).isEmpty();
        assertThat(indexesScanned(t, 8, 50)).containsExactly(8L, 9L);
        assertThat(indexesScanned(t, 0, 10)).hasSize(10);
        assertThat(store.leafHashes(t, 2, 5)).containsExactly(all.get(2).leafHash(), all.get(3).leafHash(), all.get(4).leafHash());
        assertThat(store.leafHashes(t, 9, 1000)).containsExactly(all.get(9).leafHash());
        assertThat(store.leafHashes(t, 10, 20)).isEmpty();
        List<StoredEntry> scanned = new ArrayList<>();
        store.scan(t, 0, 10, scanned::add);
        for (int i = 0; i < 10; i++) {
            assertSameEntry(scanned.get(i), all.get(i));
        }
    }

    @Test
    void tenantsLogsAreIndependent() {
        long a = tenant("alpha");
        long b = tenant("beta");
        List<StoredEntry> inA = append(a, 300);
        List<StoredEntry> inB = append(b, 5);
        assertThat(store.size(a)).isEqualTo(300);
        assertThat(store.size(b)).isEqualTo(5);
        assertSameEntry(store.entry(b, 0).orElseThrow(), inB.get(0));
        assertSameEntry(store.entry(a, 0).orElseThrow(), inA.get(0));
        assertThat(store.tileRoots(a)).hasSize(1);
        assertThat(store.tileRoots(b)).isEmpty();
        assertThat(store.tile(b, 0)).isEmpty();
        assertThatThrownBy(() -> store.append(b, 300, entries(b, 300, 1), List.of()))
                .isInstanceOf(AppendConflictException.class);
    }

    @Test
    void readingFarBeyondTheLogFindsNothingAndNeverAnotherTenantsEntries() {
        long a = tenant("alpha");
        long b = tenant("beta");
        long c = tenant("gamma");
        append(a, 3);
        append(b, 3);
        append(c, 3);
        for (long far : new long[] {1L << 40, (1L << 41) + 1, (1L << 42) | 2, Long.MAX_VALUE}) {
            assertThat(store.entry(a, far)).as("entry %d", far).isEmpty();
            assertThat(store.tile(a, far)).as("tile %d", far).isEmpty();
        }
        assertThat(indexesScanned(a, 0, Long.MAX_VALUE)).containsExactly(0L, 1L, 2L);
        assertThat(indexesScanned(b, 1, Long.MAX_VALUE)).containsExactly(1L, 2L);
        assertThat(store.leafHashes(a, 0, Long.MAX_VALUE)).hasSize(3);
        assertThat(store.leafHashes(b, 2, Long.MAX_VALUE)).hasSize(1);
    }

    // ---- tiles -----------------------------------------------------------------------------

    @Test
    void tilesAreStoredWithTheEntriesThatCompleteThemAndReadBackInOrder() {
        long t = tenant("alpha");
        append(t, 100);
        assertThat(store.tileRoots(t)).isEmpty();
        append(t, 600); // completes tiles 0 and 1, leaves 188 in tile 2
        append(t, 68);  // completes tile 2 exactly (768 = 3 * 256)
        append(t, 1);
        List<byte[]> hashes = leaves.get(t);
        List<byte[]> roots = store.tileRoots(t);
        assertThat(roots).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Tile expected = tileOf(i, hashes);
            Tile stored = store.tile(t, i).orElseThrow();
            assertThat(stored.index()).isEqualTo(i);
            assertThat(stored.leafHashes()).isEqualTo(expected.leafHashes());
            assertThat(stored.root()).isEqualTo(expected.root());
            assertThat(roots.get(i)).isEqualTo(expected.root());
        }
        assertThat(store.tile(t, 3)).isEmpty();
    }

    // ---- checkpoints -----------------------------------------------------------------------

    @Test
    void checkpointsOnlyGrowAndCannotExceedTheLog() {
        long t = tenant("alpha");
        append(t, 10);
        store.addCheckpoint(t, checkpoint(0));
        store.addCheckpoint(t, checkpoint(4));
        assertThatThrownBy(() -> store.addCheckpoint(t, checkpoint(3))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.addCheckpoint(t, checkpoint(4))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.addCheckpoint(t, checkpoint(11))).isInstanceOf(StoreException.class);
        store.addCheckpoint(t, checkpoint(10));
        assertThat(store.checkpoints(t)).extracting(CheckpointRecord::size).containsExactly(0L, 4L, 10L);
        assertThat(store.latestCheckpoint(t).orElseThrow().size()).isEqualTo(10);
    }

    @Test
    void aCheckpointReadsBackAsWrittenAndBelongsToItsTenantOnly() {
        long a = tenant("alpha");
        long b = tenant("beta");
        append(a, 5);
        CheckpointRecord cp = checkpoint(5);
        store.addCheckpoint(a, cp);
        CheckpointRecord back = store.latestCheckpoint(a).orElseThrow();
        assertThat(back.size()).isEqualTo(5);
        assertThat(back.root()).isEqualTo(cp.root());
        assertThat(back.note()).isEqualTo(cp.note());
        assertThat(back.createdAtMillis()).isEqualTo(cp.createdAtMillis());
        assertThat(store.latestCheckpoint(b)).isEmpty();
        assertThat(store.checkpoints(b)).isEmpty();
    }

    // ---- tokens ----------------------------------------------------------------------------

    @Test
    void aTokenIsFoundByTheHashOfItsSecretAndOnlyByThat() {
        long t = tenant("alpha");
        byte[] secretHash = sha("secret-1");
        TokenRecord token = new TokenRecord(secretHash, "tok_1", t, "admin", "bootstrap", 42, 0);
        store.addToken(token);
        TokenRecord found = store.tokenBySecretHash(sha("secret-1")).orElseThrow();
        assertThat(found.secretHash()).isEqualTo(secretHash);
        assertThat(found.id()).isEqualTo("tok_1");
        assertThat(found.tenantId()).isEqualTo(t);
        assertThat(found.role()).isEqualTo("admin");
        assertThat(found.label()).isEqualTo("bootstrap");
        assertThat(found.createdAtMillis()).isEqualTo(42);
        assertThat(found.revoked()).isFalse();
        assertThat(store.tokenBySecretHash(sha("secret-2"))).isEmpty();
    }

    @Test
    void aStoreHasTokensOnlyOnceOneWasStoredEvenIfRevoked() {
        long t = tenant("alpha");
        assertThat(store.hasTokens()).isFalse();
        store.addToken(new TokenRecord(sha("s"), "tok_1", t, "admin", "a", 1, 5));
        assertThat(store.hasTokens()).isTrue();
    }

    @Test
    void aRevokedTokenStaysRevokedFromItsFirstRevocationAndOnlyInItsTenant() {
        long a = tenant("alpha");
        long b = tenant("beta");
        store.addToken(new TokenRecord(sha("s1"), "tok_1", a, "admin", "first", 1, 0));
        store.addToken(new TokenRecord(sha("s2"), "tok_2", a, "integration", "ehr", 2, 0));
        store.addToken(new TokenRecord(sha("s3"), "tok_3", b, "admin", "other tenant", 3, 0));

        assertThatThrownBy(() -> store.revokeToken(b, "tok_2", 10)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.revokeToken(a, "tok_9", 10)).isInstanceOf(StoreException.class);
        assertThat(store.tokenBySecretHash(sha("s2")).orElseThrow().revoked()).isFalse();

        assertThat(store.revokeToken(a, "tok_2", 10)).isTrue();
        assertThat(store.revokeToken(a, "tok_2", 20)).isFalse();
        TokenRecord revoked = store.tokenBySecretHash(sha("s2")).orElseThrow();
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.revokedAtMillis()).isEqualTo(10);

        assertThat(store.tokens(a)).extracting(TokenRecord::id, TokenRecord::revokedAtMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tok_1", 0L), org.assertj.core.groups.Tuple.tuple("tok_2", 10L));
        assertThat(store.tokens(b)).extracting(TokenRecord::id).containsExactly("tok_3");
    }

    @Test
    void aTokenSecretCannotBeStoredTwice() {
        long t = tenant("alpha");
        store.addToken(new TokenRecord(sha("s"), "tok_1", t, "admin", "a", 1, 0));
        assertThatThrownBy(() -> store.addToken(new TokenRecord(sha("s"), "tok_2", t, "reader", "b", 2, 0)))
                .isInstanceOf(StoreException.class);
        assertThat(store.tokenBySecretHash(sha("s")).orElseThrow().id()).isEqualTo("tok_1");
    }

    // ---- annex and secrets -----------------------------------------------------------------

    @Test
    void anAnnexIsWrittenWithItsEntriesAndFoundByKeyInTimeThenIndexOrder() {
        long t = tenant("alpha");
        append(t, 2);
        Annex annex = new Annex(
                List.of(new Annex.Key(2, "patient", "pt-1", 100), new Annex.Key(3, "patient", "pt-2", 70),
                        new Annex.Key(4, "patient", "pt-1", 50), new Annex.Key(3, "patient", "pt-1", 100)),
                List.of(new Annex.UniqueKey("idem-1", 2, sha("body-1"))),
                List.of(new Annex.Blob(3, "sha256:b1", new byte[] {1, 2, 3})));
        appendWithAnnex(t, 3, annex);

        assertThat(store.keyed(t, "patient", "pt-1", 0, 1000, null, 10))
                .extracting(Annex.Key::index).containsExactly(4L, 2L, 3L);
        assertThat(store.keyed(t, "patient", "pt-1", 0, 1000, new Annex.Key(2, "patient", "pt-1", 100), 10))
                .extracting(Annex.Key::index).containsExactly(3L);
        assertThat(store.keyed(t, "patient", "pt-1", 0, 1000, null, 1)).extracting(Annex.Key::index).containsExactly(4L);
        assertThat(store.keyed(t, "patient", "pt-1", 60, 100, null, 10)).isEmpty();
        assertThat(store.keyed(t, "patient", "pt-1", 60, 101, null, 10)).extracting(Annex.Key::index).containsExactly(2L, 3L);
        assertThat(store.keyed(t, "deployment", "pt-1", 0, 1000, null, 10)).isEmpty();
        assertThat(store.keysOfKind(t, "patient")).containsExactly("pt-1", "pt-2");
        Map<String, Annex.UniqueKey> taken = store.uniqueKeys(t, List.of("idem-1", "idem-2"));
        assertThat(taken).containsOnlyKeys("idem-1");
        assertThat(taken.get("idem-1").index()).isEqualTo(2);
        assertThat(taken.get("idem-1").bodyDigest()).isEqualTo(sha("body-1"));
        assertThat(store.blob(t, 3, "sha256:b1")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(store.blob(t, 3, "sha256:none")).isEmpty();
        assertThat(store.blob(t, 2, "sha256:b1")).as("a blob is filed with its entry").isEmpty();
        long other = tenant("beta");
        assertThat(store.keysOfKind(other, "patient")).isEmpty();
        assertThat(store.uniqueKeys(other, List.of("idem-1"))).isEmpty();
        assertThat(store.blob(other, 3, "sha256:b1")).isEmpty();
    }

    @Test
    void aTakenUniqueKeyFailsTheWholeAppendAndWritesNothingOfIt() {
        long t = tenant("alpha");
        appendWithAnnex(t, 1, new Annex(List.of(), List.of(new Annex.UniqueKey("idem-1", 0, sha("a"))), List.of()));
        Annex again = new Annex(List.of(new Annex.Key(1, "patient", "pt-9", 5)),
                List.of(new Annex.UniqueKey("idem-1", 1, sha("b"))), List.of(new Annex.Blob(1, "sha256:b9", new byte[] {9})));
        List<StoredEntry> batch = entries(t, 1, 2);
        assertThatThrownBy(() -> store.append(t, 1, batch, List.of(), again)).isInstanceOf(StoreException.class);
        Annex twice = new Annex(List.of(), List.of(new Annex.UniqueKey("idem-2", 1, sha("c")),
                new Annex.UniqueKey("idem-2", 2, sha("c"))), List.of());
        assertThatThrownBy(() -> store.append(t, 1, batch, List.of(), twice)).isInstanceOf(StoreException.class);
        assertThat(store.size(t)).isEqualTo(1);
        assertThat(store.keysOfKind(t, "patient")).isEmpty();
        assertThat(store.blob(t, 1, "sha256:b9")).isEmpty();
        assertThat(store.uniqueKeys(t, List.of("idem-1", "idem-2"))).containsOnlyKeys("idem-1");
        assertThat(store.uniqueKeys(t, List.of("idem-1")).get("idem-1").index()).isZero();
    }

    @Test
    void anAnnexRowPointingOutsideItsAppendFailsTheAppend() {
        long t = tenant("alpha");
        append(t, 2);
        List<StoredEntry> batch = entries(t, 2, 2);
        for (long outside : new long[] {1, 4}) {
            Annex bad = new Annex(List.of(new Annex.Key(outside, "patient", "pt-1", 1)), List.of(), List.of());
            assertThatThrownBy(() -> store.append(t, 2, batch, List.of(), bad)).isInstanceOf(StoreException.class);
            Annex badBlob = new Annex(List.of(), List.of(), List.of(new Annex.Blob(outside, "sha256:b", new byte[] {1})));
            assertThatThrownBy(() -> store.append(t, 2, batch, List.of(), badBlob)).isInstanceOf(StoreException.class);
        }
        assertThat(store.size(t)).isEqualTo(2);
        assertThat(store.keysOfKind(t, "patient")).isEmpty();
    }

    @Test
    void aLookupKeyFirstSeenInARefusedAppendIsFiledByTheNextOne() {
        long t = tenant("alpha");
        appendWithAnnex(t, 1, new Annex(List.of(new Annex.Key(0, "patient", "pt-1", 5)), List.of(new Annex.UniqueKey("idem-1", 0, sha("a"))), List.of()));
        List<StoredEntry> batch = entries(t, 1, 1);
        Annex refused = new Annex(List.of(new Annex.Key(1, "patient", "pt-new", 6), new Annex.Key(1, "patient", "pt-1", 6)),
                List.of(new Annex.UniqueKey("idem-1", 1, sha("b"))), List.of());
        assertThatThrownBy(() -> store.append(t, 1, batch, List.of(), refused)).isInstanceOf(StoreException.class);

        store.append(t, 1, batch, List.of(), new Annex(List.of(new Annex.Key(1, "patient", "pt-other", 7), new Annex.Key(1, "patient", "pt-new", 7)),
                List.of(), List.of()));

        assertThat(store.keyed(t, "patient", "pt-new", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(1L);
        assertThat(store.keyed(t, "patient", "pt-other", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(1L);
        assertThat(store.keyed(t, "patient", "pt-1", 0, 100, null, 10)).extracting(Annex.Key::index).containsExactly(0L);
        assertThat(store.keysOfKind(t, "patient")).containsExactly("pt-1", "pt-new", "pt-other");
    }

    @Test
    void aSecretIsKeptUnderItsNameUntilDestroyed() {
        long a = tenant("alpha");
        long b = tenant("beta");
        store.putSecret(a, "patient-key/pt-1", new byte[] {7, 7}, 1);
        assertThatThrownBy(() -> store.putSecret(a, "patient-key/pt-1", new byte[] {8}, 2)).isInstanceOf(StoreException.class);
        assertThat(store.secret(a, "patient-key/pt-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(7, 7));
        assertThat(store.secret(b, "patient-key/pt-1")).isEmpty();
        assertThat(store.destroySecret(a, "patient-key/pt-1")).isTrue();
        assertThat(store.secret(a, "patient-key/pt-1")).isEmpty();
        assertThat(store.destroySecret(a, "patient-key/pt-1")).isFalse();
        store.putSecret(a, "patient-key/pt-1", new byte[] {9}, 3);
        assertThat(store.secret(a, "patient-key/pt-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(9));
    }

    @Test
    void aSecretCarriedByAnAppendIsStoredOnceAndADestroyedOneNeverComesBack() {
        long t = tenant("alpha");
        Annex withKey = new Annex(List.of(), List.of(), List.of(), List.of(new Annex.Secret("patient-key/pt-1", new byte[] {1, 2})));
        appendWithAnnex(t, 1, withKey);
        appendWithAnnex(t, 1, withKey);
        assertThat(store.secret(t, "patient-key/pt-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));

        assertThat(store.destroySecret(t, "patient-key/pt-1")).isTrue();
        appendWithAnnex(t, 1, withKey);

        assertThat(store.secret(t, "patient-key/pt-1")).as("a write in flight during the erasure must not restore the key").isEmpty();
        appendWithAnnex(t, 1, new Annex(List.of(), List.of(), List.of(), List.of(new Annex.Secret("patient-key/pt-1", new byte[] {4}))));
        assertThat(store.secret(t, "patient-key/pt-1")).as("a new key after the erasure is kept").hasValueSatisfying(v -> assertThat(v).containsExactly(4));
    }

    @Test
    void anAppendCarryingAnotherValueOfAStoredSecretIsRefusedAndWritesNothing() {
        long t = tenant("alpha");
        appendWithAnnex(t, 1, new Annex(List.of(), List.of(), List.of(), List.of(new Annex.Secret("patient-key/pt-1", new byte[] {1, 2}))));
        long size = store.size(t);
        Annex otherKey = new Annex(List.of(new Annex.Key(size, "patient", "pt-1", 5)), List.of(), List.of(new Annex.Blob(size, "sha256:sealed", new byte[] {9})),
                List.of(new Annex.Secret("patient-key/pt-2", new byte[] {7}), new Annex.Secret("patient-key/pt-1", new byte[] {3})));

        assertThatThrownBy(() -> appendWithAnnex(t, 1, otherKey)).isInstanceOfSatisfying(SecretConflictException.class,
                e -> assertThat(e.names()).containsExactly("patient-key/pt-1"));

        assertThat(store.size(t)).isEqualTo(size);
        assertThat(store.secret(t, "patient-key/pt-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThat(store.secret(t, "patient-key/pt-2")).as("nothing of the refused append is kept").isEmpty();
        assertThat(store.blob(t, size, "sha256:sealed")).isEmpty();
        assertThat(store.keysOfKind(t, "patient")).isEmpty();
    }

    @Test
    void twoValuesOfOneSecretInOneAppendAreRefused() {
        long t = tenant("alpha");
        Annex both = new Annex(List.of(), List.of(), List.of(),
                List.of(new Annex.Secret("patient-key/pt-1", new byte[] {1}), new Annex.Secret("patient-key/pt-1", new byte[] {2})));

        assertThatThrownBy(() -> appendWithAnnex(t, 1, both)).isInstanceOf(SecretConflictException.class);

        assertThat(store.size(t)).isZero();
        assertThat(store.secret(t, "patient-key/pt-1")).isEmpty();
    }

    // ---- concurrency -----------------------------------------------------------------------

    @Test
    void concurrentReadersSeeOnlyWholeCommittedPrefixesWhileAWriterAppends() throws Exception {
        long t = tenant("alpha");
        int batches = 120;
        int perBatch = 7;
        List<List<StoredEntry>> planned = new ArrayList<>();
        List<StoredEntry> all = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            List<StoredEntry> batch = entries(t, (long) i * perBatch, perBatch);
            planned.add(batch);
            all.addAll(batch);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    long last = 0;
                    int rounds = 0;
                    while (writing.get() || rounds < 3) {
                        rounds++;
                        int tilesBefore = store.tileRoots(t).size(); // read first: the size can only grow after
                        long n = store.size(t);
                        if (tilesBefore > n / Tile.WIDTH) {
                            problems.add("tile " + (tilesBefore - 1) + " was visible before its entries");
                        }
                        if (n < last) {
                            problems.add("size went back from " + last + " to " + n);
                        }
                        if (n % perBatch != 0) {
                            problems.add("saw half a batch: size " + n);
                        }
                        last = n;
                        List<StoredEntry> seen = new ArrayList<>();
                        store.scan(t, 0, n, seen::add);
                        if (seen.size() != n) {
                            problems.add("scan of [0, " + n + ") gave " + seen.size() + " entries");
                        }
                        for (int i = 0; i < seen.size(); i++) {
                            StoredEntry e = seen.get(i);
                            if (e.index() != i || !java.util.Arrays.equals(e.bytes(), all.get(i).bytes())) {
                                problems.add("entry " + i + " read back wrong");
                                break;
                            }
                        }
                        if (store.leafHashes(t, 0, n).size() != n) {
                            problems.add("leafHashes of [0, " + n + ") is short");
                        }
                    }
                    return rounds;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                try {
                    for (List<StoredEntry> batch : planned) {
                        appendPlanned(t, batch);
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            writer.get(5, TimeUnit.MINUTES);
            for (Future<Integer> r : readers) {
                assertThat(r.get(5, TimeUnit.MINUTES)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(store.size(t)).isEqualTo((long) batches * perBatch);
    }

    // ---- durability ------------------------------------------------------------------------

    @Test
    void everythingCommittedSurvivesCloseAndReopen() throws Exception {
        long a = tenant("alpha");
        long b = tenant("beta");
        List<StoredEntry> inA = append(a, 520);
        append(b, 3);
        store.addCheckpoint(a, checkpoint(256));
        store.addCheckpoint(a, checkpoint(520));
        store.addToken(new TokenRecord(sha("s"), "tok_1", a, "admin", "bootstrap", 7, 0));
        appendWithAnnex(b, 1, new Annex(List.of(new Annex.Key(3, "patient", "pt-1", 9)),
                List.of(new Annex.UniqueKey("idem-1", 3, sha("x"))), List.of(new Annex.Blob(3, "sha256:x", new byte[] {1}))));
        store.putSecret(b, "k", new byte[] {5}, 1);
        List<byte[]> rootsBefore = store.tileRoots(a);

        store = reopen(store);

        assertThat(store.tenants()).extracting(TenantRecord::name).containsExactly("alpha", "beta");
        assertThat(store.size(a)).isEqualTo(520);
        assertThat(store.size(b)).isEqualTo(4);
        assertThat(store.keyed(b, "patient", "pt-1", 0, 10, null, 10)).extracting(Annex.Key::index).containsExactly(3L);
        assertThat(store.uniqueKeys(b, List.of("idem-1"))).containsOnlyKeys("idem-1");
        assertThat(store.blob(b, 3, "sha256:x")).isPresent();
        assertThat(store.secret(b, "k")).isPresent();
        assertSameEntry(store.entry(a, 519).orElseThrow(), inA.get(519));
        assertThat(store.leafHashes(a, 0, 520)).hasSize(520);
        assertThat(store.tileRoots(a)).containsExactlyElementsOf(rootsBefore);
        assertThat(store.checkpoints(a)).extracting(CheckpointRecord::size).containsExactly(256L, 520L);
        assertThat(store.tokenBySecretHash(sha("s"))).isPresent();
        append(a, 1);
        assertThat(store.size(a)).isEqualTo(521);
        assertThatThrownBy(() -> store.addCheckpoint(a, checkpoint(500))).isInstanceOf(StoreException.class);
    }

    // ---- helpers ---------------------------------------------------------------------------

    protected long tenant(String name) {
        long id = store.createTenant(name, 1).id();
        leaves.put(id, new ArrayList<>());
        return id;
    }

    /** Appends {@code n} new entries with the tiles they complete; returns them. */
    protected List<StoredEntry> append(long tenantId, int n) {
        List<StoredEntry> batch = entries(tenantId, leaves.get(tenantId).size(), n);
        appendPlanned(tenantId, batch);
        return batch;
    }

    /** Appends {@code n} new entries (no tiles: keep these small) with an annex. */
    private void appendWithAnnex(long tenantId, int n, Annex annex) {
        List<byte[]> hashes = leaves.get(tenantId);
        List<StoredEntry> batch = entries(tenantId, hashes.size(), n);
        store.append(tenantId, hashes.size(), batch, List.of(), annex);
        batch.forEach(e -> hashes.add(e.leafHash()));
    }

    private void appendPlanned(long tenantId, List<StoredEntry> batch) {
        List<byte[]> hashes = leaves.get(tenantId);
        long first = hashes.size();
        List<byte[]> after = new ArrayList<>(hashes);
        batch.forEach(e -> after.add(e.leafHash()));
        List<Tile> tiles = new ArrayList<>();
        for (long tile = first / Tile.WIDTH; (tile + 1) * Tile.WIDTH <= after.size(); tile++) {
            tiles.add(tileOf(tile, after));
        }
        store.append(tenantId, first, batch, tiles);
        hashes.addAll(after.subList(hashes.size(), after.size()));
    }

    /** Entries {@code first .. first + n - 1} with contents unique to the tenant and index. */
    protected static List<StoredEntry> entries(long tenantId, long first, int n) {
        List<StoredEntry> out = new ArrayList<>(n);
        for (long i = first; i < first + n; i++) {
            out.add(entry(i, "t" + tenantId + "-e" + i));
        }
        return out;
    }

    protected static StoredEntry entry(long index, String content) {
        byte[] bytes = ("{\"content\":\"" + content + "\",\"type\":\"annotation\"}").getBytes(StandardCharsets.UTF_8);
        return new StoredEntry(index, "annotation", 1_700_000_000_000L + index, bytes, InMemoryStore.leafHash(bytes));
    }

    protected static Tile tileOf(long index, List<byte[]> leafHashes) {
        byte[] packed = new byte[Tile.WIDTH * 32];
        for (int i = 0; i < Tile.WIDTH; i++) {
            System.arraycopy(leafHashes.get((int) (index * Tile.WIDTH) + i), 0, packed, i * 32, 32);
        }
        return new Tile(index, packed, InMemoryStore.tileRoot(packed));
    }

    /** A checkpoint record; the store keeps it as given and does not check the signature or root. */
    protected static CheckpointRecord checkpoint(long size) {
        return new CheckpointRecord(size, sha("root-" + size), "test.local/log\n" + size + "\n", 1_700_000_000_000L + size);
    }

    protected static byte[] sha(String s) {
        return InMemoryStore.leafHash(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<Long> indexesScanned(long tenantId, long from, long to) {
        List<Long> out = new ArrayList<>();
        store.scan(tenantId, from, to, e -> out.add(e.index()));
        return out;
    }

    private static void assertSameEntry(StoredEntry actual, StoredEntry expected) {
        assertThat(actual.index()).isEqualTo(expected.index());
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.recordedAtMillis()).isEqualTo(expected.recordedAtMillis());
        assertThat(actual.bytes()).isEqualTo(expected.bytes());
        assertThat(actual.leafHash()).isEqualTo(expected.leafHash());
    }
}
