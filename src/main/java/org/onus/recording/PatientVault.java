package org.onus.recording;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onus.ledger.TenantLog;
import org.onus.store.Annex;
import org.onus.store.SecretConflictException;

/**
 * One tenant's patient privacy: pseudonyms, per-patient keys (wrapped and kept in the store) and
 * the sealing of patient-linked text and payloads. A sealed value is stored as a blob under its
 * digest and the ledger entry holds only {@code {"sealed": "sha256:…"}}, so destroying the
 * patient's key (crypto-shredding) leaves every entry, and so every proof, intact.
 */
public final class PatientVault {

    private final TenantLog log;
    private final PatientCrypto crypto;
    /**
     * Patient keys in use. A new patient's key is made here and reaches the store in the same
     * transaction as the first entry sealed under it (see {@link #unsavedKey}); until that is
     * confirmed it stays in memory, so every concurrent writer seals with the same key. If another
     * node committed a key for the same patient first, the store refuses the entry and the unsaved
     * key is dropped ({@link #refused}): the write is redone under the stored key.
     *
     * <p>A concurrent map, not a synchronized LRU map: every sealed value looks its patient's key
     * up, and with 64 request threads on 2 cores one lock taken several times per event made
     * threads queue behind a holder that had lost its CPU (JFR: over 100 ms blocked per request).
     * Past the bound, saved keys are dropped in the map's order rather than least recently used
     * first; a dropped key costs one store read when its patient comes back.
     */
    private final Map<String, Held> keyCache = new ConcurrentHashMap<>(1024);

    /**
     * Patient keys kept in memory once saved: about 200 bytes each, so 20 MB per tenant at most.
     * A patient not held here costs a store read before anything is sealed for them; the bound
     * is meant to cover a hospital's patients under active care (at 10,000, a ward population of
     * 20,000 patients made every second event read the store).
     */
    static final int MAX_CACHED_KEYS = 100_000;

    private static final class Held {
        final byte[] key;
        volatile boolean saved;
        /** The key wrapped for the store, made once (under this object's lock) while it is unsaved. */
        byte[] wrapped;

        Held(byte[] key, boolean saved) {
            this.key = key;
            this.saved = saved;
        }
    }

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

    /** The patient's key: from memory, else from the store, else a new one (not yet saved). */
    private byte[] keyFor(String pseudonym) {
        return held(pseudonym).key;
    }

    private Held held(String pseudonym) {
        Held h = keyCache.get(pseudonym);
        if (h != null) {
            return h;
        }
        byte[] stored = log.secret(secretName(pseudonym)).map(w -> crypto.unwrap(pseudonym, w)).orElse(null);
        Held made = stored != null ? new Held(stored, true) : new Held(crypto.newPatientKey(), false);
        h = keyCache.putIfAbsent(pseudonym, made);
        if (h == null) {
            h = made;
            if (keyCache.size() > MAX_CACHED_KEYS) {
                trim();
            }
        }
        return h;
    }

    /** Drops saved keys until the cache is a tenth below its bound; unsaved ones must stay. */
    private void trim() {
        int excess = keyCache.size() - MAX_CACHED_KEYS * 9 / 10;
        for (var it = keyCache.entrySet().iterator(); it.hasNext() && excess > 0; ) {
            if (it.next().getValue().saved) {
                it.remove();
                excess--;
            }
        }
    }

    /**
     * The wrapped key to store with an entry sealed for this patient, if it has not been saved
     * yet; the store keeps the first and ignores repeats.
     */
    public java.util.Optional<Annex.Secret> unsavedKey(String pseudonym) {
        Held h = keyCache.get(pseudonym);
        if (h == null || h.saved) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Annex.Secret(secretName(pseudonym), wrapped(pseudonym, h)));
    }

    /** Notes that entries carrying these patients' keys were committed. */
    public void saved(java.util.Collection<String> pseudonyms) {
        for (String p : pseudonyms) {
            Held h = keyCache.get(p);
            if (h != null) {
                h.saved = true;
            }
        }
    }

    /**
     * One write's sealing: each patient's key is taken once and used for all that write seals for
     * them, so the key it carries to the store ({@link #unsavedKey}) is the key it sealed under,
     * even if another write meanwhile saves, or drops, the patient's key.
     */
    public final class Sealing {
        private final Map<String, Held> used = new java.util.HashMap<>();
        private final java.util.List<Held> carried = new java.util.ArrayList<>();

        /** Encrypts text for the patient under the key this write uses for them. */
        public Annex.Blob seal(String pseudonym, String plaintext) {
            Held h = used.computeIfAbsent(pseudonym, PatientVault.this::held);
            byte[] sealed = crypto.encrypt(pseudonym, h.key, plaintext.getBytes(StandardCharsets.UTF_8));
            return new Annex.Blob(PatientCrypto.digest(sealed), sealed);
        }

        /** The wrapped key to commit with this write's entry for the patient, if it is not saved yet. */
        public Optional<Annex.Secret> unsavedKey(String pseudonym) {
            Held h = used.get(pseudonym);
            if (h == null || h.saved) {
                return Optional.empty();
            }
            carried.add(h);
            return Optional.of(new Annex.Secret(secretName(pseudonym), wrapped(pseudonym, h)));
        }

        /** Notes that this write was committed, and with it the keys it carried. */
        public void saved() {
            carried.forEach(h -> h.saved = true);
        }
    }

    /** A fresh sealing for one write (a request, a batch). */
    public Sealing sealing() {
        return new Sealing();
    }

    /**
     * The store refused a write because it keeps other keys under these names: another node made
     * them first. Drops this node's unsaved keys of those patients, so that the write, redone,
     * seals under the stored ones.
     */
    public void refused(SecretConflictException e) {
        for (String name : e.names()) {
            if (name.startsWith("patient-key/")) {
                keyCache.computeIfPresent(name.substring("patient-key/".length()), (p, h) -> h.saved ? h : null);
            }
        }
    }

    private byte[] wrapped(String pseudonym, Held h) {
        synchronized (h) {
            if (h.wrapped == null) {
                h.wrapped = crypto.wrap(pseudonym, h.key);
            }
            return h.wrapped;
        }
    }

    /** Encrypts text for the patient; returns the blob to store and its digest. */
    public Annex.Blob seal(String pseudonym, String plaintext) {
        byte[] sealed = crypto.encrypt(pseudonym, keyFor(pseudonym), plaintext.getBytes(StandardCharsets.UTF_8));
        return new Annex.Blob(PatientCrypto.digest(sealed), sealed);
    }

    /**
     * The plaintext behind a sealed digest of entry {@code index}, or empty if the patient's key was destroyed (or the
     * blob is gone). Never throws for erased data: erased is an expected state.
     */
    public Optional<String> open(String pseudonym, long index, String digest) {
        Optional<byte[]> wrapped = log.secret(secretName(pseudonym));
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> blob = log.blob(index, digest);
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
        keyCache.remove(pseudonym);
        return log.destroySecret(secretName(pseudonym));
    }
}
