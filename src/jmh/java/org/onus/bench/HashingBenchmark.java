package org.onus.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.Merkle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hashing the ledger does per entry and per proof: an RFC 9162 leaf hash of a ~400-byte
 * canonical entry, an interior node hash, checking a 24-step audit path (a proof at 10^7
 * entries), and for comparison the whole draft (canonical JSON + leaf hash) that the HTTP path
 * builds per request, and a node hash on a reused {@link MessageDigest}, which shows what
 * {@code Merkle}'s fresh {@code MessageDigest.getInstance} per hash costs.
 *
 * <p>Run: {@code mvn -B -Pjmh package && java -jar target/benchmarks.jar HashingBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashingBenchmark {

    private static final int PATH_LENGTH = 24; // ceil(log2(10^7))

    private byte[] entry;
    private byte[] left;
    private byte[] right;
    private long index;
    private long size;
    private byte[] leaf;
    private List<byte[]> path;
    private byte[] root;
    private MessageDigest reused;
    private SplittableRandom random;
    private long seq;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        entry = BenchEntries.drafts(0, 1, 42).get(0).bytes();
        left = Merkle.leafHash("left".getBytes());
        right = Merkle.leafHash("right".getBytes());
        random = new SplittableRandom(7);
        reused = MessageDigest.getInstance("SHA-256");
        // A perfect tree of 2^24 leaves: leaf 5_000_000's path, and the root it leads to.
        size = 1L << PATH_LENGTH;
        index = 5_000_000;
        leaf = Merkle.leafHash(entry);
        path = new ArrayList<>();
        byte[] r = leaf;
        for (int level = 0; level < PATH_LENGTH; level++) {
            byte[] sibling = Merkle.leafHash(("sibling " + level).getBytes());
            path.add(sibling);
            r = ((index >> level) & 1) == 1 ? Merkle.nodeHash(sibling, r) : Merkle.nodeHash(r, sibling);
        }
        root = r;
        if (!Merkle.verifyInclusion(index, size, leaf, path, root)) {
            throw new IllegalStateException("the benchmark's own audit path does not verify");
        }
    }

    @Benchmark
    public byte[] leafHashOf400ByteEntry() {
        return Merkle.leafHash(entry);
    }

    @Benchmark
    public byte[] nodeHash() {
        return Merkle.nodeHash(left, right);
    }

    @Benchmark
    public byte[] nodeHashOnReusedDigest() {
        reused.update((byte) 0x01);
        reused.update(left);
        reused.update(right);
        return reused.digest();
    }

    @Benchmark
    public boolean verifyInclusionPathAt10e7() {
        return Merkle.verifyInclusion(index, size, leaf, path, root);
    }

    @Benchmark
    public EntryDraft canonicalDraftAndLeafHash() {
        return BenchEntries.draft(seq++, random);
    }
}
