package org.onus.investigation.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.Determination;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Recorded;
import org.onus.registry.Authorization;
import org.onus.registry.ModelCard;
import org.onus.registry.Population;

/** Facts several rules need, worked out once and the same way for each. */
final class Checks {

    private Checks() {
    }

    /** Why the decision did not run under an authorization in force for its version, unit and time; empty if it did. */
    static List<String> authorizationProblems(DecisionFacts d) {
        List<String> out = new ArrayList<>();
        if (d.authorization() == null) {
            out.add("no authorization of " + d.systemId() + " covered " + d.site() + (d.unit() == null ? "" : "/" + d.unit())
                    + " at " + d.eventTime());
            return out;
        }
        Authorization a = d.authorization().record();
        if (d.authorization().revoked()) {
            out.add("authorization " + a.id() + " was revoked from " + d.authorization().effectiveAt()
                    + (d.authorization().reason() == null ? "" : " (" + d.authorization().reason() + ")"));
        }
        if (!a.inPeriod(d.eventTime())) {
            out.add("authorization " + a.id() + " was valid from " + a.validFrom() + (a.validUntil() == null ? "" : " until " + a.validUntil())
                    + ", not at " + d.eventTime());
        }
        if (!a.versions().contains(d.reportedVersion())) {
            out.add("authorization " + a.id() + " covers versions " + a.versions() + ", not " + d.reportedVersion());
        }
        if (d.unit() != null && !a.units().isEmpty() && !a.units().contains(d.unit())) {
            out.add("authorization " + a.id() + " covers units " + a.units() + ", not " + d.unit());
        }
        return out;
    }

    /** Whether a population admits the patient; attributes the decision did not report are not held against them. */
    static boolean admits(Population pop, DecisionFacts.PatientFacts p) {
        if (pop == null) {
            return true;
        }
        if (!pop.admits(p.age(), p.sex(), p.careSetting())) {
            return false;
        }
        for (String exclusion : pop.exclusions()) {
            String v = p.attributes().get(exclusion);
            if (v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"))) {
                return false;
            }
        }
        return true;
    }

    /** The attributes a population restricts on that the decision did not report. */
    static List<String> unknownAttributes(Population pop, DecisionFacts.PatientFacts p) {
        List<String> out = new ArrayList<>();
        if (pop == null) {
            return out;
        }
        if ((pop.ageMin() != null || pop.ageMax() != null) && p.age() == null) {
            out.add("the patient's age");
        }
        if (!pop.sexes().isEmpty() && p.sex() == null) {
            out.add("the patient's sex");
        }
        if (!pop.careSettings().isEmpty() && p.careSetting() == null) {
            out.add("the care setting");
        }
        return out;
    }

    /** The population the authorization permitted: its own dimensions over the card's. */
    static Population permitted(DecisionFacts d) {
        Population card = d.card().map(ModelCard::intendedPopulation).orElse(null);
        Authorization a = d.authorization().record();
        return a.population() == null ? card : a.population().over(card);
    }

    static String describe(DecisionFacts.PatientFacts p) {
        List<String> parts = new ArrayList<>();
        if (p.age() != null) {
            parts.add("age " + num(p.age()));
        }
        if (p.sex() != null) {
            parts.add(p.sex());
        }
        if (p.careSetting() != null) {
            parts.add(p.careSetting());
        }
        return "the patient (" + String.join(", ", parts) + ")";
    }

    static String range(Population p) {
        if (p == null) {
            return "unrestricted";
        }
        String ages = p.ageMin() == null && p.ageMax() == null ? "all ages"
                : "ages " + (p.ageMin() == null ? "" : num(p.ageMin())) + "-" + (p.ageMax() == null ? "" : num(p.ageMax()));
        return ages + (p.careSettings().isEmpty() ? "" : ", " + String.join("/", p.careSettings()))
                + (p.sexes().isEmpty() ? "" : ", " + String.join("/", p.sexes()));
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** How the input broke the card's requirements, and which declared indicators the event did not report. */
    record InputCheck(List<String> problems, List<String> unknown) {
    }

    static InputCheck input(DecisionFacts d) {
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        ModelCard.InputRequirements req = d.card().map(ModelCard::inputRequirements).orElse(null);
        if (req == null) {
            return new InputCheck(problems, unknown);
        }
        DecisionFacts.InputFacts in = d.input();
        if (in == null) {
            unknown.add("the input as fed to the system (modality, quality indicators, fields present)");
            return new InputCheck(problems, unknown);
        }
        if (req.modality() != null) {
            if (in.modality() == null) {
                unknown.add("the input's modality");
            } else if (!req.modality().equalsIgnoreCase(in.modality())) {
                problems.add("modality " + in.modality() + ", the card requires " + req.modality());
            }
        }
        if (!req.requiredFields().isEmpty()) {
            if (in.fieldsPresent().isEmpty()) {
                unknown.add("the input fields present");
            } else {
                List<String> missing = req.requiredFields().stream().filter(f -> !in.fieldsPresent().contains(f)).toList();
                if (!missing.isEmpty()) {
                    problems.add("required fields missing: " + missing);
                }
            }
        }
        for (ModelCard.QualityThreshold q : req.quality()) {
            Double v = in.quality().get(q.indicator());
            if (v == null) {
                unknown.add("the input's " + q.indicator());
            } else if ((q.min() != null && v < q.min()) || (q.max() != null && v > q.max())) {
                problems.add(q.indicator() + " " + v + " outside the card's bounds (" + q.describeBounds() + ")");
            }
        }
        return new InputCheck(problems, unknown);
    }

    /** Why the decision lay outside the validated and authorized scope; empty if it lay inside. */
    static List<String> scopeProblems(DecisionFacts d) {
        List<String> out = new ArrayList<>(authorizationProblems(d));
        Population card = d.card().map(ModelCard::intendedPopulation).orElse(null);
        if (card != null && !admits(card, d.patient())) {
            out.add(describe(d.patient()) + " was outside the card's intended population (" + range(card) + ")");
        }
        if (d.authorization() != null && !admits(permitted(d), d.patient())) {
            out.add(describe(d.patient()) + " was outside the authorization's population");
        }
        out.addAll(input(d).problems());
        return out;
    }

    /**
     * Whether the AI erred on the decision, and on what evidence: the investigator's
     * {@code ai-correct} determination if there is one, else the decision's outcomes (for a score
     * or class, its call against the confirmed truth; otherwise an outcome's {@code positive}
     * says the output was in error). Empty when neither says.
     */
    record Error(boolean erred, String metric, String how, List<Long> evidence) {
    }

    static Optional<Error> error(Reconstruction r, DecisionFacts d) {
        Optional<Recorded<Determination>> det = r.incident().determinationFor(Determination.CORRECT, d.id());
        Boolean said = predictedPositive(d);
        if (det.isPresent()) {
            boolean erred = !det.get().value().value();
            String metric = metricOf(d, said);
            return Optional.of(new Error(erred, metric, "the investigator determined the output " + (erred ? "incorrect" : "correct"),
                    List.of(det.get().index())));
        }
        for (DecisionFacts.OutcomeFacts o : d.outcomes()) {
            if (o.positive() == null) {
                continue;
            }
            String kind = d.output().kind();
            if (kind.equals("score") || kind.equals("class")) {
                if (said == null) {
                    continue;
                }
                boolean erred = said != o.positive();
                return Optional.of(new Error(erred, o.positive() ? "sensitivity" : "specificity",
                        erred ? (o.positive() ? "a false negative: the output called negative a case confirmed positive"
                                : "a false positive: the output called positive a case confirmed negative")
                                : "the output matched the confirmed outcome", List.of(o.index())));
            }
            return Optional.of(new Error(o.positive(), "error-rate", o.positive() ? "the outcome records the output as erroneous"
                    : "the outcome records the output as correct", List.of(o.index())));
        }
        return Optional.empty();
    }

    /** The metric an error bears on: a missed positive on sensitivity, a false alarm on specificity, else the error rate. */
    private static String metricOf(DecisionFacts d, Boolean said) {
        String kind = d.output().kind();
        if (kind.equals("score") || kind.equals("class")) {
            if (said == null) {
                return null;
            }
            return said ? "specificity" : "sensitivity";
        }
        return "error-rate";
    }

    /** Whether the output called the case positive, by the card's operating threshold or positive class; null if it cannot be told. */
    static Boolean predictedPositive(DecisionFacts d) {
        ModelCard.Output spec = d.card().map(ModelCard::output).orElse(null);
        DecisionFacts.OutputFacts o = d.output();
        if (spec == null || o.flagged()) {
            return null;
        }
        if ("score".equals(o.kind())) {
            return spec.operatingThreshold() == null || o.score() == null ? null : o.score() >= spec.operatingThreshold();
        }
        if ("class".equals(o.kind())) {
            return spec.positiveClass() == null || o.label() == null ? null : o.label().equals(spec.positiveClass());
        }
        return null;
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? Long.toString((long) s) : String.format(java.util.Locale.ROOT, "%.1f", s)) + " s";
    }
}
