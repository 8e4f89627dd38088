package org.onus.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a token is for. Each role is an explicit set of {@link Permission}s, always within the
 * token's own tenant.
 *
 * <ul>
 *   <li>{@code admin}: everything in its tenant, including issuing tokens (and metrics when the
 *       tenant is the operator tenant).</li>
 *   <li>{@code integration}: the EHR side; appends entries and checks checkpoints and proofs, but
 *       cannot read back what others recorded.</li>
 *   <li>{@code investigator}: reads the ledger and appends notes (annotation entries).</li>
 *   <li>{@code auditor}: reads the ledger, writes nothing.</li>
 *   <li>{@code vendor}: verifies the log (checkpoints, key, proofs), sees no entry content.</li>
 *   <li>{@code metrics}: a Prometheus scraper; reads {@code /metrics} only (operator tenant).</li>
 * </ul>
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    INTEGRATION(EnumSet.of(Permission.APPEND_ENTRIES, Permission.READ_PROOFS)),
    INVESTIGATOR(EnumSet.of(Permission.READ_ENTRIES, Permission.READ_PROOFS, Permission.APPEND_ENTRIES)),
    AUDITOR(EnumSet.of(Permission.READ_ENTRIES, Permission.READ_PROOFS)),
    VENDOR(EnumSet.of(Permission.READ_PROOFS)),
    METRICS(EnumSet.of(Permission.READ_METRICS));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission p) {
        return permissions.contains(p);
    }

    /** The name used in the API and in the store: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, ignoring case. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
