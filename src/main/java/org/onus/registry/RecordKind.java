package org.onus.registry;

import java.util.Optional;

/**
 * The kinds of registry record, each with its ledger entry type and its path segment in the API.
 * A registry record has an id; its revisions are entries of the same kind and id, and the one
 * in force at a time is chosen by {@link Registry}.
 */
public enum RecordKind {
    PARTY("registry.party", "parties"),
    AI_SYSTEM("registry.ai-system", "ai-systems"),
    VERSION("registry.version", "versions"),
    AUTHORIZATION("registry.authorization", "authorizations"),
    LOCAL_VALIDATION("registry.local-validation", "local-validations"),
    NOTICE("registry.notice", "notices"),
    NOTICE_RECEIPT("registry.notice-receipt", "notice-receipts");

    private final String entryType;
    private final String path;

    RecordKind(String entryType, String path) {
        this.entryType = entryType;
        this.path = path;
    }

    public String entryType() {
        return entryType;
    }

    public String path() {
        return path;
    }

    public static Optional<RecordKind> ofEntryType(String type) {
        for (RecordKind k : values()) {
            if (k.entryType.equals(type)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public static Optional<RecordKind> ofPath(String path) {
        for (RecordKind k : values()) {
            if (k.path.equals(path)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
