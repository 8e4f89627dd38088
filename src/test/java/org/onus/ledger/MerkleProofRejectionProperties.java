package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

/**
 * Every way of bending a true proof makes {@link Merkle#verifyInclusion} and
 * {@link Merkle#verifyConsistency} say no: another leaf, root, index or first size; a hash
 * dropped, added or flipped; sizes out of order or out of range; an empty proof where one is
 * needed. Each property starts from a proof that verifies, so a rejection is due to the change.
 *
 * <p>Not listed on purpose: presenting a proof with a different <em>second</em> tree size can be
 * accepted (the RFC's verifiers use the size only to shape the walk, e.g. leaf 0 of 5 and of 6
 * share a path); the root is what binds the size, and it comes from a signed checkpoint.
 */
class MerkleProofRejectionProperties {

    private static final long MAX = MerkleTreeProperties.SMALL;

    private static ProofBuilder builder() {
        return new ProofBuilder(MerkleTreeProperties.Large.subtrees());
    }

    private static byte[] leaf(long m) {
        return MerkleTreeProperties.Large.subtrees().perfectSubtree(0, m);
    }

    private static byte[] root(long n) {
        return MerkleTreeProperties.Large.rfc().mth(0, n);
    }

    // ---- inclusion ----------------------------------------------------------------------------

    @Property(tries = 300)
    void aPathDoesNotProveAnotherLeafAtTheSamePlace(@ForAll("indexAndSize") Tuple2<Long, Long> p,
                                                    @ForAll @IntRange(min = 0, max = (1 << 20) - 1) int other) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> path = truePath(m, n);
        Assume.that(other != m);
        assertThat(Merkle.verifyInclusion(m, n, leaf(other), path, root(n))).isFalse();
        assertThat(Merkle.verifyInclusion(m, n, Merkle.leafHash(new byte[] {42}), path, root(n))).isFalse();
    }

    @Property(tries = 300)
    void aPathDoesNotProveItsLeafUnderAnotherRoot(@ForAll("indexAndSize") Tuple2<Long, Long> p,
                                                  @ForAll @IntRange(min = 1, max = (1 << 20) - 1) int otherSize,
                                                  @ForAll @IntRange(min = 0, max = 255) int bit) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> path = truePath(m, n);
        assertThat(Merkle.verifyInclusion(m, n, leaf(m), path, flip(root(n), bit))).isFalse();
        if (otherSize != n) {
            assertThat(Merkle.verifyInclusion(m, n, leaf(m), path, root(otherSize))).isFalse();
        }
    }

    @Property(tries = 300)
    void aPathDoesNotProveItsLeafAtAnotherIndex(@ForAll("indexAndSize") Tuple2<Long, Long> p, @ForAll long seed) {
        long m = p.get1();
        long n = p.get2();
        Assume.that(n >= 2);
        long other = Math.floorMod(m + 1 + Math.floorMod(seed, n - 1), n); // any index but m
        List<byte[]> path = truePath(m, n);
        assertThat(Merkle.verifyInclusion(other, n, leaf(m), path, root(n))).isFalse();
        assertThat(Merkle.verifyInclusion(other, n, leaf(other), path, root(n))).isFalse();
    }

    @Property(tries = 300)
    void aTruncatedPathIsRejected(@ForAll("indexAndSize") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> path = truePath(m, n);
        for (int len = 0; len < path.size(); len++) {
            assertThat(Merkle.verifyInclusion(m, n, leaf(m), path.subList(0, len), root(n))).as("prefix %d", len).isFalse();
        }
        for (int drop = 0; drop < path.size(); drop++) {
            assertThat(Merkle.verifyInclusion(m, n, leaf(m), without(path, drop), root(n))).as("without %d", drop).isFalse();
        }
    }

    @Property(tries = 300)
    void aPaddedPathIsRejected(@ForAll("indexAndSize") Tuple2<Long, Long> p, @ForAll @IntRange(min = 0, max = (1 << 20) - 1) int extra) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> path = truePath(m, n);
        for (byte[] pad : List.of(leaf(extra), root(n), Merkle.emptyRoot())) {
            for (int at = 0; at <= path.size(); at++) {
                assertThat(Merkle.verifyInclusion(m, n, leaf(m), with(path, at, pad), root(n))).as("pad at %d", at).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void aPathWithAFlippedBitIsRejected(@ForAll("indexAndSize") Tuple2<Long, Long> p, @ForAll @IntRange(min = 0, max = 255) int bit) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> path = truePath(m, n);
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> bent = new ArrayList<>(path);
            bent.set(i, flip(path.get(i), bit));
            assertThat(Merkle.verifyInclusion(m, n, leaf(m), bent, root(n))).as("flipped hash %d", i).isFalse();
        }
        assertThat(Merkle.verifyInclusion(m, n, flip(leaf(m), bit), path, root(n))).isFalse();
    }

    @Property(tries = 300)
    void anIndexAtOrBeyondTheSizeOrBelowZeroIsRejected(@ForAll("indexAndSize") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> path = truePath(m, n);
        for (long bad : new long[] {n, n + 1, 2 * n, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertThat(Merkle.verifyInclusion(bad, n, leaf(m), path, root(n))).as("index %d", bad).isFalse();
        }
        assertThat(Merkle.verifyInclusion(0, 0, Merkle.emptyRoot(), List.of(), Merkle.emptyRoot())).isFalse();
        assertThat(Merkle.verifyInclusion(m, -n, leaf(m), path, root(n))).isFalse();
    }

    @Property(tries = 300)
    void anEmptyPathProvesOnlyTheOnlyLeafOfATreeOfOne(@ForAll("indexAndSize") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        assertThat(Merkle.verifyInclusion(m, n, leaf(m), List.of(), root(n))).isEqualTo(n == 1);
        assertThat(Merkle.verifyInclusion(m, n, root(n), List.of(), root(n))).isEqualTo(n == 1 && m == 0);
    }

    @Example
    void malformedHashesInAPathAreRejectedNotThrown() {
        List<byte[]> path = truePath(5, 13);
        List<byte[]> shortHash = new ArrayList<>(path);
        shortHash.set(1, new byte[31]);
        List<byte[]> withNull = new ArrayList<>(path);
        withNull.set(0, null);
        assertThat(Merkle.verifyInclusion(5, 13, leaf(5), shortHash, root(13))).isFalse();
        assertThat(Merkle.verifyInclusion(5, 13, leaf(5), withNull, root(13))).isFalse();
        assertThat(Merkle.verifyInclusion(5, 13, null, path, root(13))).isFalse();
        assertThat(Merkle.verifyInclusion(5, 13, leaf(5), path, null)).isFalse();
    }

    // ---- consistency -------------------------------------------------------------------------

    @Property(tries = 300)
    void aConsistencyProofDoesNotHoldForAnotherOldRoot(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p,
                                                       @ForAll @IntRange(min = 0, max = 255) int bit,
                                                       @ForAll @IntRange(min = 1, max = 4200) int otherSize) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> proof = trueProof(m, n);
        assertThat(Merkle.verifyConsistency(m, n, flip(root(m), bit), root(n), proof)).isFalse();
        if (otherSize != m) {
            assertThat(Merkle.verifyConsistency(m, n, root(otherSize), root(n), proof)).isFalse();
        }
    }

    @Property(tries = 300)
    void aConsistencyProofDoesNotHoldForAnotherNewRoot(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p,
                                                       @ForAll @IntRange(min = 0, max = 255) int bit) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> proof = trueProof(m, n);
        assertThat(Merkle.verifyConsistency(m, n, root(m), flip(root(n), bit), proof)).isFalse();
        assertThat(Merkle.verifyConsistency(m, n, root(m), root(n + 1), proof)).isFalse();
    }

    @Property(tries = 300)
    void aConsistencyProofDoesNotHoldFromAnotherFirstSize(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p, @ForAll long seed) {
        long m = p.get1();
        long n = p.get2();
        Assume.that(n >= 3);
        long other = 1 + Math.floorMod(seed, n - 1); // in [1, n)
        Assume.that(other != m);
        List<byte[]> proof = trueProof(m, n);
        assertThat(Merkle.verifyConsistency(other, n, root(other), root(n), proof)).as("from %d instead of %d", other, m).isFalse();
        assertThat(Merkle.verifyConsistency(other, n, root(m), root(n), proof)).isFalse();
    }

    @Property(tries = 300)
    void aTruncatedOrPaddedConsistencyProofIsRejected(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p,
                                                      @ForAll @IntRange(min = 0, max = (1 << 20) - 1) int extra) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> proof = trueProof(m, n);
        for (int len = 0; len < proof.size(); len++) {
            assertThat(Merkle.verifyConsistency(m, n, root(m), root(n), proof.subList(0, len))).as("prefix %d", len).isFalse();
        }
        for (int drop = 0; drop < proof.size(); drop++) {
            assertThat(Merkle.verifyConsistency(m, n, root(m), root(n), without(proof, drop))).as("without %d", drop).isFalse();
        }
        for (byte[] pad : List.of(leaf(extra), root(m), root(n))) {
            for (int at = 0; at <= proof.size(); at++) {
                assertThat(Merkle.verifyConsistency(m, n, root(m), root(n), with(proof, at, pad))).as("pad at %d", at).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void aConsistencyProofWithAFlippedBitIsRejected(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p,
                                                    @ForAll @IntRange(min = 0, max = 255) int bit) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> proof = trueProof(m, n);
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> bent = new ArrayList<>(proof);
            bent.set(i, flip(proof.get(i), bit));
            assertThat(Merkle.verifyConsistency(m, n, root(m), root(n), bent)).as("flipped hash %d", i).isFalse();
        }
    }

    @Property(tries = 300)
    void sizesOutOfOrderOrBelowZeroAreRejected(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        List<byte[]> proof = trueProof(m, n);
        assertThat(Merkle.verifyConsistency(n, m, root(n), root(m), proof)).isFalse();
        assertThat(Merkle.verifyConsistency(n, m, root(m), root(n), proof)).isFalse();
        assertThat(Merkle.verifyConsistency(n, m, root(n), root(m), List.of())).isFalse();
        assertThat(Merkle.verifyConsistency(-m, n, root(m), root(n), proof)).isFalse();
    }

    @Property(tries = 300)
    void anEmptyConsistencyProofIsRejectedBetweenDifferentNonEmptyTrees(@ForAll("properPrefixAndSize") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        assertThat(Merkle.verifyConsistency(m, n, root(m), root(n), List.of())).isFalse();
    }

    @Property(tries = 200)
    void equalSizesNeedEqualRootsAndAnEmptyProof(@ForAll("sizes") long n, @ForAll @IntRange(min = 0, max = 255) int bit) {
        assertThat(Merkle.verifyConsistency(n, n, root(n), root(n), List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(n, n, root(n), flip(root(n), bit), List.of())).isFalse();
        assertThat(Merkle.verifyConsistency(n, n, root(n), root(n), List.of(root(n)))).isFalse();
        assertThat(Merkle.verifyConsistency(0, n, Merkle.emptyRoot(), root(n), List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(0, n, Merkle.emptyRoot(), root(n), List.of(root(n)))).isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The real builder's path, checked to verify, so that each rejection is due to the change. */
    private static List<byte[]> truePath(long m, long n) {
        List<byte[]> path = builder().inclusion(m, n);
        assertThat(Merkle.verifyInclusion(m, n, leaf(m), path, root(n))).as("the unbent path verifies").isTrue();
        return path;
    }

    private static List<byte[]> trueProof(long m, long n) {
        List<byte[]> proof = builder().consistency(m, n);
        assertThat(Merkle.verifyConsistency(m, n, root(m), root(n), proof)).as("the unbent proof verifies").isTrue();
        return proof;
    }

    private static byte[] flip(byte[] hash, int bit) {
        byte[] out = hash.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    private static List<byte[]> without(List<byte[]> list, int i) {
        List<byte[]> out = new ArrayList<>(list);
        out.remove(i);
        return out;
    }

    private static List<byte[]> with(List<byte[]> list, int at, byte[] extra) {
        List<byte[]> out = new ArrayList<>(list);
        out.add(at, extra);
        return out;
    }

    @Provide
    Arbitrary<Tuple2<Long, Long>> indexAndSize() {
        return MerkleTreeProperties.indexAndSize(MAX);
    }

    /** 1 &lt;= m &lt; n: a proper, non-empty prefix, where a consistency proof is never empty. */
    @Provide
    Arbitrary<Tuple2<Long, Long>> properPrefixAndSize() {
        return MerkleTreeProperties.prefixAndSize(MAX).filter(p -> p.get1() >= 1 && p.get1() < p.get2());
    }

    @Provide
    Arbitrary<Long> sizes() {
        return MerkleTreeProperties.sizes(MAX);
    }
}
