package org.onus.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.DrbgParameters;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography behind patient privacy, with the JDK's own primitives only:
 * <ul>
 *   <li>pseudonyms: HMAC-SHA-256 of the hospital's patient id under a per-tenant secret, so the
 *       same patient always maps to the same pseudonym within a tenant and to unrelated ones
 *       across tenants, and nobody without the secret can test a guess;</li>
 *   <li>payloads: AES-256-GCM under a per-patient key, with the tenant and pseudonym as
 *       associated data so a ciphertext cannot be replayed under another patient;</li>
 *   <li>patient keys at rest: wrapped (AES-256-GCM) under the tenant's master key, so a copy of
 *       the database alone reveals nothing.</li>
 * </ul>
 * Destroying a patient's wrapped key makes every ciphertext of that patient unreadable, while the
 * ledger, which holds only the ciphertexts' SHA-256 digests, still verifies (crypto-shredding).
 */
public final class PatientCrypto {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final byte[] pseudonymSecret;
    private final SecretKeySpec masterKey;
    private final String tenant;
    /**
     * Keys and nonces come from a DRBG per thread, each personalized once from the random given
     * to the constructor: one shared generator serializes every request thread on its lock (JFR:
     * 37 s blocked in 30 s of single-event ingest from 64 clients).
     */
    private final ThreadLocal<SecureRandom> random;
    /**
     * Per thread, because {@code Mac.getInstance} and {@code Cipher.getInstance} look the
     * algorithm up in the provider list and instantiate it reflectively on every call, which cost
     * more than the HMAC or the encryption of a short text itself. The HMAC is keyed once; a
     * cipher is re-initialized (key, fresh nonce) before every use.
     */
    private final ThreadLocal<Mac> hmac;
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    });

    public PatientCrypto(String tenant, byte[] pseudonymSecret, byte[] masterKey, SecureRandom random) {
        if (pseudonymSecret.length < 32 || masterKey.length != 32) {
            throw new IllegalArgumentException("need a pseudonym secret of at least 32 bytes and a 32-byte master key");
        }
        this.tenant = tenant;
        this.pseudonymSecret = pseudonymSecret.clone();
        this.masterKey = new SecretKeySpec(masterKey, "AES");
        this.random = ThreadLocal.withInitial(() -> {
            byte[] personalization = new byte[16];
            synchronized (random) {
                random.nextBytes(personalization);
            }
            try {
                return SecureRandom.getInstance("DRBG",
                        DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, personalization));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no DRBG SecureRandom", e);
            }
        });
        SecretKeySpec hmacKey = new SecretKeySpec(this.pseudonymSecret, "HmacSHA256");
        this.hmac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(hmacKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
            }
        });
    }

    /** The keyed pseudonym of a patient id: {@code pt-} and 24 base64url characters (144 bits). */
    public String pseudonym(String patientId) {
        byte[] h = hmac.get().doFinal(patientId.getBytes(StandardCharsets.UTF_8)); // doFinal leaves it ready for the next
        return "pt-" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 18));
    }

    public byte[] newPatientKey() {
        byte[] k = new byte[32];
        random.get().nextBytes(k);
        return k;
    }

    public byte[] wrap(String pseudonym, byte[] patientKey) {
        return seal(masterKey, patientKey, aad("key", pseudonym));
    }

    public byte[] unwrap(String pseudonym, byte[] wrapped) {
        return open(masterKey, wrapped, aad("key", pseudonym));
    }

    /** Encrypts a patient's payload: nonce ‖ ciphertext ‖ tag. */
    public byte[] encrypt(String pseudonym, byte[] patientKey, byte[] plaintext) {
        return seal(new SecretKeySpec(patientKey, "AES"), plaintext, aad("data", pseudonym));
    }

    public byte[] decrypt(String pseudonym, byte[] patientKey, byte[] sealed) {
        return open(new SecretKeySpec(patientKey, "AES"), sealed, aad("data", pseudonym));
    }

    /** {@code sha256:<hex>} of the bytes: what a ledger entry commits to instead of the ciphertext. */
    public static String digest(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(SHA256.get().digest(bytes));
    }

    private byte[] aad(String purpose, String pseudonym) {
        return ("onus/" + purpose + "/" + tenant + "/" + pseudonym).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] seal(SecretKeySpec key, byte[] plaintext, byte[] aad) {
        try {
            byte[] nonce = new byte[NONCE];
            random.get().nextBytes(nonce);
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] open(SecretKeySpec key, byte[] sealed, byte[] aad) {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new IllegalArgumentException("ciphertext too short");
        }
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(aad);
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ciphertext does not decrypt under this key: it was altered or belongs to another patient", e);
        }
    }
}
