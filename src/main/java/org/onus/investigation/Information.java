package org.onus.investigation;

import java.util.List;
import org.onus.validation.Fields;

/**
 * Information added to an incident after filing: more narrative, more linked decisions, a revised
 * severity or revised regulatory facts. Absent fields leave the incident as it was; the incident
 * as it now stands is the filing with every piece of information applied in ledger order.
 */
public record Information(String id, String narrative, List<String> decisions, Severity severity, Boolean death,
                          Boolean seriousInjury, Boolean publicHealthThreat, Boolean fundamentalRightsInfringement,
                          Boolean remedialAction, String reporter, Boolean unanticipatedDeterioration) {

    public Information {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    static Information read(Fields f) {
        String id = f.id("id", false);
        String narrative = f.optionalString("narrative");
        List<String> decisions = f.strings("decisions", false);
        Severity severity = Severity.read(f.object("severity", false));
        Boolean death = f.bool("death", false);
        Boolean serious = f.bool("seriousInjury", false);
        Boolean threat = f.bool("publicHealthThreat", false);
        Boolean rights = f.bool("fundamentalRightsInfringement", false);
        Boolean remedial = f.bool("remedialAction", false);
        Boolean unanticipated = f.bool("unanticipatedDeterioration", false);
        String reporter = f.id("reporter", true);
        f.end();
        if (narrative == null && decisions.isEmpty() && severity == null && death == null && serious == null && threat == null
                && rights == null && remedial == null && unanticipated == null && f.errors().isEmpty()) {
            f.errors().add(f.pointer(), "adds nothing: give narrative, decisions, severity or one of the regulatory facts");
        }
        return new Information(id, narrative, decisions, severity, death, serious, threat, rights, remedial, reporter, unanticipated);
    }
}
