package org.onus.store;

/**
 * A completed run of {@link #WIDTH} consecutive leaves: their leaf hashes concatenated in index
 * order, and the root of the perfect subtree they form. Tile {@code i} covers leaves
 * {@code [i * WIDTH, (i + 1) * WIDTH)}. Tiles are derived from entries and exist so that a proof
 * reads one row instead of hundreds; the verifier checks them against the entries.
 */
public record Tile(long index, byte[] leafHashes, byte[] root) {
    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;
}
