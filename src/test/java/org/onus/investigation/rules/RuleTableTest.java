package org.onus.investigation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.investigation.CaseBuilder.T;
import static org.onus.investigation.Verdict.IMPLICATED;
import static org.onus.investigation.Verdict.NOT_APPLICABLE;
import static org.onus.investigation.Verdict.NOT_IMPLICATED;
import static org.onus.investigation.Verdict.UNDETERMINED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onus.investigation.CaseBuilder;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.Determination;
import org.onus.investigation.Finding;
import org.onus.investigation.OwedReports;
import org.onus.investigation.Rule;
import org.onus.investigation.TestIntervals;
import org.onus.investigation.Verdict;
import org.onus.registry.LocalValidation;
import org.onus.registry.ModelCard;
import org.onus.registry.PerformanceClaim;
import org.onus.registry.Population;

/**
 * Every rule of the catalogue as a table: given facts (the default case of {@link CaseBuilder},
 * changed by one line), the finding expected. Each rule has rows where it fires, where it does
 * not (then none of its findings implicates anyone) and where it is undetermined.
 */
class RuleTableTest {

    static final Map<String, Rule> RULES = new HashMap<>();

    static {
        Catalogue.rules(new TestIntervals()).forEach(r -> RULES.put(r.id(), r));
    }

    static final String FIRES = "fires";
    static final String DOES_NOT_FIRE = "does not fire";
    static final String UNDETERMINED_ROW = "undetermined";

    static Arguments row(String rule, String kind, String given, Consumer<CaseBuilder> facts, Verdict verdict, String role) {
        return Arguments.of(rule, kind, given, facts, verdict, role);
    }

    static Instant days(int d) {
        return T.plus(Duration.ofDays(d));
    }

    static DecisionFacts.ActionFacts action(String kind, int seconds) {
        return new DecisionFacts.ActionFacts("act-" + kind, 12, "dr-lee", kind, T.plusSeconds(seconds), null);
    }

    static ModelCard.Subgroup elderly(double sensitivity) {
        return new ModelCard.Subgroup("age 75+", new Population(75.0, null, List.of(), List.of(), List.of()), Map.of(),
                List.of(new PerformanceClaim("sensitivity", sensitivity, sensitivity - 0.05, sensitivity + 0.05, 120L)));
    }

    static OwedReports.OwedReport report(OwedReports.Status status) {
        return new OwedReports.OwedReport("EU MDR Art. 87", "serious incident report", "deployer", "st-mary", days(15), status,
                status == OwedReports.Status.SUBMITTED_LATE || status == OwedReports.Status.SUBMITTED_ON_TIME ? days(20) : null, List.of(99L));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("DEPLOY-UNAUTHORIZED-VERSION", FIRES, "a version the authorization does not cover", c -> c.authorizedVersions = List.of("2.0"), IMPLICATED, "deployer"),
                row("DEPLOY-UNAUTHORIZED-VERSION", FIRES, "a revoked authorization", c -> c.revoked = true, IMPLICATED, "deployer"),
                row("DEPLOY-UNAUTHORIZED-VERSION", FIRES, "no authorization in force at the event", c -> c.authorized = false, IMPLICATED, "deployer"),
                row("DEPLOY-UNAUTHORIZED-VERSION", FIRES, "an expired authorization", c -> c.validUntil = days(-1), IMPLICATED, "deployer"),
                row("DEPLOY-UNAUTHORIZED-VERSION", DOES_NOT_FIRE, "the authorized version in its unit", c -> { }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-UNAUTHORIZED-VERSION", UNDETERMINED_ROW, "an incident with no decision", c -> c.noDecisions = true, UNDETERMINED, "deployer"),

                row("DEPLOY-OUTSIDE-INTENDED-USE", FIRES, "a 15-year-old, card for adults, authorization for all ages",
                        c -> { c.age = 15.0; c.authPopulation = new Population(0.0, null, List.of(), List.of(), List.of()); }, IMPLICATED, "deployer"),
                row("DEPLOY-OUTSIDE-INTENDED-USE", DOES_NOT_FIRE, "an adult", c -> { }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-OUTSIDE-INTENDED-USE", DOES_NOT_FIRE, "a 15-year-old the authorization did not permit", c -> c.age = 15.0, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-OUTSIDE-INTENDED-USE", UNDETERMINED_ROW, "no age reported", c -> c.age = null, UNDETERMINED, "deployer"),

                row("USE-OUTSIDE-AUTHORIZATION", FIRES, "a 15-year-old outside the authorization, accepted", c -> c.age = 15.0, IMPLICATED, "clinician"),
                row("USE-OUTSIDE-AUTHORIZATION", FIRES, "nothing enforced the scope", c -> c.age = 15.0, IMPLICATED, "deployer"),
                row("USE-OUTSIDE-AUTHORIZATION", DOES_NOT_FIRE, "a patient inside the authorization", c -> { }, NOT_IMPLICATED, "clinician"),
                row("USE-OUTSIDE-AUTHORIZATION", UNDETERMINED_ROW, "outside the authorization, no action recorded",
                        c -> { c.age = 15.0; c.actions.clear(); }, UNDETERMINED, "clinician"),

                row("DEPLOY-INPUT-OUT-OF-SPEC", FIRES, "completeness 0.5 under the card's 0.8",
                        c -> c.input = new DecisionFacts.InputFacts(null, Map.of("completeness", 0.5), List.of()), IMPLICATED, "deployer"),
                row("DEPLOY-INPUT-OUT-OF-SPEC", DOES_NOT_FIRE, "completeness 0.95", c -> { }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-INPUT-OUT-OF-SPEC", UNDETERMINED_ROW, "no quality reported",
                        c -> c.input = new DecisionFacts.InputFacts(null, Map.of(), List.of()), UNDETERMINED, "deployer"),

                row("DESIGN-INPUT-NOT-FLAGGED", FIRES, "a poor input answered as usual",
                        c -> c.input = new DecisionFacts.InputFacts(null, Map.of("completeness", 0.5), List.of()), IMPLICATED, "manufacturer"),
                row("DESIGN-INPUT-NOT-FLAGGED", DOES_NOT_FIRE, "a poor input the system flagged", c -> {
                    c.input = new DecisionFacts.InputFacts(null, Map.of("completeness", 0.5), List.of());
                    c.output = new DecisionFacts.OutputFacts("score", null, null, true, "data too sparse", null, null);
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-INPUT-NOT-FLAGGED", DOES_NOT_FIRE, "an input within requirements", c -> { }, NOT_APPLICABLE, "manufacturer"),
                row("DESIGN-INPUT-NOT-FLAGGED", UNDETERMINED_ROW, "the input not reported", c -> c.input = null, UNDETERMINED, "manufacturer"),

                row("DESIGN-SILENT-UPDATE", FIRES, "an artifact digest no version has", c -> c.reportedDigest = "sha256:" + "f".repeat(64), IMPLICATED, "manufacturer"),
                row("DESIGN-SILENT-UPDATE", DOES_NOT_FIRE, "the registered digest", c -> { }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-SILENT-UPDATE", DOES_NOT_FIRE, "no registered maker", c -> c.systemRegistered = false, NOT_APPLICABLE, "manufacturer"),
                row("DESIGN-SILENT-UPDATE", UNDETERMINED_ROW, "an incident with no decision", c -> c.noDecisions = true, UNDETERMINED, "manufacturer"),

                row("DEPLOY-UNREGISTERED-SYSTEM", FIRES, "an unregistered tool", c -> c.systemRegistered = false, IMPLICATED, "deployer"),
                row("DEPLOY-UNREGISTERED-SYSTEM", FIRES, "a system never authorized at the site",
                        c -> { c.everAuthorized = false; c.authorized = false; }, IMPLICATED, "deployer"),
                row("DEPLOY-UNREGISTERED-SYSTEM", DOES_NOT_FIRE, "a registered, authorized system", c -> { }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-UNREGISTERED-SYSTEM", UNDETERMINED_ROW, "an incident with no decision", c -> c.noDecisions = true, UNDETERMINED, "deployer"),

                row("DATA-SUBGROUP-GAP", FIRES, "an 80-year-old in an undisclosed weak subgroup",
                        c -> { c.age = 80.0; c.subgroups.add(elderly(0.62)); }, IMPLICATED, "manufacturer"),
                row("DATA-SUBGROUP-GAP", FIRES, "a disclosed gap the deployer authorized anyway", c -> {
                    c.age = 80.0;
                    c.subgroups.add(elderly(0.62));
                    c.limitations.add(new ModelCard.Limitation("age 75+", "lower sensitivity in patients over 75"));
                }, IMPLICATED, "deployer"),
                row("DATA-SUBGROUP-GAP", FIRES, "a disclosed gap clears the manufacturer", c -> {
                    c.age = 80.0;
                    c.subgroups.add(elderly(0.62));
                    c.limitations.add(new ModelCard.Limitation("age 75+", "lower sensitivity in patients over 75"));
                }, NOT_IMPLICATED, "manufacturer"),
                row("DATA-SUBGROUP-GAP", DOES_NOT_FIRE, "a weak subgroup, but the AI was right for this patient",
                        c -> { c.age = 80.0; c.subgroups.add(elderly(0.62)); c.outcome(true); }, NOT_APPLICABLE, "manufacturer"),
                row("DATA-SUBGROUP-GAP", DOES_NOT_FIRE, "a subgroup whose interval overlaps the overall claim",
                        c -> { c.age = 80.0; c.subgroups.add(elderly(0.78)); }, NOT_IMPLICATED, "manufacturer"),
                row("DATA-SUBGROUP-GAP", DOES_NOT_FIRE, "a patient in no named subgroup", c -> c.subgroups.add(elderly(0.62)), NOT_IMPLICATED, "manufacturer"),
                row("DATA-SUBGROUP-GAP", UNDETERMINED_ROW, "a card with no subgroup performance", c -> { }, UNDETERMINED, "manufacturer"),

                row("DESIGN-PERFORMANCE-BELOW-CLAIM", FIRES, "a missed case, site sensitivity 165/300 against a claim of 0.80-0.89", c -> {
                    c.output = new DecisionFacts.OutputFacts("score", null, 0.3, false, null, null, null);
                    c.outcome(true).observed("sensitivity", 165, 300);
                }, IMPLICATED, "manufacturer"),
                row("DESIGN-PERFORMANCE-BELOW-CLAIM", DOES_NOT_FIRE, "a missed case, site sensitivity 255/300: residual risk", c -> {
                    c.output = new DecisionFacts.OutputFacts("score", null, 0.3, false, null, null, null);
                    c.outcome(true).observed("sensitivity", 255, 300);
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-PERFORMANCE-BELOW-CLAIM", DOES_NOT_FIRE, "a single observed error is never a defect", c -> {
                    c.output = new DecisionFacts.OutputFacts("score", null, 0.3, false, null, null, null);
                    c.outcome(true).observed("sensitivity", 0, 1);
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-PERFORMANCE-BELOW-CLAIM", DOES_NOT_FIRE, "the AI was right", c -> c.outcome(true).observed("sensitivity", 165, 300),
                        NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-PERFORMANCE-BELOW-CLAIM", DOES_NOT_FIRE, "a patient outside the validated population", c -> {
                    c.age = 15.0;
                    c.outcome(false).observed("specificity", 10, 300);
                }, NOT_APPLICABLE, "manufacturer"),
                row("DESIGN-PERFORMANCE-BELOW-CLAIM", UNDETERMINED_ROW, "nothing says whether the AI erred", c -> { }, UNDETERMINED, "manufacturer"),
                row("DESIGN-PERFORMANCE-BELOW-CLAIM", UNDETERMINED_ROW, "an error but no outcomes at the site", c -> c.determine(Determination.CORRECT, false),
                        UNDETERMINED, "manufacturer"),

                row("DESIGN-DEVICE-MALFUNCTION", FIRES, "a device fault while used as authorized",
                        c -> c.output = new DecisionFacts.OutputFacts("device-action", null, null, false, null, "fault", "arm-thermal"), IMPLICATED, "manufacturer"),
                row("DESIGN-DEVICE-MALFUNCTION", FIRES, "a fault whose notice reached the site and was not applied", c -> {
                    c.output = new DecisionFacts.OutputFacts("device-action", null, null, false, null, "fault", "arm-thermal");
                    c.notice("field-safety-notice", days(-30), days(-10), List.of("arm-thermal"), days(-29), null);
                }, IMPLICATED, "deployer"),
                row("DESIGN-DEVICE-MALFUNCTION", DOES_NOT_FIRE, "a fault in a documented limitation's mode", c -> {
                    c.output = new DecisionFacts.OutputFacts("device-action", null, null, false, null, "fault", "E-217");
                    c.limitations.add(new ModelCard.Limitation("E-217", "joint torque limit may stop an arm in wide-habitus patients"));
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-DEVICE-MALFUNCTION", DOES_NOT_FIRE, "no fault and no determination", c -> { }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-DEVICE-MALFUNCTION", DOES_NOT_FIRE, "a fault the investigator found was no malfunction", c -> {
                    c.output = new DecisionFacts.OutputFacts("device-action", null, null, false, null, "fault", "arm-thermal");
                    c.determine(Determination.DEVICE_MALFUNCTION, false);
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-DEVICE-MALFUNCTION", UNDETERMINED_ROW, "a device action with neither fault nor determination",
                        c -> c.output = new DecisionFacts.OutputFacts("device-action", null, null, false, null, "assisted-motion", null), UNDETERMINED, "manufacturer"),

                row("DESIGN-KNOWN-LIMITATION", FIRES, "a failure in a documented limitation's mode", c -> {
                    c.limitations.add(new ModelCard.Limitation("chest-drain-pneumothorax", "misses pneumothorax with a chest drain in place"));
                    c.determine(Determination.FAILURE_MODE, "dec-1", true, "chest-drain-pneumothorax", null);
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-KNOWN-LIMITATION", FIRES, "a failure mode documented in a notice the site received", c -> {
                    c.notice("limitation", days(-60), null, List.of("chest-drain-pneumothorax"), days(-59), null);
                    c.determine(Determination.FAILURE_MODE, "dec-1", true, "chest-drain-pneumothorax", null);
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-KNOWN-LIMITATION", DOES_NOT_FIRE, "an undocumented failure mode",
                        c -> c.determine(Determination.FAILURE_MODE, "dec-1", true, "small-bowel-obstruction", null), NOT_APPLICABLE, "manufacturer"),
                row("DESIGN-KNOWN-LIMITATION", UNDETERMINED_ROW, "no failure mode determined", c -> { }, UNDETERMINED, "manufacturer"),

                row("USE-REVIEW-SKIPPED", FIRES, "accepted 4 s after the output, minimum 30 s", c -> {
                    c.actions.clear();
                    c.actions.add(action("viewed", 1));
                    c.actions.add(action("accepted", 4));
                }, IMPLICATED, "clinician"),
                row("USE-REVIEW-SKIPPED", FIRES, "accepted with no recorded view", c -> c.actions.remove(0), IMPLICATED, "clinician"),
                row("USE-REVIEW-SKIPPED", FIRES, "a workflow that forced acceptance", c -> {
                    c.actions.remove(0);
                    c.determine(Determination.WORKFLOW_FORCED, true);
                }, IMPLICATED, "manufacturer"),
                row("USE-REVIEW-SKIPPED", DOES_NOT_FIRE, "viewed, then accepted after 45 s", c -> { }, NOT_IMPLICATED, "clinician"),
                row("USE-REVIEW-SKIPPED", UNDETERMINED_ROW, "no action recorded", c -> c.actions.clear(), UNDETERMINED, "clinician"),

                row("USE-UNTRAINED-CLINICIAN", FIRES, "an untrained clinician acted", c -> c.clinicianTrained = false, IMPLICATED, "deployer"),
                row("USE-UNTRAINED-CLINICIAN", FIRES, "the untrained clinician too", c -> c.clinicianTrained = false, IMPLICATED, "clinician"),
                row("USE-UNTRAINED-CLINICIAN", DOES_NOT_FIRE, "a trained clinician", c -> { }, NOT_IMPLICATED, "clinician"),
                row("USE-UNTRAINED-CLINICIAN", UNDETERMINED_ROW, "an unregistered clinician", c -> c.clinicianRegistered = false, UNDETERMINED, "clinician"),

                row("DEPLOY-NO-LOCAL-VALIDATION", FIRES, "the card requires a local validation and none is cited",
                        c -> c.localValidationRequired = true, IMPLICATED, "deployer"),
                row("DEPLOY-NO-LOCAL-VALIDATION", DOES_NOT_FIRE, "a local validation before go-live", c -> {
                    c.localValidationRequired = true;
                    c.localValidationId = "lv-1";
                    c.localValidation = new LocalValidation("lv-1", "st-mary", "sepsis", "1.0", null, days(-120), days(-60), List.of(), "fit for use");
                }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-NO-LOCAL-VALIDATION", DOES_NOT_FIRE, "a card that requires none", c -> { }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-NO-LOCAL-VALIDATION", UNDETERMINED_ROW, "an unregistered version", c -> c.versionRegistered = false, UNDETERMINED, "deployer"),

                row("DEPLOY-PRECAUTION-MISSING", FIRES, "the card requires proctoring, the authorization omits it",
                        c -> c.precautions.add(new ModelCard.Precaution("proctoring", "first ten cases proctored")), IMPLICATED, "deployer"),
                row("DEPLOY-PRECAUTION-MISSING", DOES_NOT_FIRE, "required training stands for the training precaution", c -> { }, NOT_IMPLICATED, "deployer"),
                row("DEPLOY-PRECAUTION-MISSING", UNDETERMINED_ROW, "an unregistered version", c -> c.versionRegistered = false, UNDETERMINED, "deployer"),

                row("DESIGN-FAILURE-TO-WARN", FIRES, "a needed case-selection precaution stated nowhere",
                        c -> c.determine(Determination.PRECAUTION_NEEDED, "dec-1", true, null, "case-selection"), IMPLICATED, "manufacturer"),
                row("DESIGN-FAILURE-TO-WARN", FIRES, "a warning issued that never reached the site", c -> {
                    c.notice("precaution", days(-40), null, List.of(), null, null);
                    c.determine(Determination.PRECAUTION_NEEDED, "dec-1", true, null, "case-selection");
                }, IMPLICATED, "manufacturer"),
                row("DESIGN-FAILURE-TO-WARN", DOES_NOT_FIRE, "a precaution the card states",
                        c -> c.determine(Determination.PRECAUTION_NEEDED, "dec-1", true, null, "user-training"), NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-FAILURE-TO-WARN", DOES_NOT_FIRE, "a warning notice the site received", c -> {
                    c.notice("precaution", days(-40), null, List.of(), days(-39), null);
                    c.determine(Determination.PRECAUTION_NEEDED, "dec-1", true, null, "case-selection");
                }, NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-FAILURE-TO-WARN", DOES_NOT_FIRE, "no precaution was needed",
                        c -> c.determine(Determination.PRECAUTION_NEEDED, false), NOT_IMPLICATED, "manufacturer"),
                row("DESIGN-FAILURE-TO-WARN", UNDETERMINED_ROW, "no determination", c -> { }, UNDETERMINED, "manufacturer"),

                row("MONITOR-NOTICE-NOT-APPLIED", FIRES, "a field safety notice received and not applied by its deadline",
                        c -> c.notice("field-safety-notice", days(-30), days(-10), List.of(), days(-29), null), IMPLICATED, "deployer"),
                row("MONITOR-NOTICE-NOT-APPLIED", FIRES, "a recall issued after the event",
                        c -> c.notice("recall", days(5), null, List.of(), days(6), null), IMPLICATED, "manufacturer"),
                row("MONITOR-NOTICE-NOT-APPLIED", DOES_NOT_FIRE, "a notice applied in time",
                        c -> c.notice("field-safety-notice", days(-30), days(-10), List.of(), days(-29), days(-15)), NOT_IMPLICATED, "deployer"),
                row("MONITOR-NOTICE-NOT-APPLIED", DOES_NOT_FIRE, "a notice still within its time to apply",
                        c -> c.notice("corrective-action", days(-3), days(10), List.of(), days(-2), null), NOT_IMPLICATED, "deployer"),
                row("MONITOR-NOTICE-NOT-APPLIED", DOES_NOT_FIRE, "an unapplied notice about another failure mode", c -> {
                    c.notice("field-safety-notice", days(-30), days(-10), List.of("E-402"), days(-29), null);
                    c.determine(Determination.FAILURE_MODE, "dec-1", true, "E-217", null);
                }, NOT_IMPLICATED, "deployer"),
                row("MONITOR-NOTICE-NOT-APPLIED", DOES_NOT_FIRE, "no notice", c -> { }, NOT_IMPLICATED, "deployer"),
                row("MONITOR-NOTICE-NOT-APPLIED", UNDETERMINED_ROW, "a later recall for failure modes, the failure mode undetermined",
                        c -> c.notice("recall", days(5), null, List.of("arm-thermal"), null, null), UNDETERMINED, "manufacturer"),

                row("USE-STANDARD-OF-CARE", FIRES, "standard and correct, rejected", c -> {
                    c.actions.set(1, action("overridden", 45));
                    c.determine(Determination.STANDARD_OF_CARE, true).determine(Determination.CORRECT, true);
                }, IMPLICATED, "clinician"),
                row("USE-STANDARD-OF-CARE", FIRES, "non-standard and wrong, followed",
                        c -> c.determine(Determination.STANDARD_OF_CARE, false).determine(Determination.CORRECT, false), IMPLICATED, "clinician"),
                row("USE-STANDARD-OF-CARE", DOES_NOT_FIRE, "standard and wrong, followed",
                        c -> c.determine(Determination.STANDARD_OF_CARE, true).determine(Determination.CORRECT, false), NOT_IMPLICATED, "clinician"),
                row("USE-STANDARD-OF-CARE", DOES_NOT_FIRE, "non-standard and correct, rejected", c -> {
                    c.actions.set(1, action("overridden", 45));
                    c.determine(Determination.STANDARD_OF_CARE, false).determine(Determination.CORRECT, true);
                }, NOT_IMPLICATED, "clinician"),
                row("USE-STANDARD-OF-CARE", UNDETERMINED_ROW, "no determination of standard of care",
                        c -> c.determine(Determination.CORRECT, true), UNDETERMINED, "clinician"),

                row("MONITOR-ALERT-NOT-ACTED", FIRES, "an alert five days before, never acknowledged",
                        c -> c.alert(days(-5), null, null, false), IMPLICATED, "deployer"),
                row("MONITOR-ALERT-NOT-ACTED", FIRES, "a post-market signal the manufacturer received",
                        c -> c.alert(days(-5), days(-5).plusSeconds(3600), null, true), IMPLICATED, "manufacturer"),
                row("MONITOR-ALERT-NOT-ACTED", DOES_NOT_FIRE, "an alert acknowledged and acted on within 24 h",
                        c -> c.alert(days(-5), days(-5).plusSeconds(3600), days(-5).plusSeconds(7200), false), NOT_IMPLICATED, "deployer"),
                row("MONITOR-ALERT-NOT-ACTED", DOES_NOT_FIRE, "an alert whose response time had not run out",
                        c -> c.alert(T.minusSeconds(600), null, null, false), NOT_IMPLICATED, "deployer"),
                row("MONITOR-ALERT-NOT-ACTED", DOES_NOT_FIRE, "no alert", c -> { }, NOT_IMPLICATED, "deployer"),
                row("MONITOR-ALERT-NOT-ACTED", UNDETERMINED_ROW, "an incident with no decision", c -> c.noDecisions = true, UNDETERMINED, "deployer"),

                row("REPORT-LATE-OR-MISSING", FIRES, "an overdue report", c -> c.owedReports = List.of(report(OwedReports.Status.OVERDUE)), IMPLICATED, "deployer"),
                row("REPORT-LATE-OR-MISSING", FIRES, "a report filed late", c -> c.owedReports = List.of(report(OwedReports.Status.SUBMITTED_LATE)), IMPLICATED, "deployer"),
                row("REPORT-LATE-OR-MISSING", DOES_NOT_FIRE, "a report filed on time",
                        c -> c.owedReports = List.of(report(OwedReports.Status.SUBMITTED_ON_TIME)), NOT_IMPLICATED, "deployer"),
                row("REPORT-LATE-OR-MISSING", DOES_NOT_FIRE, "no report owed", c -> c.owedReports = List.of(), NOT_IMPLICATED, "reporter"),
                row("REPORT-LATE-OR-MISSING", UNDETERMINED_ROW, "the clocks cannot say", c -> { }, UNDETERMINED, "reporter"));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("table")
    void each_rule_answers_as_its_table_says(String ruleId, String kind, String given, Consumer<CaseBuilder> facts, Verdict verdict, String role) {
        CaseBuilder c = new CaseBuilder();
        facts.accept(c);
        Rule rule = RULES.get(ruleId);
        assertThat(rule).as("rule %s in the catalogue", ruleId).isNotNull();

        List<Finding> findings = rule.evaluate(c.build());

        assertThat(findings).as("%s: %s", ruleId, given).anySatisfy(f -> {
            assertThat(f.verdict()).isEqualTo(verdict);
            assertThat(f.partyRole()).isEqualTo(role);
        });
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(ruleId);
            assertThat(f.link()).isEqualTo(rule.link());
            assertThat(f.evidence()).as("every finding cites evidence").isNotEmpty();
            if (f.verdict() == UNDETERMINED) {
                assertThat(f.missing()).as("an undetermined finding names what is missing").isNotEmpty();
            }
        });
        if (kind.equals(DOES_NOT_FIRE)) {
            assertThat(findings).noneMatch(f -> f.verdict() == IMPLICATED);
        }
    }

    @Test
    void every_rule_of_the_catalogue_has_rows_where_it_fires_does_not_fire_and_is_undetermined() {
        Map<String, Set<String>> kinds = new HashMap<>();
        table().forEach(a -> kinds.computeIfAbsent((String) a.get()[0], k -> new TreeSet<>()).add((String) a.get()[1]));

        assertThat(kinds.keySet()).containsExactlyInAnyOrderElementsOf(RULES.keySet());
        kinds.forEach((rule, k) -> assertThat(k).as(rule).containsExactlyInAnyOrder(FIRES, DOES_NOT_FIRE, UNDETERMINED_ROW));
    }

    @Test
    void the_catalogue_has_twenty_rules_with_distinct_ids_statements_and_bases() {
        List<Rule> rules = Catalogue.rules(new TestIntervals());
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> {
            ids.add(r.id());
            assertThat(r.id()).matches("[A-Z]+(-[A-Z]+)+");
            assertThat(r.statement()).isNotBlank();
            assertThat(r.basis()).isNotBlank();
            assertThat(r.parties()).isNotBlank();
            assertThat(r.undeterminedWhen()).isNotBlank();
        });
        assertThat(ids).hasSize(20).doesNotHaveDuplicates();
    }
}
