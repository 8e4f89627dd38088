package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.onus.ledger.MerkleTreeProperties.PerfectSubtrees;
import org.onus.ledger.MerkleTreeProperties.Rfc;
import org.onus.store.CheckpointRecord;
import org.onus.store.LedgerStore;
import org.onus.store.StoredEntry;
import org.onus.store.Tile;

/**
 * Checks one whole log after a step of a ledger test, twice over: with {@link LogVerifier} (what
 * {@code onus verify} runs) and with an independent recomputation from the stored leaves by the
 * RFC's definitions. Either way: every entry is present, in order, and hashes to its leaf hash;
 * every tile matches its leaves; the log's {@link TenantLog#rootAt} is the root of all leaves;
 * every stored checkpoint opens with the log's public key, only grows, signs the root of its
 * size, and the log is provably consistent with it.
 */
final class LogChecker {

    private LogChecker() {
    }

    static void check(TenantLog log, LedgerStore store) {
        long n = log.size();
        assertThat(store.size(log.tenantId())).as("store size vs the log's published size").isEqualTo(n);

        VerificationReport report = new LogVerifier(store).verify(log.tenant(), log.publicKey());
        assertThat(report.ok()).as("onus verify: %s", report).isTrue();
        assertThat(report.entries()).isEqualTo(n);

        List<byte[]> leaves = new ArrayList<>((int) n);
        store.scan(log.tenantId(), 0, n, e -> {
            assertThat(e.index()).as("entry order").isEqualTo(leaves.size());
            assertThat(e.leafHash()).as("leaf hash of entry %d", e.index()).isEqualTo(Merkle.leafHash(e.bytes()));
            leaves.add(e.leafHash());
        });
        assertThat(leaves).as("entries stored").hasSize((int) n);
        Rfc rfc = new Rfc(new PerfectSubtrees((int) n, i -> leaves.get((int) i)));
        byte[] root = rfc.mth(0, n);
        assertThat(log.rootAt(n)).as("rootAt(%d) vs the root recomputed from all leaves", n).isEqualTo(root);
        assertThat(report.root()).as("verifier's root").isEqualTo(root);

        List<byte[]> tileRoots = store.tileRoots(log.tenantId());
        assertThat(tileRoots).as("completed tiles").hasSize((int) (n / Tile.WIDTH));
        for (int t = 0; t < tileRoots.size(); t++) {
            assertThat(tileRoots.get(t)).as("root of tile %d", t).isEqualTo(rfc.mth((long) t * Tile.WIDTH, (t + 1L) * Tile.WIDTH));
        }

        long previous = -1;
        for (CheckpointRecord cp : store.checkpoints(log.tenantId())) {
            assertThat(cp.size()).as("checkpoints only grow").isGreaterThan(previous).isLessThanOrEqualTo(n);
            Checkpoint signed = Checkpoint.open(cp.note(), log.publicKey());
            assertThat(signed.origin()).isEqualTo(log.origin());
            assertThat(signed.size()).isEqualTo(cp.size());
            assertThat(signed.root()).as("signed root of checkpoint %d", cp.size()).isEqualTo(rfc.mth(0, cp.size()));
            previous = cp.size();
        }
        log.latestCheckpoint().ifPresent(cp -> {
            assertThat(cp.size()).as("the log's latest checkpoint is the store's").isEqualTo(previous(store, log));
            ConsistencyProof proof = log.consistencyProof(cp.size(), n);
            assertThat(Merkle.verifyConsistency(cp.size(), n, cp.root(), log.rootAt(n), proof.hashes()))
                    .as("the log at %d is consistent with checkpoint %d", n, cp.size()).isTrue();
        });
    }

    /** Entries as a test step appended them, to compare with what the store holds. */
    static void checkHolds(TenantLog log, long index, byte[] bytes) {
        StoredEntry e = log.entry(index).orElseThrow(() -> new AssertionError("no entry " + index));
        assertThat(Arrays.equals(e.bytes(), bytes)).as("entry %d holds what was acknowledged for it", index).isTrue();
    }

    private static long previous(LedgerStore store, TenantLog log) {
        return store.latestCheckpoint(log.tenantId()).map(CheckpointRecord::size).orElse(-1L);
    }
}
