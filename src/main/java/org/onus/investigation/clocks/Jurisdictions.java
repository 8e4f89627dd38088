package org.onus.investigation.clocks;

import java.util.Set;

/**
 * Which jurisdiction codes the EU regimes cover. Codes are ISO 3166-1 alpha-2 as
 * {@code Party.jurisdiction} holds them, or "EU" for a party that names only the Union.
 */
public final class Jurisdictions {

    /** The 27 member states; Greece is GR in ISO 3166-1 and EL in EU usage, so both are here. */
    public static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    /**
     * The EEA states outside the Union. The MDR applies there through the EEA Agreement; the AI
     * Act is marked "text with EEA relevance" but its incorporation is a separate EEA decision,
     * so the AI Act clocks are not applied to them.
     */
    public static final Set<String> EEA_NON_EU = Set.of("IS", "LI", "NO");

    public static final String US = "US";
    public static final String EU = "EU";

    private Jurisdictions() {
    }

    public static boolean inEu(String code) {
        return code != null && (EU.equals(code) || EU_MEMBER_STATES.contains(code));
    }

    /** Where EU medical-device vigilance applies: the Union and the rest of the EEA. */
    public static boolean mdrApplies(String code) {
        return inEu(code) || (code != null && EEA_NON_EU.contains(code));
    }

    public static boolean inUs(String code) {
        return US.equals(code);
    }
}
