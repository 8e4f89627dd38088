package org.onus.investigation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.onus.registry.AiSystem;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.LocalValidation;
import org.onus.registry.ModelCard;
import org.onus.registry.Notice;
import org.onus.registry.Party;
import org.onus.registry.PerformanceClaim;
import org.onus.registry.Population;

/**
 * The facts of one incident, built in memory for the rule tables: by default an in-scope,
 * authorized, validated sepsis score (acme's {@code sepsis 1.0}, adults in emergency care) used
 * at St Mary's emergency department on a 54-year-old, reviewed and accepted by the trained
 * {@code dr-lee} after 45 seconds; every field can be changed before {@link #build()}.
 * Ledger indexes are fixed so that tests can name the evidence: system 1, version 2,
 * authorization 3, clinician 4, local validation 5, decision 10, view 11, acceptance 12,
 * outcome 13, incident 20, determinations from 30, notices from 40, alerts from 50.
 */
public final class CaseBuilder {

    public static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    public static final String DIGEST = "sha256:" + "a".repeat(64);

    public AiSystem system = new AiSystem("sepsis", "Sepsis Watch", "acme", true, "high", "IIa", List.of(), Map.of());
    public boolean systemRegistered = true;
    public String reportedVersion = "1.0";
    public String reportedDigest = DIGEST;
    public boolean versionRegistered = true;
    public String registeredDigest = DIGEST;
    public Population cardPopulation = new Population(18.0, null, List.of(), List.of("emergency"), List.of());
    public ModelCard.InputRequirements inputs = new ModelCard.InputRequirements(null, List.of(),
            List.of(new ModelCard.QualityThreshold("completeness", 0.8, null)));
    public ModelCard.Output outputSpec = new ModelCard.Output("score", List.of(), 0.6, null);
    public List<PerformanceClaim> overall = new ArrayList<>(List.of(
            new PerformanceClaim("sensitivity", 0.85, 0.80, 0.89, 400L),
            new PerformanceClaim("specificity", 0.90, 0.87, 0.93, 600L)));
    public List<ModelCard.Subgroup> subgroups = new ArrayList<>();
    public List<ModelCard.Limitation> limitations = new ArrayList<>();
    public List<ModelCard.Precaution> precautions = new ArrayList<>(List.of(new ModelCard.Precaution("user-training", "vendor onboarding")));
    public Boolean localValidationRequired = null;

    public boolean authorized = true;
    public boolean everAuthorized = true;
    public boolean revoked = false;
    public List<String> authorizedVersions = List.of("1.0");
    public List<String> units = List.of("ed");
    public Population authPopulation = null;
    public Authorization.Oversight oversight = new Authorization.Oversight(true, 30.0, 24.0);
    public List<String> requiredTraining = List.of("onboarding");
    public List<String> authPrecautions = List.of();
    public Instant validFrom = Instant.parse("2026-02-01T00:00:00Z");
    public Instant validUntil = Instant.parse("2027-02-01T00:00:00Z");
    public String localValidationId = null;
    public LocalValidation localValidation = null;

    public Double age = 54.0;
    public String sex = "female";
    public String careSetting = "emergency";
    public Map<String, String> attributes = new TreeMap<>();
    public DecisionFacts.InputFacts input = new DecisionFacts.InputFacts(null, Map.of("completeness", 0.95), List.of());
    public DecisionFacts.OutputFacts output = new DecisionFacts.OutputFacts("score", null, 0.82, false, null, null, null);
    public List<DecisionFacts.ActionFacts> actions = new ArrayList<>(List.of(
            new DecisionFacts.ActionFacts("act-view", 11, "dr-lee", "viewed", T.plusSeconds(10), null),
            new DecisionFacts.ActionFacts("act-accept", 12, "dr-lee", "accepted", T.plusSeconds(45), null)));
    public boolean clinicianTrained = true;
    public boolean clinicianRegistered = true;
    public List<DecisionFacts.OutcomeFacts> outcomes = new ArrayList<>();
    public List<DecisionFacts.NoticeFacts> notices = new ArrayList<>();
    public List<ObservedRate> performance = new ArrayList<>();
    public List<AlertFacts> alerts = new ArrayList<>();
    public List<OwedReports.OwedReport> owedReports = null;
    public boolean noDecisions = false;
    public Instant occurredAt = T.plus(Duration.ofHours(2));

    private final List<Recorded<Determination>> determinations = new ArrayList<>();

    /** Records a determination about the decision (or, with {@code decision} null, the incident). */
    public CaseBuilder determine(String kind, String decision, Boolean value, String failureMode, String precautionKind) {
        determinations.add(new Recorded<>(30 + determinations.size(), T.plus(Duration.ofDays(3)), "tok_investigator",
                new Determination(null, kind, decision, value, failureMode, precautionKind, "inv-1", "sealed")));
        return this;
    }

    public CaseBuilder determine(String kind, Boolean value) {
        return determine(kind, "dec-1", value, null, null);
    }

    public CaseBuilder outcome(Boolean positive) {
        outcomes.add(new DecisionFacts.OutcomeFacts("out-1", 13, T.plus(Duration.ofDays(2)), positive, null, null));
        return this;
    }

    public CaseBuilder observed(String metric, long events, long trials) {
        List<Long> evidence = new ArrayList<>();
        for (long i = 0; i < Math.min(trials, 5); i++) {
            evidence.add(1000 + i);
        }
        performance.add(new ObservedRate(metric, events, trials, T.minus(Duration.ofDays(365)), occurredAt, evidence, trials > 5));
        return this;
    }

    public CaseBuilder notice(String kind, Instant issued, Instant applyBy, List<String> failureModes, Instant received, Instant applied) {
        int i = notices.size();
        Notice n = new Notice("notice-" + i, "acme", "sepsis", List.of("1.0"), kind, issued, "summary of notice " + i, "apply the fix",
                applyBy, failureModes);
        Registered<Notice.Receipt> r = received == null ? null : new Registered<>(new Notice.Receipt(n.id(), "st-mary", received, applied, null),
                41 + 2L * i, received, false, null);
        notices.add(new DecisionFacts.NoticeFacts(new Registered<>(n, 40 + 2L * i, issued, false, null), r));
        return this;
    }

    public CaseBuilder alert(Instant raised, Instant acknowledged, Instant acted, boolean toManufacturer) {
        int i = alerts.size();
        alerts.add(new AlertFacts("alert-" + i, 50 + 3L * i, raised, "auth-1", "sensitivity below floor", List.of("cmio"), toManufacturer, null,
                acknowledged == null ? null : 51 + 3L * i, acknowledged, acted == null ? null : 52 + 3L * i, acted));
        return this;
    }

    public ModelCard card() {
        return new ModelCard(new ModelCard.IntendedUse("sepsis risk", List.of()), cardPopulation, inputs, outputSpec,
                new ModelCard.Performance(overall, subgroups), null, limitations, precautions, localValidationRequired, null, Map.of(), null);
    }

    public Reconstruction build() {
        Registered<AiSystem> sys = systemRegistered ? new Registered<>(system, 1, Instant.EPOCH, false, null) : null;
        Registered<AiVersion> ver = systemRegistered && versionRegistered
                ? new Registered<>(new AiVersion("sepsis", reportedVersion, registeredDigest, Instant.parse("2026-01-01T00:00:00Z"), card()),
                2, Instant.parse("2026-01-01T00:00:00Z"), false, null) : null;
        List<Registered<AiVersion>> withDigest = ver != null && registeredDigest.equals(reportedDigest) ? List.of(ver) : List.of();
        Authorization a = new Authorization("auth-1", "sepsis", authorizedVersions, "st-mary", units, List.of(), authPopulation, oversight,
                requiredTraining, authPrecautions, Map.of(), validFrom, validUntil,
                new Authorization.AuthorizedBy("committee", "AI governance committee", "minutes 2026-01-15"), localValidationId,
                authPopulation == null ? List.of() : authPopulation.widerThan(cardPopulation));
        Registered<Authorization> auth = authorized ? new Registered<>(a, 3, validFrom, revoked, revoked ? "withdrawn" : null) : null;
        List<Registered<Authorization>> atSite = everAuthorized ? List.of(new Registered<>(a, 3, validFrom, revoked, null)) : List.of();
        Map<String, Registered<Party>> clinicians = new HashMap<>();
        if (clinicianRegistered) {
            List<Party.Training> training = clinicianTrained
                    ? List.of(new Party.Training("sepsis", "onboarding", Instant.parse("2026-01-10T00:00:00Z"), null)) : List.of();
            for (DecisionFacts.ActionFacts act : actions) {
                clinicians.put(act.clinician(), new Registered<>(new Party(act.clinician(), "clinician", "Dr " + act.clinician(), null, List.of(),
                        "physician", "st-mary", List.of(), training), 4, Instant.EPOCH, false, null));
            }
        }
        Registered<LocalValidation> lv = localValidation == null ? null : new Registered<>(localValidation, 5, localValidation.periodEnd(), false, null);
        DecisionFacts d = new DecisionFacts("dec-1", 10, T, authorized ? "auth-1" : "site:st-mary/ed", "st-mary", "ed",
                systemRegistered ? "sepsis" : "homegrown", sys, reportedVersion, reportedDigest, ver, withDigest, auth, atSite, lv,
                new DecisionFacts.PatientFacts("pseudo-1", age, sex, careSetting, null, attributes), input, output, List.of(), actions, outcomes,
                clinicians, notices, performance);
        Incident incident = new Incident("inc-1", "harm", occurredAt, occurredAt.plus(Duration.ofHours(1)), "st-mary", "ed", "pseudo-1",
                new Severity(Severity.AHRQ, "severe-harm"), false, new Incident.Facts(false, true, false, false, false),
                noDecisions ? List.of() : List.of("dec-1"), null, "sha256:narrative", "risk-officer");
        IncidentState state = new IncidentState("inc-1", new Recorded<>(20, occurredAt.plus(Duration.ofHours(3)), "tok_officer", incident),
                incident.severity(), incident.facts(), incident.decisions(), List.of(), determinations, null);
        return new Reconstruction(state, occurredAt.plus(Duration.ofDays(10)), T.minus(Duration.ofHours(72)), T.plus(Duration.ofHours(72)),
                List.of(), false, noDecisions ? List.of() : List.of(d), alerts, owedReports);
    }
}
