package org.onus.store;

/**
 * An API token as stored: only the SHA-256 of the secret is kept, never the secret itself.
 * {@code revokedAtMillis} is 0 while the token is valid.
 */
public record TokenRecord(byte[] secretHash, String id, long tenantId, String role, String label,
                          long createdAtMillis, long revokedAtMillis) {
    public boolean revoked() {
        return revokedAtMillis != 0;
    }
}
