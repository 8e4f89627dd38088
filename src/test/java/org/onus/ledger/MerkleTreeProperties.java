package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.onus.store.InMemoryStore;
import org.onus.store.TenantRecord;

/**
 * The RFC 9162 tree as Onus builds it (a {@link TenantLog} with its tiles, upper tree and
 * {@link ProofBuilder}) agrees with the RFC's own definitions of MTH, PATH and PROOF, and every
 * proof it hands out is accepted by {@link Merkle}'s verifiers.
 *
 * <p>Three sweeps: every tree size from 0 to {@value #EVERY_SIZE_UP_TO} (roots; audit paths and
 * consistency proofs at the positions where the recursion changes shape; every pair for small
 * sizes), random pairs up to {@value #SMALL} leaves on the real log, and random pairs up to 2^20
 * leaves, edge sizes included, on a synthetic {@link HashSource} whose leaves are derived from
 * their index. The rejections live in {@link MerkleProofRejectionProperties}.
 */
class MerkleTreeProperties {

    static final int SMALL = 4200;
    static final int EVERY_SIZE_UP_TO = 2100;
    static final int LARGE = 1 << 20;

    // ---- every size -----------------------------------------------------------------------

    @Example
    void everyTreeSizeFromZeroTo2100HasTheRootTheRfcDefines() {
        for (int n = 0; n <= EVERY_SIZE_UP_TO; n++) {
            assertThat(Small.log().rootAt(n)).as("root of size %d", n).isEqualTo(Small.rfc().mth(0, n));
        }
    }

    @Example
    void theMemoizedReferenceAgreesWithTheUnmemoizedTranscriptionOfTheRfc() {
        List<byte[]> data = Small.data();
        for (int n = 0; n <= 300; n++) {
            assertThat(Small.rfc().mth(0, n)).as("size %d", n).isEqualTo(NaiveMerkle.mth(data.subList(0, n)));
        }
        for (int n : new int[] {511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, SMALL}) {
            assertThat(Small.rfc().mth(0, n)).as("size %d", n).isEqualTo(NaiveMerkle.mth(data.subList(0, n)));
            for (int m : new int[] {0, n / 3, n - 1}) {
                assertThat(Small.rfc().path(m, 0, n)).containsExactlyElementsOf(NaiveMerkle.path(m, data.subList(0, n)));
                assertThat(Small.rfc().proof(m, n)).containsExactlyElementsOf(NaiveMerkle.proof(m, data.subList(0, n)));
            }
        }
    }

    @Example
    void everyTreeSizeUpTo2100ProvesItsLeavesAtEveryShapeChangingPosition() {
        Random random = new Random(9162);
        for (int n = 1; n <= EVERY_SIZE_UP_TO; n++) {
            for (long m : interestingIndexes(n, random)) {
                checkInclusion(Small.log(), Small.rfc(), m, n);
            }
        }
    }

    @Example
    void everyTreeSizeUpTo2100IsConsistentWithItsPrefixesAtEveryShapeChangingSize() {
        Random random = new Random(6962);
        for (int n = 0; n <= EVERY_SIZE_UP_TO; n++) {
            for (long m : interestingSizesBelow(n, random)) {
                checkConsistency(Small.log(), Small.rfc(), m, n);
            }
        }
    }

    @Example
    void everyIndexAndEveryPrefixOfEverySizeUpTo260IsProvable() {
        for (int n = 0; n <= 260; n++) {
            for (int m = 0; m < n; m++) {
                checkInclusion(Small.log(), Small.rfc(), m, n);
            }
            for (int m = 0; m <= n; m++) {
                checkConsistency(Small.log(), Small.rfc(), m, n);
            }
        }
    }

    // ---- random pairs on the real log ------------------------------------------------------

    @Property(tries = 1500)
    void aRandomLeafOfARandomTreeUpTo4200IsProvable(@ForAll("indexAndSizeUpTo4200") Tuple2<Long, Long> p) {
        checkInclusion(Small.log(), Small.rfc(), p.get1(), p.get2());
    }

    @Property(tries = 1500)
    void aRandomTreeUpTo4200IsConsistentWithARandomPrefix(@ForAll("prefixAndSizeUpTo4200") Tuple2<Long, Long> p) {
        checkConsistency(Small.log(), Small.rfc(), p.get1(), p.get2());
    }

    // ---- large trees on a synthetic hash source --------------------------------------------

    @Property(tries = 400)
    void aLeafOfATreeOfUpToAMillionLeavesIsProvable(@ForAll("indexAndSizeUpToAMillion") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        ProofBuilder builder = new ProofBuilder(Large.subtrees());
        byte[] root = Large.rfc().mth(0, n);
        assertThat(builder.hash(0, n)).isEqualTo(root);
        List<byte[]> path = builder.inclusion(m, n);
        assertThat(path).containsExactlyElementsOf(Large.rfc().path(m, 0, n));
        assertThat(Merkle.verifyInclusion(m, n, Large.subtrees().perfectSubtree(0, m), path, root)).isTrue();
    }

    @Property(tries = 400)
    void aTreeOfUpToAMillionLeavesIsConsistentWithItsPrefixes(@ForAll("prefixAndSizeUpToAMillion") Tuple2<Long, Long> p) {
        long m = p.get1();
        long n = p.get2();
        ProofBuilder builder = new ProofBuilder(Large.subtrees());
        List<byte[]> proof = builder.consistency(m, n);
        assertThat(proof).containsExactlyElementsOf(Large.rfc().proof(m, n));
        assertThat(Merkle.verifyConsistency(m, n, Large.rfc().mth(0, m), Large.rfc().mth(0, n), proof)).isTrue();
    }

    // ---- checks ------------------------------------------------------------------------------

    static void checkInclusion(TenantLog log, Rfc rfc, long m, long n) {
        InclusionProof proof = log.inclusionProof(m, n);
        assertThat(proof.index()).isEqualTo(m);
        assertThat(proof.size()).isEqualTo(n);
        assertThat(proof.hashes()).as("PATH(%d, D[0:%d])", m, n).containsExactlyElementsOf(rfc.path(m, 0, n));
        assertThat(Merkle.verifyInclusion(m, n, rfc.leaf(m), proof.hashes(), rfc.mth(0, n)))
                .as("leaf %d of %d verifies", m, n).isTrue();
    }

    static void checkConsistency(TenantLog log, Rfc rfc, long m, long n) {
        ConsistencyProof proof = log.consistencyProof(m, n);
        assertThat(proof.from()).isEqualTo(m);
        assertThat(proof.to()).isEqualTo(n);
        assertThat(proof.hashes()).as("PROOF(%d, D[0:%d])", m, n).containsExactlyElementsOf(rfc.proof(m, n));
        assertThat(Merkle.verifyConsistency(m, n, rfc.mth(0, m), rfc.mth(0, n), proof.hashes()))
                .as("%d -> %d verifies", m, n).isTrue();
    }

    /** Leaf positions where PATH changes shape in a tree of n: the ends, the split point and its neighbours, and a few at random. */
    static TreeSet<Long> interestingIndexes(long n, Random random) {
        TreeSet<Long> out = new TreeSet<>();
        long k = Rfc.k(Math.max(n, 2));
        for (long m : new long[] {0, 1, 2, k - 2, k - 1, k, k + 1, n / 2, n - 3, n - 2, n - 1}) {
            if (m >= 0 && m < n) {
                out.add(m);
            }
        }
        for (int i = 0; i < 3; i++) {
            out.add((long) random.nextInt((int) n));
        }
        return out;
    }

    /** Prefix sizes where PROOF changes shape, for a tree of n. */
    static TreeSet<Long> interestingSizesBelow(long n, Random random) {
        TreeSet<Long> out = new TreeSet<>();
        long k = Rfc.k(Math.max(n, 2));
        for (long m : new long[] {0, 1, 2, 3, k - 1, k, k + 1, n / 2, n - 2, n - 1, n}) {
            if (m >= 0 && m <= n) {
                out.add(m);
            }
        }
        for (long p = 1; p <= n; p <<= 1) {
            out.add(p);
        }
        out.add((long) random.nextInt((int) n + 1));
        return out;
    }

    // ---- generators -----------------------------------------------------------------------

    /** Sizes from 1 to max, with 1, 2, 3, every power of two and its neighbours among the edge cases. */
    static Arbitrary<Long> sizes(long max) {
        List<Long> edges = new ArrayList<>(List.of(1L, 2L, 3L, max - 1, max));
        for (long p = 4; p <= max; p <<= 1) {
            edges.addAll(List.of(p - 1, p, p + 1));
        }
        edges.removeIf(s -> s < 1 || s > max);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(edges)),
                Tuple.of(2, Arbitraries.longs().between(1, max)));
    }

    /** An index below a size, favouring the first and last leaves and the split point. */
    static Arbitrary<Tuple2<Long, Long>> indexAndSize(long max) {
        return sizes(max).flatMap(n -> {
            long k = Rfc.k(Math.max(n, 2));
            List<Long> edges = new ArrayList<>(List.of(0L, n - 1));
            if (k < n) {
                edges.addAll(List.of(k - 1, k));
            }
            return Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.of(edges)),
                    Tuple.of(2, Arbitraries.longs().between(0, n - 1))).map(m -> Tuple.of(m, n));
        });
    }

    /** A prefix size 0 &lt;= m &lt;= n, favouring 0, 1, n, and powers of two. */
    static Arbitrary<Tuple2<Long, Long>> prefixAndSize(long max) {
        return sizes(max).flatMap(n -> {
            List<Long> edges = new ArrayList<>(List.of(0L, 1L, n - 1, n));
            for (long p = 2; p < n; p <<= 1) {
                edges.add(p);
            }
            return Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.of(edges)),
                    Tuple.of(2, Arbitraries.longs().between(0, n))).map(m -> Tuple.of(m, n));
        });
    }

    @Provide
    Arbitrary<Tuple2<Long, Long>> indexAndSizeUpTo4200() {
        return indexAndSize(SMALL);
    }

    @Provide
    Arbitrary<Tuple2<Long, Long>> prefixAndSizeUpTo4200() {
        return prefixAndSize(SMALL);
    }

    @Provide
    Arbitrary<Tuple2<Long, Long>> indexAndSizeUpToAMillion() {
        return indexAndSize(LARGE);
    }

    @Provide
    Arbitrary<Tuple2<Long, Long>> prefixAndSizeUpToAMillion() {
        return prefixAndSize(LARGE);
    }

    // ---- fixtures -------------------------------------------------------------------------

    /** A real log of {@value #SMALL} entries on the in-memory store, and the reference over the same leaves. */
    static final class Small {
        private static final Small INSTANCE = new Small();
        private final List<byte[]> data = new ArrayList<>();
        private final TenantLog log;
        private final Rfc rfc;

        private Small() {
            for (int i = 0; i < SMALL; i++) {
                data.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
            }
            InMemoryStore store = new InMemoryStore();
            TenantRecord t = store.createTenant("props", 0);
            NoteKey key = NoteKey.fromSeed("onus.test/props", new byte[32]);
            log = new TenantLog(t.id(), t.name(), "onus.test/props", key, store,
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
            List<CompletableFuture<Long>> pending = new ArrayList<>();
            for (int from = 0; from < SMALL; from += 1000) {
                List<EntryDraft> batch = new ArrayList<>();
                for (int i = from; i < Math.min(SMALL, from + 1000); i++) {
                    batch.add(EntryDraft.of("annotation", 0, data.get(i)));
                }
                pending.add(log.appendAll(batch));
            }
            pending.forEach(CompletableFuture::join);
            rfc = new Rfc(new PerfectSubtrees(SMALL, i -> Merkle.leafHash(data.get((int) i))));
        }

        static TenantLog log() {
            return INSTANCE.log;
        }

        static Rfc rfc() {
            return INSTANCE.rfc;
        }

        static List<byte[]> data() {
            return INSTANCE.data;
        }
    }

    /** 2^20 synthetic leaves: leaf i is the leaf hash of i as 8 big-endian bytes. */
    static final class Large {
        private static final PerfectSubtrees SUBTREES = new PerfectSubtrees(LARGE, Large::syntheticLeafHash);
        private static final Rfc RFC = new Rfc(SUBTREES);

        static byte[] syntheticLeafHash(long i) {
            return Merkle.leafHash(ByteBuffer.allocate(8).putLong(i).array());
        }

        static PerfectSubtrees subtrees() {
            return SUBTREES;
        }

        static Rfc rfc() {
            return RFC;
        }
    }

    /**
     * The hash of every perfect, aligned subtree over a fixed run of leaves, computed once, bottom
     * up: level 0 holds MTH({d(i)}) = SHA-256(0x00 ‖ d(i)), and node j of level l is
     * SHA-256(0x01 ‖ node 2j ‖ node 2j+1) of level l-1, which is MTH of those 2^l leaves because
     * the RFC splits a power of two in halves. It is both the reference's memo and, for large
     * trees, the {@link HashSource} the real proof builder reads.
     */
    static final class PerfectSubtrees implements HashSource {
        private final byte[][] levels;

        PerfectSubtrees(int leaves, LongFunction<byte[]> leafHash) {
            int height = Math.max(1, 64 - Long.numberOfLeadingZeros(leaves));
            levels = new byte[height][];
            levels[0] = new byte[leaves * Merkle.HASH_SIZE];
            for (int i = 0; i < leaves; i++) {
                System.arraycopy(leafHash.apply(i), 0, levels[0], i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
            }
            for (int l = 1; l < height; l++) {
                int count = leaves >> l;
                levels[l] = new byte[count * Merkle.HASH_SIZE];
                for (int j = 0; j < count; j++) {
                    byte[] node = Merkle.nodeHash(perfectSubtree(l - 1, 2L * j), perfectSubtree(l - 1, 2L * j + 1));
                    System.arraycopy(node, 0, levels[l], j * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
                }
            }
        }

        @Override
        public byte[] perfectSubtree(int level, long index) {
            int off = Math.toIntExact(index * Merkle.HASH_SIZE);
            if (level >= levels.length || index < 0 || off >= levels[level].length) {
                throw new IndexOutOfBoundsException("no perfect subtree of height " + level + " at " + index);
            }
            return java.util.Arrays.copyOfRange(levels[level], off, off + Merkle.HASH_SIZE);
        }
    }

    /**
     * RFC 9162 section 2.1's definitions, transcribed over ranges D[start:end] of the leaves:
     * MTH (2.1.1), PATH (2.1.3.1), PROOF and SUBPROOF (2.1.4.1). The only departure from the
     * letter is that MTH of a perfect, aligned range is looked up in {@link PerfectSubtrees}
     * rather than recomputed, which turns the naive O(n) per hash into O(log n).
     */
    static final class Rfc {
        private final PerfectSubtrees perfect;

        Rfc(PerfectSubtrees perfect) {
            this.perfect = perfect;
        }

        /** "the largest power of two smaller than n", spelled out rather than taken from the code under test. */
        static long k(long n) {
            long k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }

        byte[] leaf(long i) {
            return perfect.perfectSubtree(0, i);
        }

        byte[] mth(long start, long end) {
            long n = end - start;
            if (n == 0) {
                return Merkle.emptyRoot();
            }
            if (n == 1) {
                return leaf(start);
            }
            if (Long.bitCount(n) == 1 && start % n == 0) {
                return perfect.perfectSubtree(Long.numberOfTrailingZeros(n), start / n);
            }
            long k = k(n);
            return Merkle.nodeHash(mth(start, start + k), mth(start + k, end));
        }

        /** PATH(m, D[start:end]), m relative to start. */
        List<byte[]> path(long m, long start, long end) {
            long n = end - start;
            List<byte[]> out = new ArrayList<>();
            if (n <= 1) {
                return out;
            }
            long k = k(n);
            if (m < k) {
                out.addAll(path(m, start, start + k));
                out.add(mth(start + k, end));
            } else {
                out.addAll(path(m - k, start + k, end));
                out.add(mth(start, start + k));
            }
            return out;
        }

        /** PROOF(m, D[0:n]). */
        List<byte[]> proof(long m, long n) {
            if (m == 0 || m == n) {
                return new ArrayList<>();
            }
            return subproof(m, 0, n, true);
        }

        private List<byte[]> subproof(long m, long start, long end, boolean b) {
            long n = end - start;
            List<byte[]> out = new ArrayList<>();
            if (m == n) {
                if (!b) {
                    out.add(mth(start, end));
                }
                return out;
            }
            long k = k(n);
            if (m <= k) {
                out.addAll(subproof(m, start, start + k, b));
                out.add(mth(start + k, end));
            } else {
                out.addAll(subproof(m - k, start + k, end, false));
                out.add(mth(start, start + k));
            }
            return out;
        }
    }
}
