package org.onus.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key in the encodings of the C2SP signed-note specification (and Go's
 * {@code golang.org/x/mod/sumdb/note}): the verifier key {@code <name>+<hex key id>+<base64(0x01 ‖
 * public key)>} and the signer key {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>}.
 * The key id is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
 *
 * <p>Written here because the JDK has Ed25519 but no signed-note encoding, and no maintained Java
 * library implements that format; it is a few dozen lines, checked against the Go package's
 * published known-answer vector in the tests.
 */
public final class NoteKey {

    static final byte ALG_ED25519 = 0x01;
    private static final byte[] X509_ED25519_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final String name;
    private final byte[] publicKey;
    private final byte[] seed; // null for a verifier-only key
    private final int keyId;

    private NoteKey(String name, byte[] publicKey, byte[] seed) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("a note key name must be non-empty printable text without spaces or '+': " + name);
        }
        this.name = name;
        this.publicKey = publicKey.clone();
        this.seed = seed == null ? null : seed.clone();
        this.keyId = keyId(name, publicKey);
    }

    static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch <= ' ' || ch == '+' || Character.isWhitespace(ch)) {
                return false;
            }
        }
        return true;
    }

    /** A fresh signing key from the given randomness. */
    public static NoteKey generate(String name, SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return fromSeed(name, seed);
    }

    /** The signing key for a 32-byte Ed25519 seed (RFC 8032's private key). */
    public static NoteKey fromSeed(String name, byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        return new NoteKey(name, derivePublic(seed), seed);
    }

    /** Parses {@code PRIVATE+KEY+name+hash+base64}. */
    public static NoteKey parseSigner(String encoded) {
        String[] parts = encoded.strip().split("\\+", 5); // the base64 key may itself contain '+'
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException("not a signer key of the form PRIVATE+KEY+<name>+<hash>+<key>");
        }
        byte[] raw = decodeKey(parts[4]);
        NoteKey key = fromSeed(parts[2], Arrays.copyOfRange(raw, 1, raw.length));
        key.checkId(parts[3]);
        return key;
    }

    /** Parses {@code name+hash+base64}. */
    public static NoteKey parseVerifier(String encoded) {
        String[] parts = encoded.strip().split("\\+", 3); // the base64 key may itself contain '+'
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a verifier key of the form <name>+<hash>+<key>");
        }
        byte[] raw = decodeKey(parts[2]);
        NoteKey key = new NoteKey(parts[0], Arrays.copyOfRange(raw, 1, raw.length), null);
        key.checkId(parts[1]);
        return key;
    }

    private static byte[] decodeKey(String b64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64", e);
        }
        if (raw.length != 33 || raw[0] != ALG_ED25519) {
            throw new IllegalArgumentException("only Ed25519 keys (algorithm byte 0x01, 32 key bytes) are supported");
        }
        return raw;
    }

    private void checkId(String hex) {
        if (!hex.equals(String.format("%08x", keyId))) {
            throw new IllegalArgumentException("the key hash " + hex + " does not match the key (expected "
                    + String.format("%08x", keyId) + ")");
        }
    }

    static int keyId(String name, byte[] publicKey) {
        var md = Merkle.sha256();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update(ALG_ED25519);
        md.update(publicKey);
        return ByteBuffer.wrap(md.digest(), 0, 4).getInt();
    }

    private static byte[] derivePublic(byte[] seed) {
        try {
            // The JDK derives an Ed25519 key pair from 32 bytes drawn from the SecureRandom it is
            // given (RFC 8032 5.1.5); handing it the seed yields that seed's public key.
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = gen.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks Ed25519", e);
        }
    }

    /** Hands out exactly the seed bytes; used only to derive a public key. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public boolean canSign() {
        return seed != null;
    }

    /** {@code <name>+<hash>+<base64(0x01 ‖ public key)>}. */
    public String verifierKey() {
        return name + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(withAlg(publicKey));
    }

    /** {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ seed)>}; secret. */
    public String signerKey() {
        if (seed == null) {
            throw new IllegalStateException("a verifier key has no signer encoding");
        }
        return "PRIVATE+KEY+" + name + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(withAlg(seed));
    }

    /** The verifier-only half of this key. */
    public NoteKey verifierOnly() {
        return new NoteKey(name, publicKey, null);
    }

    private static byte[] withAlg(byte[] key) {
        byte[] out = new byte[33];
        out[0] = ALG_ED25519;
        System.arraycopy(key, 0, out, 1, 32);
        return out;
    }

    byte[] sign(byte[] message) {
        if (seed == null) {
            throw new IllegalStateException("key " + name + " is a verifier key and cannot sign");
        }
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] message, byte[] signature) {
        try {
            byte[] x509 = new byte[X509_ED25519_PREFIX.length + 32];
            System.arraycopy(X509_ED25519_PREFIX, 0, x509, 0, X509_ED25519_PREFIX.length);
            System.arraycopy(publicKey, 0, x509, X509_ED25519_PREFIX.length, 32);
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pub);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
