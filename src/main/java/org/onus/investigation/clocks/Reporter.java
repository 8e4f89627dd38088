package org.onus.investigation.clocks;

/** Who owes a report. */
public enum Reporter {
    /** The deploying site (AI Act "deployer"). */
    DEPLOYER,
    /** The deploying site as a device user facility (21 CFR 803.3): a hospital, nursing home, outpatient facility. */
    USER_FACILITY,
    /** The manufacturer (AI Act "provider"), directly or through its authorised representative. */
    MANUFACTURER
}
