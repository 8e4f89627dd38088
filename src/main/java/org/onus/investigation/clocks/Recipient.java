package org.onus.investigation.clocks;

/** To whom a report goes. */
public enum Recipient {
    /** The US Food and Drug Administration. */
    FDA,
    /** The device's manufacturer. */
    MANUFACTURER,
    /** The AI system's provider (AI Act Art. 3(3)): for a device, its manufacturer. */
    PROVIDER,
    /** The competent authority for medical devices of the member state where the incident occurred. */
    NATIONAL_COMPETENT_AUTHORITY,
    /** The market surveillance authority of the member state where the incident occurred (AI Act Art. 73(1)). */
    MARKET_SURVEILLANCE_AUTHORITY
}
