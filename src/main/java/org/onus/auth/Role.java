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
 *   <li>{@code governance}: the AI governance committee; keeps the registry (products, versions,
 *       authorizations, notices) and reads it, verifies the log, reads monitoring and responds
 *       to alerts.</li>
 *   <li>{@code integration}: the EHR side; records decisions, actions, outcomes and annotations,
 *       reads the registry and checks checkpoints and proofs, but reads nothing patient-linked.</li>
 *   <li>{@code investigator}: reads everything, patient-linked data included (each read is
 *       logged), appends notes, files incidents, records determinations and the filing of regulatory reports.</li>
 *   <li>{@code auditor}: reads the ledger, the registry, monitoring figures and incidents'
 *       regulatory reports, writes nothing.</li>
 *   <li>{@code vendor}: verifies the log and sees its own products' registry records, event
 *       streams (pseudonymized, patient content sealed) and monitoring figures; responds to the
 *       post-market signals sent to it; sees the regulatory reports of its own products'
 *       incidents and records the filing of those it owes as manufacturer.</li>
 *   <li>{@code metrics}: a Prometheus scraper; reads {@code /metrics} only (operator tenant).</li>
 * </ul>
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    GOVERNANCE(EnumSet.of(Permission.WRITE_REGISTRY, Permission.READ_REGISTRY, Permission.READ_PROOFS, Permission.READ_MONITORING,
            Permission.RESPOND_TO_ALERTS)),
    INTEGRATION(EnumSet.of(Permission.APPEND_ENTRIES, Permission.RECORD_EVENTS, Permission.READ_REGISTRY, Permission.READ_PROOFS)),
    INVESTIGATOR(EnumSet.of(Permission.READ_ENTRIES, Permission.READ_PROOFS, Permission.APPEND_ENTRIES, Permission.READ_REGISTRY,
            Permission.READ_PATIENT_DATA, Permission.READ_DEPLOYMENT_EVENTS, Permission.READ_MONITORING, Permission.READ_REPORTS,
            Permission.FILE_REPORTS, Permission.RECORD_INCIDENTS, Permission.READ_INCIDENTS)),
    AUDITOR(EnumSet.of(Permission.READ_ENTRIES, Permission.READ_PROOFS, Permission.READ_REGISTRY, Permission.READ_MONITORING,
            Permission.READ_REPORTS)),
    VENDOR(EnumSet.of(Permission.READ_PROOFS, Permission.READ_REGISTRY, Permission.READ_DEPLOYMENT_EVENTS, Permission.READ_MONITORING,
            Permission.RESPOND_TO_ALERTS, Permission.READ_REPORTS, Permission.FILE_REPORTS, Permission.READ_INCIDENTS)),
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
