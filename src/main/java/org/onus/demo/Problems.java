package org.onus.demo;

/**
 * The codes of the problems planted in the demo hospital, declared in the order the summary
 * lists them, each with the registry objects it concerns.
 */
final class Problems {

    static final String WIDER_THAN_CARD = "authorization-wider-than-card";
    static final String MISSING_LOCAL_VALIDATION = "authorization-without-required-local-validation";
    static final String MISSING_PRECAUTION = "authorization-missing-card-precaution";
    static final String AMENDED = "authorization-amended";
    static final String OUTSIDE_AUTHORIZATION = "outside-authorized-population";
    static final String UNAUTHORIZED_UNIT = "unauthorized-unit";
    static final String UNREGISTERED_VERSION = "unregistered-version";
    static final String REVIEW_TOO_FAST = "review-faster-than-minimum";
    static final String QUALITY_UNFLAGGED = "input-quality-below-threshold-unflagged";
    static final String TRAINING_EXPIRED = "training-expired";
    static final String TRAINING_MISSING = "training-missing";
    static final String SENSITIVITY_DRIFT = "sensitivity-drift";
    static final String NOTICE_APPLIED_LATE = "notice-applied-late";
    static final String NOTICE_NOT_APPLIED = "notice-not-applied";
    static final String UNVALIDATED_SUBGROUP = "unvalidated-subgroup";
    static final String OVERRIDE_RATE_RISING = "override-rate-rising";

    private Problems() {
    }

    static void declareAll(Planted p) {
        p.declare(WIDER_THAN_CARD, "sentinel-srs authorized at Lakeshore for every ED visit while its card covers adults only; "
                + "the decisions are adolescents scored inside the authorization but outside the card", Governance.WIDER);
        p.declare(MISSING_LOCAL_VALIDATION, "the card of sentinel-srs requires a local validation; the Lakeshore authorization "
                + "cites none", Governance.WIDER);
        p.declare(MISSING_PRECAUTION, "the surgenix-orion card requires proctoring of each surgeon's first cases; the Lakeshore "
                + "authorization leaves it out", Governance.MISSING_PRECAUTION);
        p.declare(AMENDED, "the Köln mammography authorization was amended on day " + Governance.AMENDMENT_DAY + ": version 3.2.0 "
                + "and the Mammobil unit added, thresholds tightened", Governance.AMENDED);
        p.declare(OUTSIDE_AUTHORIZATION, "patients outside the authorization's population (and the card's): adolescents scored "
                + "in the Köln ED, women with breast implants or under 40 read with AI", "auth-koeln-srs", "auth-koeln-lumina",
                "auth-lakeshore-lumina");
        p.declare(UNAUTHORIZED_UNIT, "scribewell-ambient used on the Köln ICU, a unit no authorization covers", "koeln-icu");
        p.declare(UNREGISTERED_VERSION, "the scribe reported version " + Catalogue.SILENT_SCRIBE_VERSION + " with an unregistered "
                        + "artifact digest for four days (a silent update)",
                Catalogue.SCRIBE + "@" + Catalogue.SILENT_SCRIBE_VERSION, Catalogue.digest(Catalogue.SCRIBE, Catalogue.SILENT_SCRIBE_VERSION));
        p.declare(REVIEW_TOO_FAST, "outputs accepted sooner after being viewed than the authorization's minimum review time; "
                + "concentrated in the Lakeshore ED, where scribe drafts are signed unedited within seconds", "lakeshore-ed");
        p.declare(QUALITY_UNFLAGGED, "mammograms below the card's positioning threshold that lumina-mammo 3.2.0 scored as usual "
                + "instead of flagging", Catalogue.MAMMO + "@3.2.0");
        p.declare(TRAINING_EXPIRED, "clinicians acting on outputs after their training on that system expired");
        p.declare(TRAINING_MISSING, "clinicians acting on outputs without any training on that system");
        p.declare(SENSITIVITY_DRIFT, "lumina-mammo 3.2.0 loses sensitivity at Lakeshore from day 60 (detector firmware VX-9.2 "
                        + "lowers image SNR); the decisions are the cancers it missed there",
                Catalogue.MAMMO + "@3.2.0", Organisation.LAKESHORE, "lakeshore-breast-imaging");
        p.declare(NOTICE_APPLIED_LATE, "Lakeshore applied the robot instrument field safety notice on day "
                        + Governance.FSN_APPLIED_LAKESHORE_DAY + ", after its apply-by day " + Governance.FSN_APPLY_BY_DAY
                        + "; the decisions are E-402 insulation faults in between", Governance.FSN, Organisation.LAKESHORE);
        p.declare(NOTICE_NOT_APPLIED, "Lakeshore received the mammography limitation notice and never applied its corrective "
                + "action", Governance.LIMITATION_NOTICE, Organisation.LAKESHORE);
        p.declare(UNVALIDATED_SUBGROUP, "Spanish-language encounters drafted by the scribe at Lakeshore: the card validates "
                + "English and German only", Catalogue.SCRIBE, "encounterLanguage=es");
        p.declare(OVERRIDE_RATE_RISING, "Köln ED physicians override more and more sentinel-srs alerts after day 45 (alert "
                + "fatigue), crossing the authorization's override-rate threshold; the decisions are the overrides since then",
                "auth-koeln-srs", "koeln-ed");
    }
}
