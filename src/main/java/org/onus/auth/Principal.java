package org.onus.auth;

/**
 * Who is making a request: a valid, unrevoked token, its tenant and its role. Every request acts
 * in {@link #tenant()} only.
 *
 * @param operatorTenant whether the token belongs to the operator tenant (the one created at
 *     bootstrap), the only tenant whose tokens may use process-wide permissions
 * @param party the registry party the token is bound to (a vendor token's manufacturer), or null
 */
public record Principal(String tokenId, long tenantId, String tenant, Role role, boolean operatorTenant, String party) {

    public boolean may(Permission p) {
        return role.grants(p) && (!p.processWide() || operatorTenant);
    }
}
