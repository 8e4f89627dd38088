package org.onus.store;

/** A tenant: one organisation's independent log. */
public record TenantRecord(long id, String name, long createdAtMillis) {
}
