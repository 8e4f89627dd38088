package org.onus.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.onus.store.Tile;

/**
 * The tree a {@link LogVerifier} rebuilds while it streams a log's leaves once, in order, holding
 * only what is needed to answer at every size it reaches: the root, and consistency proofs from
 * the previous checkpoint.
 *
 * <h2>Two independent structures</h2>
 * <ul>
 *   <li>A <b>compact range</b>: a stack with one perfect-subtree root per set bit of the size,
 *       left to right. Appending a leaf merges equal-sized neighbours (like incrementing a
 *       binary counter), and the root at the current size folds the stack from the right. It
 *       costs O(log n) memory and one node hash per leaf on average, and is the verifier's own
 *       computation of the root, sharing no code with the log's {@link ProofBuilder}.</li>
 *   <li>For proofs: every perfect subtree of a whole tile or more (a {@link TreeState}, about
 *       64 bytes per 256 leaves, 2.5 MB at 10^7 entries), plus the leaf hashes of at most two
 *       tiles: the one being filled and the one holding the previous checkpoint's last leaf.
 *       A consistency proof from size m to size n only ever descends below tile level inside
 *       the tile holding leaf m-1 (where the recursion chases m) and the tile holding leaf n-1
 *       (the ragged right edge), so those two tiles suffice.</li>
 * </ul>
 * Memory therefore grows as n/256 hashes, never with the entries' bytes.
 */
final class VerifierTree {

    private final List<byte[]> stack = new ArrayList<>(); // compact range, left to right
    private final TreeState upper = new TreeState();
    private final List<byte[]> current = new ArrayList<>(Tile.WIDTH); // leaves of the tile being filled
    private long size;
    private long boundaryTile = -1; // tile holding the last leaf of the latest marked size
    private List<byte[]> boundaryLeaves; // its leaves, once it is no longer the current tile

    long size() {
        return size;
    }

    /**
     * Appends one leaf hash.
     *
     * @return the root of the tile this leaf completes, or null if the tile is still partial
     */
    byte[] add(byte[] leafHash) {
        byte[] h = leafHash;
        long s = size;
        int level = 0;
        byte[] tileRoot = null;
        while ((s & 1) == 1) {
            h = Merkle.nodeHash(stack.remove(stack.size() - 1), h);
            s >>= 1;
            level++;
            if (level == Tile.HEIGHT) {
                tileRoot = h;
            }
        }
        stack.add(h);
        current.add(leafHash);
        size++;
        if (tileRoot != null) {
            upper.addTileRoot(tileRoot);
        }
        return tileRoot;
    }

    /** Leaf hashes of the tile being filled (all 256 just after {@link #add} completed it). */
    List<byte[]> currentTileLeaves() {
        return current;
    }

    /** To be called after {@link #add} and any checks at this size: starts a new tile if this one is full. */
    void rollTileIfFull() {
        if (current.size() == Tile.WIDTH) {
            if (boundaryTile == currentTileIndex()) {
                boundaryLeaves = new ArrayList<>(current);
            }
            current.clear();
        }
    }

    private long currentTileIndex() {
        return (size - 1) / Tile.WIDTH;
    }

    /** The root of the tree of all leaves added so far (RFC 9162 MTH). */
    byte[] root() {
        if (stack.isEmpty()) {
            return Merkle.emptyRoot();
        }
        byte[] r = stack.get(stack.size() - 1);
        for (int i = stack.size() - 2; i >= 0; i--) {
            r = Merkle.nodeHash(stack.get(i), r);
        }
        return r;
    }

    /**
     * Remembers the current size as the next consistency proof's starting point, keeping the
     * leaves of the tile that holds its last leaf.
     */
    void markProofStart() {
        if (size == 0) {
            return;
        }
        boundaryTile = currentTileIndex();
        boundaryLeaves = null; // it is the current tile; copied when it rolls
    }

    /** RFC 9162 PROOF(from, size) over the leaves added so far; {@code from} must be the last marked size or 0. */
    List<byte[]> consistencyProof(long from) {
        byte[][][][] levelsOf = new byte[2][][][]; // inner nodes of the current and boundary tiles, built on demand
        return new ProofBuilder((level, index) -> perfectSubtree(level, index, levelsOf)).consistency(from, size);
    }

    private byte[] perfectSubtree(int level, long index, byte[][][][] levelsOf) {
        if (level >= Tile.HEIGHT) {
            return upper.node(level, index);
        }
        long tile = (index << level) / Tile.WIDTH;
        int slot;
        List<byte[]> leaves;
        if (size > 0 && tile == currentTileIndex() && !current.isEmpty()) {
            slot = 0;
            leaves = current;
        } else if (tile == boundaryTile && boundaryLeaves != null) {
            slot = 1;
            leaves = boundaryLeaves;
        } else {
            throw new IllegalStateException("the verifier kept no leaves of tile " + tile
                    + " (a proof from a size that was not marked?)");
        }
        if (levelsOf[slot] == null) {
            levelsOf[slot] = TreeState.tileLevels(leaves);
        }
        long offset = (index << level) % Tile.WIDTH;
        return Arrays.copyOf(levelsOf[slot][level][(int) (offset >> level)], Merkle.HASH_SIZE);
    }
}
