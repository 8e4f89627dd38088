package org.onus.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds roots, audit paths and consistency proofs by the recursive definitions of RFC 9162
 * (MTH, PATH, PROOF/SUBPROOF in section 2.1), reading perfect subtrees from a {@link HashSource}.
 *
 * <p>Every range the RFC's recursion visits is either a perfect subtree aligned to its own size
 * (answered by the source in one lookup) or the ragged right edge of the tree, which is split
 * again. So a proof costs O(log n) lookups whatever the size of the log.
 */
final class ProofBuilder {

    private final HashSource source;

    ProofBuilder(HashSource source) {
        this.source = source;
    }

    /** MTH(D[start:end]). */
    byte[] hash(long start, long end) {
        long n = end - start;
        if (n == 0) {
            return Merkle.emptyRoot();
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return source.perfectSubtree(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = Merkle.splitPoint(n);
        return Merkle.nodeHash(hash(start, start + k), hash(start + k, end));
    }

    /** PATH(m, D[0:size]), the audit path for leaf {@code m}, leaf-side first. */
    List<byte[]> inclusion(long m, long size) {
        if (m < 0 || m >= size) {
            throw new IllegalArgumentException("index " + m + " is not below tree size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        collectPath(m, 0, size, path);
        return path;
    }

    private void collectPath(long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n <= 1) {
            return;
        }
        long k = Merkle.splitPoint(n);
        if (m < k) {
            collectPath(m, start, start + k, out);
            out.add(hash(start + k, end));
        } else {
            collectPath(m - k, start + k, end, out);
            out.add(hash(start, start + k));
        }
    }

    /** PROOF(m, D[0:n]): the consistency proof from the tree of size m to the tree of size n. */
    List<byte[]> consistency(long m, long n) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("sizes " + m + " and " + n + " are not 0 <= first <= second");
        }
        List<byte[]> proof = new ArrayList<>();
        if (m == 0 || m == n) {
            return proof;
        }
        collectSubproof(m, 0, n, true, proof);
        return proof;
    }

    private void collectSubproof(long m, long start, long end, boolean whole, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(hash(start, end));
            }
            return;
        }
        long k = Merkle.splitPoint(n);
        if (m <= k) {
            collectSubproof(m, start, start + k, whole, out);
            out.add(hash(start + k, end));
        } else {
            collectSubproof(m - k, start + k, end, false, out);
            out.add(hash(start, start + k));
        }
    }
}
