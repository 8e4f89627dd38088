package org.onus.auth;

/**
 * A token just issued. The {@code secret} exists only here: the store keeps its SHA-256, so it
 * is shown to its holder once and can never be recovered.
 *
 * @param ledgerIndex index of the {@code token.issued} entry recording the issuance
 */
public record IssuedToken(String id, String secret, String tenant, Role role, String label, long ledgerIndex) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", tenant=" + tenant + ", role=" + role.wireName() + ", label=" + label + "]";
    }
}
