package org.onus.ledger;

import java.util.List;

/** An RFC 9162 audit path: leaf {@code index} in the tree of {@code size} leaves, leaf-side hash first. */
public record InclusionProof(long index, long size, List<byte[]> hashes) {
    public InclusionProof {
        hashes = List.copyOf(hashes);
    }
}
