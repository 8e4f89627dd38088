package org.onus.store;

/** A signed checkpoint as issued: tree size, root hash, the whole signed note, and when. */
public record CheckpointRecord(long size, byte[] root, String note, long createdAtMillis) {
}
