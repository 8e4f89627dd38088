package org.onus.ledger;

import java.util.List;

/** An RFC 9162 consistency proof from the tree of {@code from} leaves to the tree of {@code to} leaves. */
public record ConsistencyProof(long from, long to, List<byte[]> hashes) {
    public ConsistencyProof {
        hashes = List.copyOf(hashes);
    }
}
