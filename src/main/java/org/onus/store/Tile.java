package org.onus.store;

/**
 * A completed run of {@link #WIDTH} consecutive leaves: their leaf hashes concatenated in index
 * order, the root of the perfect subtree they form and, in {@code mid}, the {@code 2^(HEIGHT -
 * MID_LEVEL)} subtree roots at level {@link #MID_LEVEL} concatenated (null in tiles written
 * before they were kept). Tile {@code i} covers leaves {@code [i * WIDTH, (i + 1) * WIDTH)}.
 * Tiles are derived from entries and exist so that a proof reads one row and hashes a few dozen
 * nodes instead of reading hundreds of rows; the verifier checks them against the entries.
 */
public record Tile(long index, byte[] leafHashes, byte[] root, byte[] mid) {
    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;
    /** Level of the inner nodes kept in {@link #mid}: with 16-leaf subtrees, a proof hashes at most 22 nodes. */
    public static final int MID_LEVEL = 4;

    public Tile(long index, byte[] leafHashes, byte[] root) {
        this(index, leafHashes, root, null);
    }
}
