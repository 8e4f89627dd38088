package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The proof length a bundle demands, against the RFC's own audit paths. */
class BundleProofLengthTest {

    @Test
    void theExpectedLengthOfAnAuditPathIsTheLengthOfTheRfcPathForEveryLeafOfEveryTreeUpTo600() {
        byte[] h = Merkle.emptyRoot();
        ProofBuilder paths = new ProofBuilder((level, index) -> h); // the length does not depend on the hashes
        for (long size = 1; size <= 600; size++) {
            for (long index = 0; index < size; index++) {
                assertThat(EvidenceBundle.inclusionPathLength(index, size)).as("leaf %d of %d", index, size)
                        .isEqualTo(paths.inclusion(index, size).size());
            }
        }
    }

    @Test
    void theExpectedLengthHoldsForHugeTrees() {
        byte[] h = Merkle.emptyRoot();
        ProofBuilder paths = new ProofBuilder((level, index) -> h);
        long[][] cases = {{0, 1L << 40}, {(1L << 40) - 1, 1L << 40}, {123_456_789, 987_654_321}, {987_654_320, 987_654_321}};
        for (long[] c : cases) {
            assertThat(EvidenceBundle.inclusionPathLength(c[0], c[1])).isEqualTo(paths.inclusion(c[0], c[1]).size());
        }
    }
}
