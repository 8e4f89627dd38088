package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The verifier's streaming tree against the RFC's definitions over a fully materialized tree. */
class VerifierTreeTest {

    private static final int N = 1100;
    private static final List<byte[]> DATA = NaiveMerkle.leaves(N);
    private static final byte[][][] LEVELS = levels();

    /** levels[l][i]: the perfect subtree of 2^l leaves starting at leaf i * 2^l. */
    private static byte[][][] levels() {
        List<byte[][]> out = new ArrayList<>();
        byte[][] level = DATA.stream().map(Merkle::leafHash).toArray(byte[][]::new);
        while (level.length > 0) {
            out.add(level);
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = Merkle.nodeHash(level[2 * i], level[2 * i + 1]);
            }
            level = up;
        }
        return out.toArray(new byte[0][][]);
    }

    private static final ProofBuilder REFERENCE = new ProofBuilder((level, index) -> LEVELS[level][(int) index]);

    @Test
    void theRootAtEverySizeIsTheRfcRoot() {
        VerifierTree tree = new VerifierTree();
        assertThat(tree.root()).isEqualTo(Merkle.emptyRoot());
        for (int n = 1; n <= N; n++) {
            byte[] tileRoot = tree.add(LEVELS[0][n - 1]);
            assertThat(tree.root()).as("root at %d", n).isEqualTo(REFERENCE.hash(0, n));
            if (n % 256 == 0) {
                assertThat(tileRoot).isEqualTo(LEVELS[8][n / 256 - 1]);
                assertThat(tree.currentTileLeaves()).hasSize(256);
            } else {
                assertThat(tileRoot).isNull();
            }
            tree.rollTileIfFull();
        }
    }

    @Test
    void consistencyProofsFromAMarkedSizeAreTheRfcProofsAtEveryLaterSize() {
        Random random = new Random(42);
        TreeSet<Integer> starts = new TreeSet<>(List.of(0, 1, 2, 3, 127, 128, 129, 255, 256, 257, 511, 512, 513, 768));
        while (starts.size() < 60) {
            starts.add(random.nextInt(N));
        }
        for (int m : starts) {
            VerifierTree tree = new VerifierTree();
            for (int i = 0; i < m; i++) {
                tree.add(LEVELS[0][i]);
                if (i < m - 1) {
                    tree.rollTileIfFull();
                }
            }
            tree.markProofStart();
            tree.rollTileIfFull();
            byte[] rootM = tree.root();
            for (int n = m + 1; n <= N; n++) {
                tree.add(LEVELS[0][n - 1]);
                boolean check = n - m <= 3 || n % 256 <= 1 || n % 256 == 255 || random.nextInt(40) == 0;
                if (check) {
                    List<byte[]> proof = tree.consistencyProof(m);
                    assertThat(proof).as("proof %d -> %d", m, n).containsExactlyElementsOf(REFERENCE.consistency(m, n));
                    assertThat(Merkle.verifyConsistency(m, n, rootM, tree.root(), proof)).isTrue();
                }
                tree.rollTileIfFull();
            }
        }
    }
}
