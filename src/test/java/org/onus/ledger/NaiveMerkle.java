package org.onus.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162's definitions of MTH, PATH and PROOF transcribed literally, recursing over lists of
 * leaf data: slow and obviously right, the yardstick for the real implementation.
 */
final class NaiveMerkle {
    private NaiveMerkle() {
    }

    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return Merkle.emptyRoot();
        }
        if (n == 1) {
            return Merkle.leafHash(d.get(0));
        }
        int k = Integer.highestOneBit(n - 1);
        return Merkle.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n <= 1) {
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        if (m == 0 || m == d.size()) {
            return new ArrayList<>();
        }
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> leaves(int n) {
        List<byte[]> d = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            d.add(("entry-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return d;
    }
}
