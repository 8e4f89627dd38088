package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hashing primitives against published answers, so that the reference the property tests
 * compare with cannot share a mistake with the code: the empty tree, and the roots of the eight
 * leaves of the RFC 6962 / RFC 9162 test vectors used by Certificate Transparency's own test
 * suites (certificate-transparency-go, transparency-dev/merkle).
 */
class MerkleKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    @Test
    void theEmptyTreeHashesToTheSha256OfNothing() {
        assertThat(HEX.formatHex(Merkle.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theRootsOfTheCertificateTransparencyTestVectorsAreReproduced() {
        List<byte[]> data = new ArrayList<>();
        for (String leaf : LEAVES) {
            data.add(HEX.parseHex(leaf));
        }
        ProofBuilder builder = new ProofBuilder((level, index) ->
                NaiveMerkle.mth(data.subList((int) (index << level), (int) ((index + 1) << level))));
        for (int n = 1; n <= LEAVES.length; n++) {
            assertThat(HEX.formatHex(NaiveMerkle.mth(data.subList(0, n)))).as("reference, size %d", n).isEqualTo(ROOTS[n - 1]);
            assertThat(HEX.formatHex(builder.hash(0, n))).as("proof builder, size %d", n).isEqualTo(ROOTS[n - 1]);
        }
    }
}
