package org.onus.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.onus.validation.Fields;

/**
 * What the manufacturer declares about one version: the facts a responsibility finding is
 * measured against. Field names follow the card's usual sections; the ONC HTI-1 source
 * attributes for predictive decision support may be given as {@code hti1}, a map of attribute
 * name to text.
 */
public record ModelCard(
        IntendedUse intendedUse,
        Population intendedPopulation,
        InputRequirements inputRequirements,
        Output output,
        Performance performance,
        String trainingData,
        List<Limitation> knownLimitations,
        List<Precaution> requiredPrecautions,
        Boolean localValidationRequired,
        String updatePolicy,
        Map<String, String> hti1,
        JsonNode inputBaseline) {

    /*
     * Records are stored without their empty lists and maps (NON_EMPTY), so a card read back from
     * the ledger has nulls where the posted card had nothing: normalize them here, once, rather
     * than in every reader.
     */
    public ModelCard {
        knownLimitations = knownLimitations == null ? List.of() : List.copyOf(knownLimitations);
        requiredPrecautions = requiredPrecautions == null ? List.of() : List.copyOf(requiredPrecautions);
        hti1 = hti1 == null ? Map.of() : Map.copyOf(hti1);
    }

    public static final Set<String> OUTPUT_KINDS = Set.of("class", "score", "recommendation", "generated-text", "device-action");
    public static final Set<String> PRECAUTION_KINDS = Set.of("user-training", "proctoring", "case-selection", "input-checks", "other");

    public record IntendedUse(String task, List<String> indications) {
        public IntendedUse {
            indications = indications == null ? List.of() : List.copyOf(indications);
        }
    }

    /** A quality indicator's bound: an input whose indicator lies outside [min, max] is out of spec. */
    public record QualityThreshold(String indicator, Double min, Double max) {

        /** The bounds in words, e.g. "at least 0.7", "at most 2", "between 0.7 and 1". */
        public String describeBounds() {
            if (min != null && max != null) {
                return "between " + number(min) + " and " + number(max);
            }
            return min != null ? "at least " + number(min) : max != null ? "at most " + number(max) : "no bounds";
        }

        private static String number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }

    public record InputRequirements(String modality, List<String> requiredFields, List<QualityThreshold> quality) {
        public InputRequirements {
            requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
            quality = quality == null ? List.of() : List.copyOf(quality);
        }
    }

    public record Output(String kind, List<String> classes, Double operatingThreshold, String positiveClass) {
        public Output {
            classes = classes == null ? List.of() : List.copyOf(classes);
        }
    }

    /** A named subgroup (e.g. "age 75+", "dense breasts") with its own claims. */
    public record Subgroup(String name, Population population, Map<String, String> attributes, List<PerformanceClaim> claims) {
        public Subgroup {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            claims = claims == null ? List.of() : List.copyOf(claims);
        }
    }

    public record Performance(List<PerformanceClaim> overall, List<Subgroup> subgroups) {
        public Performance {
            overall = overall == null ? List.of() : List.copyOf(overall);
            subgroups = subgroups == null ? List.of() : List.copyOf(subgroups);
        }
    }

    /** A documented limitation; {@code failureMode} is the short code investigators match against. */
    public record Limitation(String failureMode, String description) {
    }

    /** A precaution the manufacturer requires of deployers, e.g. user training or proctoring. */
    public record Precaution(String kind, String description) {
    }

    static ModelCard read(Fields f) {
        if (f == null) {
            return null;
        }
        Fields use = f.object("intendedUse", true);
        IntendedUse intendedUse = null;
        if (use != null) {
            intendedUse = new IntendedUse(use.requiredString("task"), use.strings("indications", false));
            use.end();
        }
        Population population = Population.read(f.object("intendedPopulation", true));
        InputRequirements inputs = null;
        Fields in = f.object("inputRequirements", false);
        if (in != null) {
            String modality = in.optionalString("modality");
            List<String> required = in.strings("requiredFields", false);
            List<QualityThreshold> quality = new ArrayList<>();
            for (Fields q : in.objects("quality", false)) {
                String indicator = q.requiredString("indicator");
                Double min = q.number("min", false, -1e12, 1e12);
                Double max = q.number("max", false, -1e12, 1e12);
                if (q.has("min") == false && q.has("max") == false) {
                    q.errors().add(q.pointer(), "needs min, max or both");
                }
                q.end();
                quality.add(new QualityThreshold(indicator, min, max));
            }
            in.end();
            inputs = new InputRequirements(modality, required, quality);
        }
        Output output = null;
        Fields out = f.object("output", true);
        if (out != null) {
            String kind = out.oneOf("kind", true, OUTPUT_KINDS);
            List<String> classes = out.strings("classes", false);
            Double threshold = out.number("operatingThreshold", false, -1e12, 1e12);
            String positive = out.optionalString("positiveClass");
            if ("score".equals(kind) && threshold == null) {
                out.errors().add(out.at("operatingThreshold"), "is required when kind is score");
            }
            out.end();
            output = new Output(kind, classes, threshold, positive);
        }
        Performance performance = null;
        Fields perf = f.object("performance", false);
        if (perf != null) {
            List<PerformanceClaim> overall = claims(perf.objects("overall", false));
            List<Subgroup> subgroups = new ArrayList<>();
            for (Fields s : perf.objects("subgroups", false)) {
                String name = s.requiredString("name");
                Population sp = Population.read(s.object("population", false));
                Map<String, String> attrs = s.stringMap("attributes");
                List<PerformanceClaim> claims = claims(s.objects("claims", true));
                s.end();
                subgroups.add(new Subgroup(name, sp, attrs, claims));
            }
            perf.end();
            performance = new Performance(overall, subgroups);
        }
        String trainingData = f.optionalString("trainingData");
        List<Limitation> limitations = new ArrayList<>();
        for (Fields l : f.objects("knownLimitations", false)) {
            limitations.add(new Limitation(l.id("failureMode", true), l.requiredString("description")));
            l.end();
        }
        List<Precaution> precautions = new ArrayList<>();
        for (Fields p : f.objects("requiredPrecautions", false)) {
            precautions.add(new Precaution(p.oneOf("kind", true, PRECAUTION_KINDS), p.requiredString("description")));
            p.end();
        }
        Boolean localValidation = f.bool("localValidationRequired", false);
        String updatePolicy = f.optionalString("updatePolicy");
        Map<String, String> hti1 = f.stringMap("hti1");
        JsonNode baseline = f.raw("inputBaseline");
        f.end();
        return new ModelCard(intendedUse, population, inputs, output, performance, trainingData, limitations,
                precautions, localValidation, updatePolicy, hti1, baseline);
    }

    private static List<PerformanceClaim> claims(List<Fields> items) {
        List<PerformanceClaim> out = new ArrayList<>();
        for (Fields c : items) {
            PerformanceClaim claim = PerformanceClaim.read(c);
            if (claim != null) {
                out.add(claim);
            }
        }
        return out;
    }
}
