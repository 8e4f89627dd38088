package org.onus.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The hashing and proof-verification rules of RFC 9162 (Certificate Transparency v2), section 2.1.
 *
 * <p>Leaf hash = SHA-256(0x00 ‖ entry), interior node = SHA-256(0x01 ‖ left ‖ right), and the
 * empty tree hashes to SHA-256 of nothing. The two verification algorithms follow RFC 9162
 * sections 2.1.3.2 and 2.1.4.2 step by step, so that a proof accepted here is accepted by any
 * other RFC 9162 verifier and the other way round. Everything here is pure and thread-safe.
 */
public final class Merkle {

    public static final int HASH_SIZE = 32;

    private static final byte[] EMPTY_ROOT = sha256().digest();

    private Merkle() {
    }

    /** SHA-256 of the empty string: the root of a tree with no leaves. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest md = sha256();
        md.update((byte) 0x00);
        md.update(entry);
        return md.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = sha256();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The largest power of two strictly smaller than {@code n}, for n &gt; 1 (RFC 9162 "k"). */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * Recomputes the root from a leaf hash and its audit path (RFC 9162, 2.1.3.2).
     *
     * @return whether the path proves that {@code leafHash} sits at {@code index} in the tree of
     *     {@code size} leaves whose root is {@code root}
     */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || leafHash == null || root == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p == null || p.length != HASH_SIZE) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * Checks that the tree of {@code size2} leaves with root {@code root2} extends the tree of
     * {@code size1} leaves with root {@code root1} (RFC 9162, 2.1.4.2). The degenerate cases the
     * RFC leaves to the caller are decided as the reference implementations do: equal sizes need
     * an empty proof and equal roots; every tree extends the empty tree, with an empty proof.
     */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1 || root1 == null || root2 == null) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && Arrays.equals(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty() && Arrays.equals(root1, EMPTY_ROOT);
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] c : proof) {
            if (c == null || c.length != HASH_SIZE) {
                return false;
            }
        }
        int start = 0;
        byte[] first;
        if (Long.bitCount(size1) == 1) {
            first = root1;
        } else {
            first = proof.get(0);
            start = 1;
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = first;
        byte[] sr = first;
        for (int i = start; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
    }
}
