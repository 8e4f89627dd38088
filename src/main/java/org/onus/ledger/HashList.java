package org.onus.ledger;

import java.util.Arrays;

/**
 * An append-only list of 32-byte hashes in chunked arrays: one writer appends, any number of
 * readers read indexes below a size they learned through a volatile write elsewhere (the
 * log's published size), so readers need no lock.
 */
final class HashList {
    private static final int CHUNK_HASHES = 4096;
    private static final int CHUNK_BYTES = CHUNK_HASHES * Merkle.HASH_SIZE;

    private volatile byte[][] chunks = new byte[0][];
    private volatile long size;

    long size() {
        return size;
    }

    void add(byte[] hash) {
        long n = size;
        int chunk = (int) (n / CHUNK_HASHES);
        byte[][] cs = chunks;
        if (chunk == cs.length) {
            cs = Arrays.copyOf(cs, cs.length + 1);
            cs[chunk] = new byte[CHUNK_BYTES];
            chunks = cs;
        }
        System.arraycopy(hash, 0, cs[chunk], (int) (n % CHUNK_HASHES) * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        size = n + 1;
    }

    byte[] get(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("hash " + i + " of " + size);
        }
        byte[] chunk = chunks[(int) (i / CHUNK_HASHES)];
        int off = (int) (i % CHUNK_HASHES) * Merkle.HASH_SIZE;
        return Arrays.copyOfRange(chunk, off, off + Merkle.HASH_SIZE);
    }
}
