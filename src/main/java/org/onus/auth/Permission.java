package org.onus.auth;

/**
 * One thing a token may do. Every HTTP route names exactly one permission; a {@link Role} is a
 * fixed set of them, so what a role may do is read here and nowhere else.
 */
public enum Permission {
    /** Append annotation entries to the tenant's log. */
    APPEND_ENTRIES(false),
    /** Read entries (their content) of the tenant's log. */
    READ_ENTRIES(false),
    /** Read checkpoints, the verifier key and proofs: enough to verify, nothing of the content. */
    READ_PROOFS(false),
    /** Record registry revisions: parties, AI systems and versions, authorizations, notices. */
    WRITE_REGISTRY(false),
    /** Read the registry (a vendor token: only its own products and their authorizations). */
    READ_REGISTRY(false),
    /** Record decision events, clinician actions and outcomes. */
    RECORD_EVENTS(false),
    /** Read patient-linked records: a patient's timeline, a decision's chain. Every such read is logged. */
    READ_PATIENT_DATA(false),
    /** Read a deployment's event stream (pseudonymized; a vendor token: only its own products, sealed). Logged. */
    READ_DEPLOYMENT_EVENTS(false),
    /**
     * Read incidents, their reconstruction, investigation, evidence bundle and report. Every such
     * read is logged. A vendor token: only incidents that link decisions of its own products,
     * pseudonymized and restricted to those products; any other incident is not found.
     */
    READ_INCIDENTS(false),
    /** File incidents, add information, record investigators' determinations, close incidents. */
    RECORD_INCIDENTS(false),
    /** Erase a patient's personal data (crypto-shredding). */
    ERASE_PATIENT_DATA(false),
    /** Read monitoring figures and alerts (aggregate, not patient-linked; a vendor token: only its own products). */
    READ_MONITORING(false),
    /** Acknowledge alerts and record the action taken (a vendor token: only post-market signals sent to it). */
    RESPOND_TO_ALERTS(false),
    /** Read an incident's regulatory reports: what is owed, by when, and what was filed (a vendor token: its own products only). */
    READ_REPORTS(false),
    /** Record the filing of a regulatory report or its follow-up (a vendor token: the manufacturer's reports of its own products). */
    FILE_REPORTS(false),
    /** Issue new tokens in the tenant. */
    ISSUE_TOKENS(false),
    /**
     * Read the process's metrics. They describe every tenant (log sizes by tenant name), so this
     * permission is honoured only for tokens of the operator tenant; see {@link Principal#may}.
     */
    READ_METRICS(true),
    /**
     * Create tenants (hospital organisations), each with its own log, keys and first admin token.
     * Honoured only for tokens of the operator tenant.
     */
    CREATE_TENANTS(true);

    private final boolean processWide;

    Permission(boolean processWide) {
        this.processWide = processWide;
    }

    /** Whether it concerns the whole process rather than one tenant. */
    public boolean processWide() {
        return processWide;
    }
}
