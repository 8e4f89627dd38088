package org.onus.investigation.clocks;

import java.time.Instant;

/**
 * A report as filed, as the ledger holds it ({@code report.filing} entries): which report of
 * which incident, when it was filed, the recipient's reference number, who filed it, and whether
 * it was the initial report or a follow-up: an initial report may be incomplete and completed
 * later (MDR Art. 87(6), AI Act Art. 73(5)); 21 CFR 803.56 calls them supplemental reports.
 *
 * @param index the ledger index of the entry
 * @param recordedAt when Onus recorded the filing (as opposed to when it was filed)
 */
public record Filing(String incident, ReportKind kind, Stage stage, Instant filedAt, String reference, String by,
                     long index, Instant recordedAt) {

    /** Initial report or follow-up. JSON words: {@code initial}, {@code follow-up}. */
    public enum Stage { INITIAL, FOLLOW_UP }

    public Regime regime() {
        return kind.regime();
    }
}
