package org.onus.investigation;

/** The links of the value chain along which an error can enter, in the order a case is told. */
public enum Link {
    DESIGN, DATA, DEPLOYMENT, USE, MONITORING, REPORTING;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
