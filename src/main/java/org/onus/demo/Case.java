package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.onus.demo.Governance.Deployment;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;
import org.onus.demo.Organisation.Unit;

/** One decision in the making: everything a product drew for it before it is written down. */
final class Case {

    final String id;
    final Site site;
    final Unit unit;
    final String system;
    final Instant time;
    String version;
    Patient patient;
    ObjectNode input;
    ObjectNode output;
    Clinician clinician;
    /** An input quality indicator lies outside the card's bounds. */
    boolean belowQuality;
    /** The system itself warned instead of answering as usual. */
    boolean flagged;
    /** The authorization record in force for the system at the site (it may not cover the unit). */
    Deployment deployment;
    Instant viewedAt;
    int actions;
    /** The decision fell inside the window and was written; nothing may refer to it otherwise. */
    boolean written;

    Case(String id, Site site, Unit unit, String system, String version, Instant time) {
        this.id = id;
        this.site = site;
        this.unit = unit;
        this.system = system;
        this.version = version;
        this.time = time;
    }

    String nextActionId() {
        return "act-" + id.substring(4) + "-" + (++actions);
    }
}
