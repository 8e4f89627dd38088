package org.onus.registry;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.onus.validation.Fields;

/**
 * What a manufacturer tells its customers after release about given versions: a recall, a field
 * safety notice, a corrective action (e.g. a software fix to apply), or a newly documented
 * limitation or precaution. {@code failureModes} are the codes of the faults it concerns, so
 * investigators can match a notice to a failure; {@code applyBy} is the deadline for the
 * corrective action, if it sets one.
 */
public record Notice(String id, String manufacturer, String system, List<String> versions, String kind, Instant issuedAt,
                     String summary, String correctiveAction, Instant applyBy, List<String> failureModes) {

    public static final Set<String> KINDS = Set.of("recall", "field-safety-notice", "corrective-action", "limitation", "precaution");

    public Notice {
        versions = versions == null ? List.of() : List.copyOf(versions);
        failureModes = failureModes == null ? List.of() : List.copyOf(failureModes);
    }

    public static Notice read(Fields f) {
        String id = f.id("id", true);
        String manufacturer = f.id("manufacturer", true);
        String system = f.id("system", true);
        List<String> versions = f.strings("versions", true);
        String kind = f.oneOf("kind", true, KINDS);
        Instant issued = f.instant("issuedAt", true, true);
        String summary = f.requiredString("summary");
        String action = f.optionalString("correctiveAction");
        Instant applyBy = f.instant("applyBy", false, false);
        List<String> modes = f.strings("failureModes", false);
        f.end();
        return new Notice(id, manufacturer, system, versions, kind, issued, summary, action, applyBy, modes);
    }

    /**
     * A deployer's receipt of a notice: when it arrived, and when the corrective action was
     * applied ({@code appliedAt} absent = not applied yet). Later receipts for the same notice and
     * deployer supersede earlier ones.
     */
    public record Receipt(String notice, String deployer, Instant receivedAt, Instant appliedAt, String note) {

        public static Receipt read(Fields f) {
            String notice = f.id("notice", true);
            String deployer = f.id("deployer", true);
            Instant received = f.instant("receivedAt", true, true);
            Instant applied = f.instant("appliedAt", false, true);
            if (received != null && applied != null && applied.isBefore(received)) {
                f.errors().add(f.at("appliedAt"), "must not be before receivedAt");
            }
            String note = f.optionalString("note");
            f.end();
            return new Receipt(notice, deployer, received, applied, note);
        }
    }
}
