package org.onus.ledger;

import java.util.ArrayList;
import java.util.List;
import org.onus.store.Tile;

/**
 * The upper part of one log's Merkle tree, kept in memory: the root of every completed tile
 * (perfect subtrees of {@link Tile#WIDTH} leaves) and of every perfect subtree above them. At
 * 10^8 entries this is under 13 MB, and it is all a proof needs besides one tile from the store.
 *
 * <p>Only the sequencer thread calls {@link #addTileRoot}; readers may call {@link #node}
 * concurrently for nodes inside the log's published size.
 */
final class TreeState {

    private final List<HashList> levels = new ArrayList<>(); // levels.get(j) holds level HEIGHT + j

    TreeState() {
        levels.add(new HashList());
    }

    long completedTiles() {
        return levels.get(0).size();
    }

    void addTileRoot(byte[] root) {
        byte[] carry = root;
        int j = 0;
        while (true) {
            if (j == levels.size()) {
                synchronized (levels) {
                    levels.add(new HashList());
                }
            }
            HashList level = levels.get(j);
            level.add(carry);
            long n = level.size();
            if ((n & 1) == 1) {
                return;
            }
            carry = Merkle.nodeHash(level.get(n - 2), level.get(n - 1));
            j++;
        }
    }

    /** Root of the perfect subtree at {@code level >= Tile.HEIGHT}, {@code index}-th from the left. */
    byte[] node(int level, long index) {
        HashList list;
        synchronized (levels) {
            list = levels.get(level - Tile.HEIGHT);
        }
        return list.get(index);
    }

    /** Computes the tile root and every inner node of a tile from its leaf hashes. */
    static byte[][][] tileLevels(List<byte[]> leaves) {
        int n = leaves.size();
        byte[][][] out = new byte[Tile.HEIGHT + 1][][];
        out[0] = leaves.toArray(new byte[0][]);
        for (int l = 1; l <= Tile.HEIGHT; l++) {
            byte[][] below = out[l - 1];
            byte[][] here = new byte[below.length / 2][];
            for (int i = 0; i < here.length; i++) {
                here[i] = Merkle.nodeHash(below[2 * i], below[2 * i + 1]);
            }
            out[l] = here;
        }
        if (n == Tile.WIDTH && out[Tile.HEIGHT].length != 1) {
            throw new IllegalStateException("a full tile must reduce to one root");
        }
        return out;
    }

    static Tile tile(long index, List<byte[]> leaves) {
        if (leaves.size() != Tile.WIDTH) {
            throw new IllegalArgumentException("a tile has " + Tile.WIDTH + " leaves, not " + leaves.size());
        }
        byte[] packed = new byte[Tile.WIDTH * Merkle.HASH_SIZE];
        for (int i = 0; i < Tile.WIDTH; i++) {
            System.arraycopy(leaves.get(i), 0, packed, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        }
        byte[][][] levels = tileLevels(leaves);
        byte[][] midNodes = levels[Tile.MID_LEVEL];
        byte[] mid = new byte[midNodes.length * Merkle.HASH_SIZE];
        for (int i = 0; i < midNodes.length; i++) {
            System.arraycopy(midNodes[i], 0, mid, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        }
        return new Tile(index, packed, levels[Tile.HEIGHT][0], mid);
    }

    static List<byte[]> unpack(byte[] packed) {
        List<byte[]> out = new ArrayList<>(packed.length / Merkle.HASH_SIZE);
        for (int off = 0; off < packed.length; off += Merkle.HASH_SIZE) {
            out.add(java.util.Arrays.copyOfRange(packed, off, off + Merkle.HASH_SIZE));
        }
        return out;
    }
}
