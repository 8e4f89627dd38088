package org.onus.investigation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onus.registry.AiSystem;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.LocalValidation;
import org.onus.registry.ModelCard;
import org.onus.registry.Notice;
import org.onus.registry.Party;

/**
 * One decision of an incident as it stood at its event time: the event as recorded (its latest
 * correction), what the registry held then (system, version and card, authorization, local
 * validation, as of the event time and as known when the investigation runs), the clinicians'
 * actions with each clinician's registry record as of the action, the outcomes, the notices
 * about the version with the site's receipts, and the deployment's observed performance up to
 * the incident. Every part carries the ledger index it came from, so a finding can cite it.
 */
public record DecisionFacts(
        String id,
        long index,
        Instant eventTime,
        String deployment,
        String site,
        String unit,
        String systemId,
        Registered<AiSystem> system,
        String reportedVersion,
        String reportedDigest,
        Registered<AiVersion> version,
        List<Registered<AiVersion>> versionsWithDigest,
        Registered<Authorization> authorization,
        List<Registered<Authorization>> authorizationsOfSystemAtSite,
        Registered<LocalValidation> localValidation,
        PatientFacts patient,
        InputFacts input,
        OutputFacts output,
        List<String> flags,
        List<ActionFacts> actions,
        List<OutcomeFacts> outcomes,
        Map<String, Registered<Party>> clinicians,
        List<NoticeFacts> notices,
        List<ObservedRate> performance) {

    public DecisionFacts {
        versionsWithDigest = List.copyOf(versionsWithDigest);
        authorizationsOfSystemAtSite = List.copyOf(authorizationsOfSystemAtSite);
        flags = List.copyOf(flags);
        actions = List.copyOf(actions);
        outcomes = List.copyOf(outcomes);
        clinicians = Map.copyOf(clinicians);
        notices = List.copyOf(notices);
        performance = List.copyOf(performance);
    }

    /** The patient attributes intended use depends on, as the decision reported them. */
    public record PatientFacts(String pseudonym, Double age, String sex, String careSetting, String indication,
                               Map<String, String> attributes) {
        public PatientFacts {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** What the AI was fed: modality, quality indicators, fields present (null: the event did not say). */
    public record InputFacts(String modality, Map<String, Double> quality, List<String> fieldsPresent) {
        public InputFacts {
            quality = quality == null ? Map.of() : Map.copyOf(quality);
            fieldsPresent = fieldsPresent == null ? List.of() : List.copyOf(fieldsPresent);
        }
    }

    /** What the AI answered; {@code flagged} says it warned instead of answering as usual. */
    public record OutputFacts(String kind, String label, Double score, boolean flagged, String flagReason, String deviceActionKind,
                              String deviceCode) {
    }

    /** One clinician action as recorded (its latest correction). */
    public record ActionFacts(String id, long index, String clinician, String kind, Instant time, Double editedShare) {
        /** Whether the clinician acted on the output (accepted or modified it) rather than viewing, overriding or ignoring it. */
        public boolean followed() {
            return kind.equals("accepted") || kind.equals("modified");
        }

        public boolean rejected() {
            return kind.equals("overridden") || kind.equals("ignored");
        }
    }

    /** One outcome as recorded: ground truth ({@code positive}) or a label, and any adverse event. */
    public record OutcomeFacts(String id, long index, Instant observedAt, Boolean positive, String label, String adverseEvent) {
    }

    /** A notice about the decision's version, and the site's receipt of it as known now (null: no receipt recorded). */
    public record NoticeFacts(Registered<Notice> notice, Registered<Notice.Receipt> receipt) {
    }

    /** The card of the version in force at the event, if the version is registered. */
    public Optional<ModelCard> card() {
        return version == null ? Optional.empty() : Optional.ofNullable(version.record().card());
    }

    /** The authorization in force at the event (not revoked), if any. */
    public Optional<Authorization> auth() {
        return authorization == null ? Optional.empty() : Optional.of(authorization.record());
    }

    /** The first action that acted on the output (accepted or modified), if any. */
    public Optional<ActionFacts> actingAction() {
        return actions.stream().filter(ActionFacts::followed).findFirst();
    }

    /** The clinician's decisive action: the first that followed or rejected the output. */
    public Optional<ActionFacts> decisiveAction() {
        return actions.stream().filter(a -> a.followed() || a.rejected()).findFirst();
    }

    /** The manufacturer of the system, if it is registered. */
    public Optional<String> manufacturer() {
        return system == null ? Optional.empty() : Optional.of(system.record().manufacturer());
    }

    /** The observed rate of {@code metric} at the deployment, if any outcomes were observed for it. */
    public Optional<ObservedRate> observed(String metric) {
        return performance.stream().filter(r -> r.metric().equals(metric)).findFirst();
    }
}
