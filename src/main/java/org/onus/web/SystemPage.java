package org.onus.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.onus.recording.TenantServices;
import org.onus.registry.AiSystem;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.ModelCard;
import org.onus.registry.PerformanceClaim;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.registry.Revision;

/**
 * {@code GET /systems/{id}}: an AI product as registered, its model card laid out like a label
 * (intended use and population, inputs, output, validated performance overall and per subgroup,
 * training data, known limitations, precautions, update policy, the ONC HTI-1 source
 * attributes), every version with its artifact digest, and which authorizations use it. A
 * vendor sees only its manufacturer's products.
 */
final class SystemPage {

    private final TenantServices.Directory services;
    private final Clock clock;

    SystemPage(TenantServices.Directory services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    WebConsole.Rendered render(Context ctx, WebConsole.Visitor v, WebConsole console) {
        String id = ctx.pathParam("id");
        Instant now = clock.instant();
        Registry registry = services.of(v.log()).registry();
        List<Revision> history = registry.history(RecordKind.AI_SYSTEM, id);
        if (history.isEmpty() || !Pages.seesSystem(v, registry, id)) {
            throw new WebConsole.Missing("There is no AI system " + id + " in the registry that your token may see.");
        }
        AiSystem system = registry.typed(history.get(history.size() - 1), AiSystem.class);
        List<Views.Fact> regulatory = new ArrayList<>();
        regulatory.add(new Views.Fact("Manufacturer", Pages.partyName(registry, system.manufacturer(), now)));
        regulatory.add(new Views.Fact("Medical device", system.medicalDevice() ? "yes" + (system.deviceClass() != null ? " (" + system.deviceClass() + ")" : "") : "no"));
        if (system.aiActRiskClass() != null) {
            regulatory.add(new Views.Fact("EU AI Act risk class", system.aiActRiskClass()));
        }
        if (!system.clearanceIds().isEmpty()) {
            regulatory.add(new Views.Fact("Clearances", String.join(", ", system.clearanceIds())));
        }
        new java.util.TreeMap<>(system.regulatory()).forEach((k, val) -> regulatory.add(new Views.Fact("Status (" + k.toUpperCase(Locale.ROOT) + ")", val)));
        List<Views.VersionCard> versions = new ArrayList<>();
        for (String key : registry.ids(RecordKind.VERSION)) {
            if (key.startsWith(id + "@")) {
                List<Revision> h = registry.history(RecordKind.VERSION, key);
                versions.add(card(registry.typed(h.get(h.size() - 1), AiVersion.class)));
            }
        }
        versions.sort(java.util.Comparator.comparing(Views.VersionCard::releasedAt).reversed());
        List<Views.AuthorizationRef> authorizations = new ArrayList<>();
        for (String a : registry.ids(RecordKind.AUTHORIZATION)) {
            List<Revision> h = registry.history(RecordKind.AUTHORIZATION, a);
            Revision last = h.get(h.size() - 1);
            Authorization auth = lastRecord(registry, h);
            if (auth == null || !id.equals(auth.system())) {
                continue;
            }
            String status = last.revoked() ? "revoked " + Pages.day(last.effectiveAt()) : auth.inPeriod(now) ? "in force" : "not in force";
            authorizations.add(new Views.AuthorizationRef(a, Pages.partyName(registry, auth.site(), now), String.join(", ", auth.versions()),
                    Pages.day(auth.validFrom()) + " to " + (auth.validUntil() == null ? "(open-ended)" : Pages.day(auth.validUntil())), status));
        }
        return new WebConsole.Rendered("system.jte", new Views.SystemPage(console.frame(v, system.name(), ""), id, system.name(),
                Pages.partyName(registry, system.manufacturer(), now), regulatory, versions, authorizations));
    }

    private static Authorization lastRecord(Registry registry, List<Revision> h) {
        for (int i = h.size() - 1; i >= 0; i--) {
            if (!h.get(i).revoked()) {
                return registry.typed(h.get(i), Authorization.class);
            }
        }
        return null;
    }

    static Views.VersionCard card(AiVersion v) {
        ModelCard c = v.card();
        List<Views.Fact> population = new ArrayList<>();
        if (c.intendedPopulation() != null) {
            population.add(new Views.Fact("Who", DeploymentPage.population(c.intendedPopulation())));
        }
        List<Views.Fact> inputs = new ArrayList<>();
        if (c.inputRequirements() != null) {
            ModelCard.InputRequirements in = c.inputRequirements();
            if (in.modality() != null) {
                inputs.add(new Views.Fact("Modality", in.modality()));
            }
            if (in.requiredFields() != null && !in.requiredFields().isEmpty()) {
                inputs.add(new Views.Fact("Required fields", String.join(", ", in.requiredFields())));
            }
            if (in.quality() != null) {
                for (ModelCard.QualityThreshold q : in.quality()) {
                    inputs.add(new Views.Fact("Quality: " + q.indicator(), (q.min() != null ? "at least " + DeploymentPage.num(q.min()) : "")
                            + (q.min() != null && q.max() != null ? ", " : "") + (q.max() != null ? "at most " + DeploymentPage.num(q.max()) : "")));
                }
            }
        }
        List<Views.Fact> output = new ArrayList<>();
        if (c.output() != null) {
            output.add(new Views.Fact("Kind", c.output().kind()));
            if (c.output().classes() != null && !c.output().classes().isEmpty()) {
                output.add(new Views.Fact("Classes", String.join(", ", c.output().classes())));
            }
            if (c.output().operatingThreshold() != null) {
                output.add(new Views.Fact("Operating threshold", DeploymentPage.num(c.output().operatingThreshold())
                        + (c.output().positiveClass() != null ? " (positive: " + c.output().positiveClass() + ")" : "")));
            }
        }
        List<Views.Claim> overall = new ArrayList<>();
        List<Views.SubgroupClaims> subgroups = new ArrayList<>();
        if (c.performance() != null) {
            if (c.performance().overall() != null) {
                c.performance().overall().forEach(p -> overall.add(claim(p)));
            }
            if (c.performance().subgroups() != null) {
                for (ModelCard.Subgroup s : c.performance().subgroups()) {
                    List<Views.Claim> claims = new ArrayList<>();
                    if (s.claims() != null) {
                        s.claims().forEach(p -> claims.add(claim(p)));
                    }
                    subgroups.add(new Views.SubgroupClaims(s.name(), claims));
                }
            }
        }
        List<Views.Fact> limitations = c.knownLimitations().stream().map(l -> new Views.Fact(l.failureMode(), l.description())).toList();
        List<Views.Fact> precautions = c.requiredPrecautions().stream().map(p -> new Views.Fact(p.kind(), p.description())).toList();
        List<Views.Fact> transparency = new java.util.TreeMap<>(c.hti1()).entrySet().stream()
                .map(e -> new Views.Fact(e.getKey(), e.getValue())).toList();
        return new Views.VersionCard(v.version(), v.artifactDigest(), Pages.day(v.releasedAt()),
                c.intendedUse() == null ? "" : c.intendedUse().task(),
                c.intendedUse() == null || c.intendedUse().indications() == null ? List.of() : c.intendedUse().indications(),
                population, inputs, output, overall, subgroups, c.trainingData(), limitations, precautions, c.updatePolicy(), transparency);
    }

    private static Views.Claim claim(PerformanceClaim p) {
        String interval = p.ciLow() != null && p.ciHigh() != null ? fmt(p.ciLow()) + "–" + fmt(p.ciHigh()) : "";
        return new Views.Claim(p.metric(), fmt(p.value()), interval, p.n() == null ? "" : String.format(Locale.ROOT, "%,d", p.n()));
    }

    private static String fmt(double v) {
        return v <= 1 ? Pages.percent(v) : DeploymentPage.num(v);
    }
}
