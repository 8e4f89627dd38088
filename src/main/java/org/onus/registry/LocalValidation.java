package org.onus.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.onus.validation.Fields;

/**
 * A deployer's own evaluation of a version before go-live: on which population, over which
 * period, with which figures, and its conclusion. An authorization cites it by id.
 */
public record LocalValidation(String id, String site, String system, String version, Population population,
                              Instant periodStart, Instant periodEnd, List<PerformanceClaim> figures, String conclusion) {

    public LocalValidation {
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    public static LocalValidation read(Fields f) {
        String id = f.id("id", true);
        String site = f.id("site", true);
        String system = f.id("system", true);
        String version = f.id("version", true);
        Population population = Population.read(f.object("population", false));
        Instant start = f.instant("periodStart", true, true);
        Instant end = f.instant("periodEnd", true, true);
        if (start != null && end != null && end.isBefore(start)) {
            f.errors().add(f.at("periodEnd"), "must not be before periodStart");
        }
        List<PerformanceClaim> figures = new ArrayList<>();
        for (Fields c : f.objects("figures", false)) {
            PerformanceClaim claim = PerformanceClaim.read(c);
            if (claim != null) {
                figures.add(claim);
            }
        }
        String conclusion = f.requiredString("conclusion");
        f.end();
        return new LocalValidation(id, site, system, version, population, start, end, figures, conclusion);
    }
}
