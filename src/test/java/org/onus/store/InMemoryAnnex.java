package org.onus.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongSupplier;

/**
 * One tenant's annex and secrets for {@link InMemoryStore}: lookup keys, unique keys and blobs
 * written with an append, and named secrets. Rows are stored before the append publishes its
 * size and are hidden from readers until then, so that reads see committed data only. Writers
 * are serialized by the store's lock.
 */
final class InMemoryAnnex {

    private static final Comparator<Annex.Key> BY_TIME_THEN_INDEX =
            Comparator.comparingLong(Annex.Key::atMillis).thenComparingLong(Annex.Key::index);

    private record Blob(byte[] bytes, long visibleAtSize) {
    }

    private final LongSupplier committedSize;
    private final Map<String, ConcurrentSkipListSet<Annex.Key>> keys = new ConcurrentHashMap<>();
    private final Map<String, Annex.UniqueKey> unique = new ConcurrentHashMap<>();
    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    /** Values of destroyed secrets, so that a write in flight cannot bring one back. */
    private final java.util.Set<String> erased = ConcurrentHashMap.newKeySet();

    InMemoryAnnex(LongSupplier committedSize) {
        this.committedSize = committedSize;
    }

    /**
     * Refuses, before anything is written, an annex that points outside its append, takes a taken
     * key, or carries a secret that differs from the one stored (or carried first) under its name.
     */
    void check(Annex annex, long from, long to) {
        Set<String> claimed = new HashSet<>();
        for (Annex.Key k : annex.keys()) {
            checkInRange(k.index(), from, to);
        }
        for (Annex.Blob b : annex.blobs()) {
            checkInRange(b.index(), from, to);
        }
        for (Annex.UniqueKey u : annex.unique()) {
            checkInRange(u.index(), from, to);
            if (unique.containsKey(u.key()) || !claimed.add(u.key())) {
                throw new StoreException("the unique key " + u.key() + " is already taken; nothing was written");
            }
        }
        java.util.List<String> differing = new java.util.ArrayList<>();
        Map<String, byte[]> carried = new HashMap<>();
        for (Annex.Secret sec : annex.secrets()) {
            byte[] kept = secrets.get(sec.name());
            if (kept == null && !erased.contains(java.util.HexFormat.of().formatHex(sec.value()))) {
                kept = carried.putIfAbsent(sec.name(), sec.value());
            }
            if (kept != null && !java.util.Arrays.equals(kept, sec.value()) && !differing.contains(sec.name())) {
                differing.add(sec.name());
            }
        }
        if (!differing.isEmpty()) {
            throw new SecretConflictException(differing);
        }
    }

    private static void checkInRange(long index, long from, long to) {
        if (index < from || index >= to) {
            throw new StoreException("an annex row points at entry " + index + " outside this append's [" + from + ", " + to + ")");
        }
    }

    /** Writes a checked annex for an append that will make the log {@code newSize} long. */
    void write(Annex annex, long newSize) {
        for (Annex.Key k : annex.keys()) {
            keys.computeIfAbsent(k.kind() + "\u0000" + k.key(), x -> new ConcurrentSkipListSet<>(BY_TIME_THEN_INDEX)).add(k);
        }
        for (Annex.UniqueKey u : annex.unique()) {
            unique.put(u.key(), new Annex.UniqueKey(u.key(), u.index(), u.bodyDigest().clone()));
        }
        for (Annex.Blob b : annex.blobs()) {
            blobs.putIfAbsent(b.index() + "\u0000" + b.digest(), new Blob(b.bytes().clone(), newSize));
        }
        for (Annex.Secret sec : annex.secrets()) {
            if (erased.contains(java.util.HexFormat.of().formatHex(sec.value()))) {
                continue;
            }
            secrets.putIfAbsent(sec.name(), sec.value().clone());
        }
    }

    Map<String, Annex.UniqueKey> uniqueKeys(Collection<String> wanted) {
        long size = committedSize.getAsLong();
        Map<String, Annex.UniqueKey> out = new HashMap<>();
        for (String key : wanted) {
            Annex.UniqueKey u = unique.get(key);
            if (u != null && u.index() < size) {
                out.put(key, new Annex.UniqueKey(u.key(), u.index(), u.bodyDigest().clone()));
            }
        }
        return out;
    }

    List<Annex.Key> keyed(String kind, String key, long fromMillis, long toMillis, Annex.Key after, int limit) {
        long size = committedSize.getAsLong();
        List<Annex.Key> out = new ArrayList<>();
        for (Annex.Key k : keys.getOrDefault(kind + "\u0000" + key, new ConcurrentSkipListSet<>(BY_TIME_THEN_INDEX))) {
            if (out.size() >= limit) {
                break;
            }
            boolean afterCursor = after == null || BY_TIME_THEN_INDEX.compare(k, after) > 0;
            if (k.index() < size && k.atMillis() >= fromMillis && k.atMillis() < toMillis && afterCursor) {
                out.add(k);
            }
        }
        return out;
    }

    List<String> keysOfKind(String kind) {
        long size = committedSize.getAsLong();
        TreeSet<String> out = new TreeSet<>();
        keys.forEach((kindAndKey, rows) -> {
            int cut = kindAndKey.indexOf('\u0000');
            if (kindAndKey.substring(0, cut).equals(kind) && rows.stream().anyMatch(k -> k.index() < size)) {
                out.add(kindAndKey.substring(cut + 1));
            }
        });
        return new ArrayList<>(out);
    }

    Optional<byte[]> blob(long index, String digest) {
        Blob b = blobs.get(index + "\u0000" + digest);
        return b == null || b.visibleAtSize() > committedSize.getAsLong() ? Optional.empty() : Optional.of(b.bytes().clone());
    }

    void putSecret(String name, byte[] value) {
        if (secrets.putIfAbsent(name, value.clone()) != null) {
            throw new StoreException("a secret named " + name + " already exists");
        }
    }

    Optional<byte[]> secret(String name) {
        return Optional.ofNullable(secrets.get(name)).map(byte[]::clone);
    }

    boolean destroySecret(String name) {
        byte[] gone = secrets.remove(name);
        if (gone != null) {
            erased.add(java.util.HexFormat.of().formatHex(gone));
        }
        if (gone != null) {
            java.util.Arrays.fill(gone, (byte) 0);
        }
        return gone != null;
    }
}
