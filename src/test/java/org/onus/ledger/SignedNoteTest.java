package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Known answers from Go's golang.org/x/mod/sumdb/note and the C2SP signed-note specification. */
class SignedNoteTest {

    static final String GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String SPEC_VERIFIER = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n"
            + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void signerKeyOfTheGoPackageDerivesItsPublishedVerifierKey() {
        NoteKey key = NoteKey.parseSigner(GO_SIGNER);
        assertThat(key.verifierKey()).isEqualTo(GO_VERIFIER);
        assertThat(key.signerKey()).isEqualTo(GO_SIGNER);
        assertThat(String.format("%08x", key.keyId())).isEqualTo("c74f20a3");
    }

    @Test
    void signingTheGoTextGivesTheGoNoteByteForByte() {
        assertThat(SignedNote.sign(GO_TEXT, NoteKey.parseSigner(GO_SIGNER))).isEqualTo(GO_NOTE);
    }

    @Test
    void theGoAndSpecNotesOpenWithTheirVerifierKeys() {
        assertThat(SignedNote.open(GO_NOTE, NoteKey.parseVerifier(GO_VERIFIER))).isEqualTo(GO_TEXT);
        assertThat(SignedNote.open(SPEC_NOTE, NoteKey.parseVerifier(SPEC_VERIFIER))).isEqualTo("This is an example message.\n");
    }

    @Test
    void anAlteredNoteDoesNotOpen() {
        String altered = GO_NOTE.replace("cryptography", "cryptographY");
        assertThatThrownBy(() -> SignedNote.open(altered, NoteKey.parseVerifier(GO_VERIFIER)))
                .hasMessageContaining("does not verify");
    }

    @Test
    void aNoteWithoutTheKeysSignatureDoesNotOpen() {
        NoteKey other = NoteKey.generate("PeterNeumann", new SecureRandom());
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE, other.verifierOnly()))
                .hasMessageContaining("no signature by");
    }

    @Test
    void aVerifierKeyWithAWrongHashIsRefused() {
        assertThatThrownBy(() -> NoteKey.parseVerifier(GO_VERIFIER.replace("c74f20a3", "c74f20a4")))
                .hasMessageContaining("does not match");
    }

    @Test
    void aCheckpointRoundTripsThroughItsSignedNote() {
        NoteKey key = NoteKey.generate("onus.local/default", new SecureRandom());
        Checkpoint cp = new Checkpoint("onus.local/default", 42, Merkle.leafHash(new byte[] {1}));
        String note = cp.sign(key);
        assertThat(note).startsWith("onus.local/default\n42\n");
        assertThat(Checkpoint.open(note, key.verifierOnly())).isEqualTo(cp);
    }
}
