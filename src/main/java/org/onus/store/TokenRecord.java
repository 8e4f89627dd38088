package org.onus.store;

/**
 * An API token as stored: only the SHA-256 of the secret is kept, never the secret itself.
 * {@code revokedAtMillis} is 0 while the token is valid. {@code party} binds a token to a
 * registry party, e.g. a vendor token to its manufacturer; null when the role needs none.
 */
public record TokenRecord(byte[] secretHash, String id, long tenantId, String role, String label,
                          long createdAtMillis, long revokedAtMillis, String party) {

    public TokenRecord(byte[] secretHash, String id, long tenantId, String role, String label,
                       long createdAtMillis, long revokedAtMillis) {
        this(secretHash, id, tenantId, role, label, createdAtMillis, revokedAtMillis, null);
    }

    public boolean revoked() {
        return revokedAtMillis != 0;
    }
}
