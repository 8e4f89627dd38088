package org.onus.investigation;

/**
 * What a rule answers about a party. Accusing rules answer the first three. A rule whose answer
 * clears a party (a documented limitation, performance within the claim) answers
 * {@link #NOT_APPLICABLE} when its premise does not hold: it then speaks neither for nor against
 * anyone, and says why.
 */
public enum Verdict {
    IMPLICATED, NOT_IMPLICATED, UNDETERMINED, NOT_APPLICABLE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
