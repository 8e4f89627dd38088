package org.onus.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.onus.store.CheckpointRecord;
import org.onus.store.LedgerStore;
import org.onus.store.StoreException;
import org.onus.store.StoredEntry;
import org.onus.store.TenantRecord;
import org.onus.store.Tile;

/**
 * Checks a whole stored log from scratch, trusting nothing in the store but the verifier key it
 * is given: the one check that tests, {@code onus verify} and operators share (a log's fsck).
 *
 * <h2>What it checks, in this order</h2>
 * <ol>
 *   <li>Every stored checkpoint: its signed note opens with the key, names the key's log as its
 *       origin, and agrees with the size and root stored beside it.</li>
 *   <li>Rollback: the latest checkpoint covers no more entries than the store holds.</li>
 *   <li>One pass over the entries in index order, each checked before the next is read: no
 *       index is missing; the stored bytes hash (RFC 9162 leaf hash) to the stored leaf hash;
 *       they are canonical JSON (RFC 8785) in the {@link Entries} envelope, agreeing with the
 *       stored type and time. Each completed tile's packed leaf hashes and root must equal
 *       those recomputed from the entries. At each checkpoint's size the recomputed root must
 *       equal the signed root, and a consistency proof from the previous checkpoint is
 *       generated over the recomputed tree and verified (RFC 9162, 2.1.4).</li>
 *   <li>No tile lies beyond the entries (a trace of entries removed since).</li>
 * </ol>
 * It stops at the first problem, which names the entry index, tile or checkpoint size, because
 * every later check would only repeat it. Because the pass runs in index order, an entry whose
 * bytes were altered is named as such before any checkpoint above it is reported; an entry
 * rewritten together with its leaf hash and tile (by someone without the signing key) is caught
 * by the first checkpoint above it, and the message gives the range it lies in.
 *
 * <h2>Cost</h2>
 * O(n) time and memory independent of the entries' bytes: entries are read in chunks of
 * {@value #CHUNK} and dropped after use, and the tree is a {@link VerifierTree} (a compact range
 * plus one hash per tile). The per-entry work (hashing, canonical-form and envelope checks) runs
 * in parallel within a chunk; the tree is built sequentially. The store's list of checkpoints
 * is held in memory, as {@link LedgerStore#checkpoints} returns it.
 *
 * <p>A running log may be verified: the checkpoints, then the tiles, then the size are read, and
 * the store never lets a checkpoint or a tile exceed the entries, so the snapshot is coherent.
 */
public final class LogVerifier {

    static final int CHUNK = 16 * Tile.WIDTH;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LedgerStore store;

    public LogVerifier(LedgerStore store) {
        this.store = store;
    }

    /** Verifies every log of {@code ledger} with its own key: the check for tests to run after each step. */
    public static List<VerificationReport> verifyAll(Ledger ledger) {
        LogVerifier verifier = new LogVerifier(ledger.store());
        List<VerificationReport> out = new ArrayList<>();
        for (TenantLog log : ledger.logs()) {
            out.add(verifier.verify(log.tenant(), log.publicKey()));
        }
        return out;
    }

    /**
     * Verifies the log of {@code tenant} against {@code key}, the verifier key its checkpoints
     * must be signed with.
     *
     * @throws IllegalArgumentException if the store has no such tenant
     */
    public VerificationReport verify(String tenant, NoteKey key) {
        TenantRecord t = store.tenant(tenant).orElseThrow(() ->
                new IllegalArgumentException("the store has no tenant named '" + tenant + "'"));
        return verify(t, key);
    }

    public VerificationReport verify(TenantRecord tenant, NoteKey key) {
        return new Run(tenant, key).run();
    }

    /** One verification of one log; holds the progress that the report's counts come from. */
    private final class Run {
        private final TenantRecord tenant;
        private final NoteKey key;
        private final VerifierTree tree = new VerifierTree();
        private long entries;
        private long tiles;
        private int checkpointsVerified;
        private long latestSize = -1;

        Run(TenantRecord tenant, NoteKey key) {
            this.tenant = tenant;
            this.key = key;
        }

        VerificationReport run() {
            try {
                Optional<VerificationProblem> problem = check();
                return new VerificationReport(tenant.name(), key.name(), entries, tiles, checkpointsVerified, latestSize,
                        problem.isEmpty() ? tree.root() : null, problem);
            } catch (StoreException e) {
                return failed(new VerificationProblem(VerificationProblem.Kind.STORE, entries,
                        "the store could not be read (after " + entries + " entries were verified): " + e.getMessage()
                                + "; the data file may be damaged: restore it from a backup"));
            }
        }

        private VerificationReport failed(VerificationProblem p) {
            return new VerificationReport(tenant.name(), key.name(), entries, tiles, checkpointsVerified, latestSize, null,
                    Optional.of(p));
        }

        private Optional<VerificationProblem> check() {
            // Read in this order, each bounded by the next: checkpoints and tiles never exceed the entries.
            List<CheckpointRecord> records = store.checkpoints(tenant.id());
            long storedTiles = storedTileCount();
            long size = store.size(tenant.id());
            List<Checkpoint> signed = new ArrayList<>(records.size());
            for (CheckpointRecord r : records) {
                Optional<VerificationProblem> p = openCheckpoint(r, signed);
                if (p.isPresent()) {
                    return p;
                }
            }
            if (!signed.isEmpty()) {
                latestSize = signed.get(signed.size() - 1).size();
            }
            if (latestSize > size) {
                return problem(VerificationProblem.Kind.ROLLBACK, latestSize, "the log holds " + size
                        + " entries but checkpoint " + latestSize + " was signed over " + latestSize
                        + ": entries " + size + " to " + (latestSize - 1) + " were removed (rollback). "
                        + "Restore the data directory from a backup holding at least " + latestSize
                        + " entries; the signed checkpoint proves they existed");
            }
            return scan(size, signed, storedTiles);
        }

        /** How many tiles are stored, or -1 if some are missing (the scan then names the first missing one). */
        private long storedTileCount() {
            try {
                return store.tileRoots(tenant.id()).size();
            } catch (StoreException e) {
                return -1;
            }
        }

        private Optional<VerificationProblem> openCheckpoint(CheckpointRecord r, List<Checkpoint> out) {
            Checkpoint c;
            try {
                c = Checkpoint.open(r.note(), key);
            } catch (IllegalArgumentException e) {
                return problem(VerificationProblem.Kind.CHECKPOINT, r.size(), "checkpoint " + r.size()
                        + " is not validly signed by " + key.verifierKey() + ": " + e.getMessage()
                        + ". It was forged or altered, or you hold the wrong key: check the key with the log's operator");
            }
            if (!c.origin().equals(key.name())) {
                return problem(VerificationProblem.Kind.CHECKPOINT, r.size(), "checkpoint " + r.size() + " names the log '"
                        + c.origin() + "' but the key is for '" + key.name() + "': a checkpoint of another log was stored here");
            }
            if (c.size() != r.size() || !Arrays.equals(c.root(), r.root())) {
                return problem(VerificationProblem.Kind.CHECKPOINT, r.size(), "checkpoint " + r.size()
                        + " is stored with size " + r.size() + " and root " + b64(r.root()) + " but its signed note says size "
                        + c.size() + " and root " + b64(c.root()) + ": the checkpoints table was altered");
            }
            out.add(c);
            return Optional.empty();
        }

        private Optional<VerificationProblem> scan(long size, List<Checkpoint> signed, long storedTiles) {
            int next = 0;
            Checkpoint previous = null;
            while (next < signed.size() && signed.get(next).size() == 0) {
                Optional<VerificationProblem> p = atCheckpoint(signed.get(next), previous);
                if (p.isPresent()) {
                    return p;
                }
                previous = signed.get(next++);
            }
            for (long from = 0; from < size; from += CHUNK) {
                long to = Math.min(size, from + CHUNK);
                List<StoredEntry> chunk = new ArrayList<>((int) (to - from));
                store.scan(tenant.id(), from, to, chunk::add);
                EntryCheck[] checks = checkEntries(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    long index = from + i;
                    StoredEntry e = chunk.get(i);
                    if (e.index() != index) {
                        return missing(index, e.index());
                    }
                    Optional<VerificationProblem> p = checkEntry(index, e, checks[i]);
                    if (p.isEmpty()) {
                        byte[] tileRoot = tree.add(checks[i].leafHash);
                        entries++;
                        if (tileRoot != null) {
                            p = checkTile(index / Tile.WIDTH, tileRoot);
                        }
                    }
                    while (p.isEmpty() && next < signed.size() && signed.get(next).size() == tree.size()) {
                        p = atCheckpoint(signed.get(next), previous);
                        previous = signed.get(next++);
                    }
                    if (p.isPresent()) {
                        return p;
                    }
                    tree.rollTileIfFull();
                }
                if (chunk.size() < to - from) {
                    return missing(from + chunk.size(), -1);
                }
            }
            if (storedTiles > size / Tile.WIDTH) {
                long extra = size / Tile.WIDTH;
                return problem(VerificationProblem.Kind.TILE, extra, "tile " + extra + " (entries " + extra * Tile.WIDTH
                        + " to " + ((extra + 1) * Tile.WIDTH - 1) + ") is stored but the log holds only " + size
                        + " entries: entries were removed after that tile was written (rollback). "
                        + "Restore the data directory from a backup");
            }
            return Optional.empty();
        }

        private Optional<VerificationProblem> missing(long index, long nextStored) {
            return problem(VerificationProblem.Kind.ENTRY, index, "entry " + index + " is missing"
                    + (nextStored >= 0 ? " (the next stored entry is " + nextStored + ")" : "")
                    + ": entries were deleted from the log. Restore the data directory from a backup");
        }

        private Optional<VerificationProblem> checkEntry(long index, StoredEntry e, EntryCheck c) {
            if (!Arrays.equals(c.leafHash, e.leafHash())) {
                return problem(VerificationProblem.Kind.ENTRY, index, "entry " + index
                        + " was altered: its stored bytes hash to " + b64(c.leafHash) + " but its stored leaf hash is "
                        + b64(e.leafHash()) + ". Do not trust this entry; recover it from a backup or an evidence bundle "
                        + "(the signed checkpoints still commit to the original)");
            }
            if (c.envelopeProblem != null) {
                return problem(VerificationProblem.Kind.ENTRY, index, "entry " + index + " is malformed: "
                        + c.envelopeProblem + ". It was written so (its leaf hash matches); report this as a bug in the writer");
            }
            return Optional.empty();
        }

        private Optional<VerificationProblem> checkTile(long tileIndex, byte[] recomputedRoot) {
            long first = tileIndex * Tile.WIDTH;
            String where = "tile " + tileIndex + " (entries " + first + " to " + (first + Tile.WIDTH - 1) + ")";
            Optional<Tile> stored = store.tile(tenant.id(), tileIndex);
            if (stored.isEmpty()) {
                return problem(VerificationProblem.Kind.TILE, tileIndex, where
                        + " is missing from the store, so proofs for those entries fail. Restore the data directory from a backup");
            }
            byte[] packed = stored.get().leafHashes();
            if (packed.length != Tile.WIDTH * Merkle.HASH_SIZE) {
                return problem(VerificationProblem.Kind.TILE, tileIndex, where + " holds " + packed.length
                        + " bytes of leaf hashes instead of " + Tile.WIDTH * Merkle.HASH_SIZE + ": the tile was damaged");
            }
            List<byte[]> leaves = tree.currentTileLeaves();
            for (int j = 0; j < Tile.WIDTH; j++) {
                if (!Arrays.equals(packed, j * Merkle.HASH_SIZE, (j + 1) * Merkle.HASH_SIZE, leaves.get(j), 0, Merkle.HASH_SIZE)) {
                    return problem(VerificationProblem.Kind.TILE, tileIndex, where + " was altered: its leaf hash for entry "
                            + (first + j) + " differs from the entry's. Proofs served from it would be wrong; "
                            + "restore the data directory from a backup");
                }
            }
            if (!Arrays.equals(stored.get().root(), recomputedRoot)) {
                return problem(VerificationProblem.Kind.TILE, tileIndex, where + " was altered: its stored root "
                        + b64(stored.get().root()) + " is not the root of its leaves, " + b64(recomputedRoot)
                        + ". Restore the data directory from a backup");
            }
            byte[] mid = stored.get().mid();
            if (mid != null) {
                byte[][] expected = TreeState.tileLevels(leaves)[Tile.MID_LEVEL];
                for (int j = 0; j < expected.length; j++) {
                    if (mid.length != expected.length * Merkle.HASH_SIZE
                            || !Arrays.equals(mid, j * Merkle.HASH_SIZE, (j + 1) * Merkle.HASH_SIZE, expected[j], 0, Merkle.HASH_SIZE)) {
                        return problem(VerificationProblem.Kind.TILE, tileIndex, where + " was altered: its stored inner nodes "
                                + "are not those of its leaves, so proofs served from it would be wrong. Restore the data directory from a backup");
                    }
                }
            }
            tiles++;
            return Optional.empty();
        }

        private Optional<VerificationProblem> atCheckpoint(Checkpoint cp, Checkpoint previous) {
            byte[] root = tree.root();
            long from = previous == null ? 0 : previous.size();
            if (!Arrays.equals(root, cp.root())) {
                return problem(VerificationProblem.Kind.CHECKPOINT, cp.size(), "checkpoint " + cp.size()
                        + " signed the root " + b64(cp.root()) + " but the stored entries recompute to " + b64(root)
                        + ": an entry in " + (from == cp.size() ? "the log" : "entries " + from + " to " + (cp.size() - 1))
                        + " was rewritten together with its leaf hash and tile (or the log forked). The signed checkpoint "
                        + "is the authority: restore the entries from a backup that matches it");
            }
            if (previous != null) {
                List<byte[]> proof = tree.consistencyProof(previous.size());
                if (!Merkle.verifyConsistency(previous.size(), cp.size(), previous.root(), cp.root(), proof)) {
                    return problem(VerificationProblem.Kind.CHECKPOINT, cp.size(), "checkpoint " + cp.size()
                            + " is not consistent with checkpoint " + previous.size()
                            + ": the consistency proof between them does not verify; report this as a bug in Onus");
                }
            }
            tree.markProofStart();
            checkpointsVerified++;
            return Optional.empty();
        }
    }

    private static Optional<VerificationProblem> problem(VerificationProblem.Kind kind, long position, String message) {
        return Optional.of(new VerificationProblem(kind, position, message));
    }

    /** The per-entry checks that need no order, done in parallel for a chunk. */
    private record EntryCheck(byte[] leafHash, String envelopeProblem) {
    }

    private static EntryCheck[] checkEntries(List<StoredEntry> chunk) {
        EntryCheck[] out = new EntryCheck[chunk.size()];
        IntStream.range(0, chunk.size()).parallel().forEach(i -> {
            StoredEntry e = chunk.get(i);
            out[i] = new EntryCheck(Merkle.leafHash(e.bytes()), envelopeProblem(e));
        });
        return out;
    }

    /** Why the entry's bytes are not the canonical {@link Entries} envelope, or null if they are. */
    static String envelopeProblem(StoredEntry e) {
        JsonNode node;
        try {
            node = MAPPER.readTree(e.bytes());
        } catch (IOException ex) {
            return "its bytes are not JSON";
        }
        if (node == null || !node.isObject()) {
            return "its bytes are not a JSON object";
        }
        if (!CanonicalJson.isCanonical(e.bytes())) {
            return "its bytes are not in canonical form (RFC 8785), so nobody could re-derive them from the JSON";
        }
        if (!node.path("v").isInt() || node.path("v").intValue() != Entries.VERSION) {
            return "its envelope version 'v' is " + node.path("v") + ", not " + Entries.VERSION;
        }
        if (!node.path("type").isTextual() || node.path("type").textValue().isEmpty()) {
            return "it has no 'type'";
        }
        if (!node.path("type").textValue().equals(e.type())) {
            return "its type is '" + node.path("type").textValue() + "' but it is stored as '" + e.type() + "'";
        }
        if (!node.path("actor").isTextual()) {
            return "it has no 'actor'";
        }
        if (!node.has("data")) {
            return "it has no 'data'";
        }
        try {
            long recorded = Instant.parse(node.path("recordedAt").asText()).toEpochMilli();
            if (recorded != e.recordedAtMillis()) {
                return "it was recorded at " + node.path("recordedAt").asText() + " but it is stored as recorded at "
                        + Instant.ofEpochMilli(e.recordedAtMillis());
            }
        } catch (DateTimeParseException ex) {
            return "its 'recordedAt' is not an ISO-8601 instant: " + node.path("recordedAt");
        }
        return null;
    }

    private static String b64(byte[] b) {
        return b == null ? "(none)" : Base64.getEncoder().encodeToString(b);
    }
}
