package org.onus.demo;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;

/**
 * Runs the simulation one day at a time and hands out its records in recording order. Records
 * wait in the world's time-ordered queue until no later-generated day can produce anything
 * earlier (the earliest local midnight of the next day at any site); only about a month of
 * pending outcomes is held at once, never the whole story.
 */
final class Story implements Iterator<DemoRecord> {

    final World w;
    private final List<Product> products;
    private int nextDay;
    private Instant horizon;

    Story(long seed, Instant start, int days, double scale) {
        w = new World(seed, start, days, scale);
        Problems.declareAll(w.planted);
        Organisation org = w.org;
        w.emitInitial(DemoRecord.PARTY, org.committeeJson());
        w.catalogue.manufacturers().forEach(m -> w.emitInitial(DemoRecord.PARTY, m));
        for (Site s : org.sites) {
            w.emitInitial(DemoRecord.PARTY, org.siteJson(s));
        }
        w.catalogue.systems().forEach(s -> w.emitInitial(DemoRecord.AI_SYSTEM, s));
        w.catalogue.versions.forEach(v -> w.emitInitial(DemoRecord.VERSION, w.catalogue.versionJson(v)));
        w.gov.initialLocalValidations().forEach(v -> w.emitInitial(DemoRecord.LOCAL_VALIDATION, v));
        for (Clinician c : org.clinicians.values()) {
            w.emitInitial(DemoRecord.PARTY, org.clinicianJson(c, start));
        }
        w.gov.initialAuthorizations().forEach(a -> w.emitInitial(DemoRecord.AUTHORIZATION, a));
        w.gov.scheduled().forEach(d -> w.emit(d.kind(), d.at(), d.body()));
        for (Clinician c : org.clinicians.values()) {
            org.renewals(c).forEach(t -> w.emit(DemoRecord.PARTY, t.completedAt(), org.clinicianJson(c, t.completedAt())));
        }
        Scribe scribe = new Scribe(w);
        products = List.of(new Mammography(w), new SuicideRisk(w, scribe), new SurgicalRobot(w), scribe);
        horizon = start;
    }

    private void fill() {
        while (nextDay < w.days && (!w.hasQueued() || !w.nextQueuedAt().isBefore(horizon))) {
            for (Product p : products) {
                p.day(nextDay);
            }
            nextDay++;
            horizon = nextDay < w.days ? w.earliestOf(nextDay) : Instant.MAX;
        }
    }

    @Override
    public boolean hasNext() {
        fill();
        return w.hasQueued();
    }

    @Override
    public DemoRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return w.poll();
    }

    DemoSummary summary(long seed) {
        return w.planted.summary(seed, w.scale, w.start, w.end);
    }
}
