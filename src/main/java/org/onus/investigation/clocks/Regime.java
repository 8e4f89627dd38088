package org.onus.investigation.clocks;

/** A body of reporting law. Its JSON word is the lower-case, hyphenated name: {@code eu-mdr}. */
public enum Regime {
    /** EU medical-device vigilance: Regulation (EU) 2017/745, Articles 87 to 92. */
    EU_MDR("Regulation (EU) 2017/745 (MDR)"),
    /** The EU Artificial Intelligence Act: Regulation (EU) 2024/1689, Articles 26 and 73. */
    EU_AI_ACT("Regulation (EU) 2024/1689 (AI Act)"),
    /** US FDA medical device reporting: 21 CFR Part 803. */
    US_FDA_803("21 CFR Part 803 (FDA medical device reporting)");

    private final String law;

    Regime(String law) {
        this.law = law;
    }

    public String law() {
        return law;
    }
}
