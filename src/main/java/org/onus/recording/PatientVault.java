package org.onus.recording;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.onus.ledger.TenantLog;
import org.onus.store.Annex;
import org.onus.store.StoreException;

/**
 * One tenant's patient privacy: pseudonyms, per-patient keys (wrapped and kept in the store) and
 * the sealing of patient-linked text and payloads. A sealed value is stored as a blob under its
 * digest and the ledger entry holds only {@code {"sealed": "sha256:…"}}, so destroying the
 * patient's key (crypto-shredding) leaves every entry, and so every proof, intact.
 */
public final class PatientVault {

    private final TenantLog log;
    private final PatientCrypto crypto;
    private final Map<String, byte[]> keyCache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > 10_000;
        }
    };

    public PatientVault(TenantLog log, PatientCrypto crypto) {
        this.log = log;
        this.crypto = crypto;
    }

    public String pseudonym(String patientId) {
        return crypto.pseudonym(patientId);
    }

    private static String secretName(String pseudonym) {
        return "patient-key/" + pseudonym;
    }

    /** The patient's key, created (and durably stored) on first use. */
    private byte[] keyFor(String pseudonym) {
        synchronized (keyCache) {
            byte[] k = keyCache.get(pseudonym);
            if (k != null) {
                return k;
            }
        }
        byte[] key = log.secret(secretName(pseudonym)).map(w -> crypto.unwrap(pseudonym, w)).orElse(null);
        if (key == null) {
            byte[] fresh = crypto.newPatientKey();
            try {
                log.putSecret(secretName(pseudonym), crypto.wrap(pseudonym, fresh));
                key = fresh;
            } catch (StoreException raced) {
                key = log.secret(secretName(pseudonym)).map(w -> crypto.unwrap(pseudonym, w))
                        .orElseThrow(() -> raced);
            }
        }
        synchronized (keyCache) {
            keyCache.put(pseudonym, key);
        }
        return key;
    }

    /** Encrypts text for the patient; returns the blob to store and its digest. */
    public Annex.Blob seal(String pseudonym, String plaintext) {
        byte[] sealed = crypto.encrypt(pseudonym, keyFor(pseudonym), plaintext.getBytes(StandardCharsets.UTF_8));
        return new Annex.Blob(PatientCrypto.digest(sealed), sealed);
    }

    /**
     * The plaintext behind a sealed digest, or empty if the patient's key was destroyed (or the
     * blob is gone). Never throws for erased data: erased is an expected state.
     */
    public Optional<String> open(String pseudonym, String digest) {
        Optional<byte[]> wrapped = log.secret(secretName(pseudonym));
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> blob = log.blob(digest);
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] key = crypto.unwrap(pseudonym, wrapped.get());
            return Optional.of(new String(crypto.decrypt(pseudonym, key, blob.get()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException sealedUnderAnErasedKey) {
            // data from before an erasure stays unreadable even if the patient has a new key since
            return Optional.empty();
        }
    }

    /** Destroys the patient's key; returns whether there was one. */
    public boolean erase(String pseudonym) {
        synchronized (keyCache) {
            keyCache.remove(pseudonym);
        }
        return log.destroySecret(secretName(pseudonym));
    }
}
