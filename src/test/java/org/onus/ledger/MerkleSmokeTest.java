package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proof builder against the literal RFC transcription, every pair up to 64 leaves, with no
 * tiles or upper tree in between. The wide sweeps are {@link MerkleTreeProperties}.
 */
class MerkleSmokeTest {

    @Test
    void naiveProofsVerifyAndProofBuilderMatchesThemUpTo64() {
        List<byte[]> d = NaiveMerkle.leaves(64);
        ProofBuilder pb = new ProofBuilder((level, index) -> NaiveMerkle.mth(d.subList((int) (index << level), (int) ((index + 1) << level))));
        for (int n = 1; n <= 64; n++) {
            List<byte[]> dn = d.subList(0, n);
            byte[] root = NaiveMerkle.mth(dn);
            assertThat(pb.hash(0, n)).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = NaiveMerkle.path(m, dn);
                assertThat(pb.inclusion(m, n)).containsExactlyElementsOf(path);
                assertThat(Merkle.verifyInclusion(m, n, Merkle.leafHash(d.get(m)), path, root)).as("incl %d/%d", m, n).isTrue();
            }
            for (int m = 0; m <= n; m++) {
                List<byte[]> proof = NaiveMerkle.proof(m, dn);
                assertThat(pb.consistency(m, n)).containsExactlyElementsOf(proof);
                assertThat(Merkle.verifyConsistency(m, n, NaiveMerkle.mth(d.subList(0, m)), root, proof)).as("cons %d/%d", m, n).isTrue();
            }
        }
    }
}
