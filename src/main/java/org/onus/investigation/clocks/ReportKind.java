package org.onus.investigation.clocks;

/**
 * Every report the clocks know, with its regime, who owes it and to whom. Its JSON word is the
 * lower-case, hyphenated name: {@code user-facility-death-to-fda}.
 */
public enum ReportKind {
    /** MDR Art. 87(1)(a): the manufacturer reports a serious incident to the competent authority. */
    SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY(Regime.EU_MDR, Reporter.MANUFACTURER, Recipient.NATIONAL_COMPETENT_AUTHORITY,
            "Serious incident report"),
    /** AI Act Art. 73(1): the provider of a high-risk AI system reports a serious incident. */
    SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE(Regime.EU_AI_ACT, Reporter.MANUFACTURER, Recipient.MARKET_SURVEILLANCE_AUTHORITY,
            "Serious incident report"),
    /** AI Act Art. 73(10): for device AI, only infringements of fundamental rights, to the authority the member state chose. */
    FUNDAMENTAL_RIGHTS_INFRINGEMENT(Regime.EU_AI_ACT, Reporter.MANUFACTURER, Recipient.NATIONAL_COMPETENT_AUTHORITY,
            "Fundamental-rights infringement report"),
    /** AI Act Art. 26(5): the deployer informs first the provider, immediately ... */
    DEPLOYER_INFORMS_PROVIDER(Regime.EU_AI_ACT, Reporter.DEPLOYER, Recipient.PROVIDER,
            "Deployer's notice of a serious incident"),
    /** ... then the importer or distributor and the market surveillance authorities (Art. 26(5)). */
    DEPLOYER_INFORMS_MARKET_SURVEILLANCE(Regime.EU_AI_ACT, Reporter.DEPLOYER, Recipient.MARKET_SURVEILLANCE_AUTHORITY,
            "Deployer's notice of a serious incident"),
    /** 21 CFR 803.30(a)(1): a user facility reports a death to FDA. */
    USER_FACILITY_DEATH_TO_FDA(Regime.US_FDA_803, Reporter.USER_FACILITY, Recipient.FDA, "User facility report of a death"),
    /** 21 CFR 803.30(a)(1): ... and to the manufacturer, if known. */
    USER_FACILITY_DEATH_TO_MANUFACTURER(Regime.US_FDA_803, Reporter.USER_FACILITY, Recipient.MANUFACTURER,
            "User facility report of a death"),
    /** 21 CFR 803.30(a)(2): a user facility reports a serious injury to the manufacturer. */
    USER_FACILITY_SERIOUS_INJURY_TO_MANUFACTURER(Regime.US_FDA_803, Reporter.USER_FACILITY, Recipient.MANUFACTURER,
            "User facility report of a serious injury"),
    /** 21 CFR 803.50(a): the manufacturer's 30-day report. */
    MANUFACTURER_30_DAY(Regime.US_FDA_803, Reporter.MANUFACTURER, Recipient.FDA, "Manufacturer's 30-day report"),
    /** 21 CFR 803.53(a): the manufacturer's 5-day report, where remedial action is needed. */
    MANUFACTURER_5_DAY(Regime.US_FDA_803, Reporter.MANUFACTURER, Recipient.FDA, "Manufacturer's 5-day report");

    private final Regime regime;
    private final Reporter reporter;
    private final Recipient recipient;
    private final String title;

    ReportKind(Regime regime, Reporter reporter, Recipient recipient, String title) {
        this.regime = regime;
        this.reporter = reporter;
        this.recipient = recipient;
        this.title = title;
    }

    public Regime regime() {
        return regime;
    }

    public Reporter reporter() {
        return reporter;
    }

    public Recipient recipient() {
        return recipient;
    }

    public String title() {
        return title;
    }
}
