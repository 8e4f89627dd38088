package org.onus.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.onus.store.Tile;

/**
 * The inner nodes of one tile, as a proof asks for them: {@code node(level, i)} is the root of
 * the {@code i}-th perfect subtree of {@code 2^level} leaves inside the tile. A stored tile with
 * its level-{@link Tile#MID_LEVEL} nodes answers any node with at most 15 hashes; a tile without
 * them (or the partial last tile) is hashed whole. Safe for concurrent use.
 */
abstract class TileNodes {

    abstract byte[] node(int level, int index);

    /** Every level computed up front, from the tile's leaves (the partial last tile, or an old tile). */
    static TileNodes whole(List<byte[]> leaves) {
        byte[][][] levels = TreeState.tileLevels(leaves);
        return new TileNodes() {
            @Override
            byte[] node(int level, int index) {
                return levels[level][index];
            }
        };
    }

    static TileNodes of(Tile tile) {
        byte[] mid = tile.mid();
        if (mid == null || mid.length != (Tile.WIDTH >> Tile.MID_LEVEL) * Merkle.HASH_SIZE) {
            return whole(TreeState.unpack(tile.leafHashes()));
        }
        return new FromMid(tile.leafHashes(), mid);
    }

    /** Nodes hashed on demand, up from the leaves below the mid level and up from the mid nodes above it. */
    private static final class FromMid extends TileNodes {
        private final byte[] leaves;
        private final byte[] mid;
        private final Map<Integer, byte[]> memo = new ConcurrentHashMap<>();

        FromMid(byte[] leaves, byte[] mid) {
            this.leaves = leaves;
            this.mid = mid;
        }

        @Override
        byte[] node(int level, int index) {
            if (level == 0) {
                return slice(leaves, index);
            }
            if (level == Tile.MID_LEVEL) {
                return slice(mid, index);
            }
            int key = (level << 16) | index;
            byte[] known = memo.get(key);
            if (known != null) {
                return known;
            }
            byte[] h = Merkle.nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
            memo.put(key, h);
            return h;
        }

        private static byte[] slice(byte[] packed, int index) {
            return Arrays.copyOfRange(packed, index * Merkle.HASH_SIZE, (index + 1) * Merkle.HASH_SIZE);
        }
    }
}
