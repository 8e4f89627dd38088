package org.onus.ledger;

/**
 * Where a {@link ProofBuilder} finds the hashes of perfect, aligned subtrees: the subtree of
 * {@code 2^level} leaves starting at leaf {@code index * 2^level}. A source only needs to answer
 * for subtrees that lie wholly inside the tree it was built for.
 */
interface HashSource {
    byte[] perfectSubtree(int level, long index);
}
