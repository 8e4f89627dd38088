package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hospital organisation: a joint AI governance committee, two sites (Köln, DE and Chicago,
 * US) with their units, the four manufacturers and ~40 clinicians with training records per AI
 * system. A few training records are expired or missing on purpose; {@link #PLANTED_TRAINING}
 * says which.
 */
final class Organisation {

    static final String COMMITTEE = "committee-ai";
    static final String KOELN = "site-koeln";
    static final String LAKESHORE = "site-lakeshore";

    record Unit(String id, String name, String careSetting) {
    }

    record Site(String id, String name, String jurisdiction, ZoneId zone, int mrnBase, List<Unit> units) {
        Unit unit(String id) {
            return units.stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
        }
    }

    record Training(String system, String course, Instant completedAt, Instant expiresAt) {
        boolean validAt(Instant t) {
            return !completedAt.isAfter(t) && (expiresAt == null || expiresAt.isAfter(t));
        }
    }

    record Clinician(String id, String name, String role, Site site, List<String> units, List<String> credentials,
                     List<Training> training) {
        boolean trainedOn(String system, Instant t) {
            return training.stream().anyMatch(tr -> tr.system().equals(system) && tr.validAt(t));
        }

        boolean everTrainedOn(String system) {
            return training.stream().anyMatch(tr -> tr.system().equals(system));
        }
    }

    /** Clinicians whose training on a system lapses or is missing, on purpose. */
    static final List<String> PLANTED_TRAINING = List.of(
            "clin-koeln-rad-02: lumina-mammo training expires on day 20, renewed on day 45",
            "clin-lakeshore-surg-03: surgenix-orion training expires on day 35, never renewed",
            "clin-lakeshore-ed-02: sentinel-srs training expires on day 55",
            "clin-koeln-ed-04: no sentinel-srs training at all",
            "clin-lakeshore-gp-05: no scribewell-ambient training at all",
            "clin-koeln-icu-01: no scribewell-ambient training (uses it in an unauthorized unit)");

    final Site koeln = new Site(KOELN, "Klinikum Rheinaue Köln", "DE", ZoneId.of("Europe/Berlin"), 100_000, List.of(
            new Unit("koeln-ed", "Zentrale Notaufnahme", "emergency"),
            new Unit("koeln-psych", "Psychiatrie, Station P2", "inpatient"),
            new Unit("koeln-medicine", "Innere Medizin, Station 4B", "inpatient"),
            new Unit("koeln-icu", "Interdisziplinäre Intensivstation", "icu"),
            new Unit("koeln-or", "Zentral-OP", "operating-room"),
            new Unit("koeln-screening", "Mammographie-Screening-Einheit Köln-Süd", "screening"),
            new Unit("koeln-mammobil", "Mammobil (mobile screening unit)", "screening")));
    final Site lakeshore = new Site(LAKESHORE, "Lakeshore General Hospital, Chicago", "US", ZoneId.of("America/Chicago"), 500_000,
            List.of(new Unit("lakeshore-ed", "Emergency Department", "emergency"),
                    new Unit("lakeshore-primary-care", "Primary Care Clinic", "outpatient"),
                    new Unit("lakeshore-breast-imaging", "Breast Imaging Center", "screening"),
                    new Unit("lakeshore-or", "Main Operating Rooms", "operating-room")));
    final List<Site> sites = List.of(koeln, lakeshore);
    final Map<String, Clinician> clinicians = new LinkedHashMap<>();
    private final Instant start;

    Organisation(Instant start, Random rnd) {
        this.start = start;
        String ak = "Approbation (Ärztekammer Nordrhein)";
        String mqsa = "MQSA qualified interpreting physician";
        add(rnd, koeln, "rad", "radiologist", List.of("koeln-screening", "koeln-mammobil"), List.of(ak, "Facharzt Radiologie",
                "Fachkunde Mammographie-Screening"), List.of("lumina-mammo"),
                "Dr. Anna Becker", "Dr. Jonas Wagner", "Dr. Miriam Schulz", "Dr. Felix Hoffmann", "Dr. Lea Krüger");
        add(rnd, koeln, "psy", "psychiatrist", List.of("koeln-psych"), List.of(ak, "Facharzt Psychiatrie und Psychotherapie"),
                List.of("sentinel-srs"), "Dr. Tobias Richter", "Dr. Sabine Wolf", "Dr. Emre Yıldız");
        add(rnd, koeln, "ed", "emergency-physician", List.of("koeln-ed"), List.of(ak, "Zusatzbezeichnung Klinische Akut- und Notfallmedizin"),
                List.of("sentinel-srs"), "Dr. Katharina Neumann", "Dr. Lukas Schwarz", "Dr. Julia Zimmermann", "Dr. Maximilian Braun");
        add(rnd, koeln, "surg", "surgeon", List.of("koeln-or"), List.of(ak, "Facharzt Urologie / Gynäkologie / Viszeralchirurgie"),
                List.of("surgenix-orion"), "Prof. Dr. Stefan Hartmann", "Dr. Claudia Lange", "Dr. Niklas Werner", "Dr. Ayşe Demir");
        add(rnd, koeln, "med", "internist", List.of("koeln-medicine"), List.of(ak, "Facharzt Innere Medizin"),
                List.of("scribewell-ambient"), "Dr. Paul Schmitt", "Dr. Hannah Koch", "Dr. David Fischer", "Dr. Sophie Meyer");
        add(rnd, koeln, "icu", "intensivist", List.of("koeln-icu"), List.of(ak, "Zusatzbezeichnung Intensivmedizin"),
                List.of(), "Dr. Markus Vogel");
        add(rnd, lakeshore, "rad", "radiologist", List.of("lakeshore-breast-imaging"), List.of("MD", "ABR certified, Diagnostic Radiology", mqsa),
                List.of("lumina-mammo"), "Dr. Emily Carter", "Dr. Rajesh Patel", "Dr. Laura Nguyen", "Dr. Michael O'Brien", "Dr. Grace Kim");
        add(rnd, lakeshore, "ed", "emergency-physician", List.of("lakeshore-ed"), List.of("MD", "ABEM certified"),
                List.of("sentinel-srs", "scribewell-ambient"), "Dr. Daniel Brooks", "Dr. Maria Gonzalez", "Dr. Kevin Walsh",
                "Dr. Aisha Johnson", "Dr. Ryan Mitchell");
        add(rnd, lakeshore, "psy", "psychiatrist", List.of("lakeshore-ed"), List.of("MD", "ABPN certified, Psychiatry"),
                List.of("sentinel-srs", "scribewell-ambient"), "Dr. Rachel Stein");
        add(rnd, lakeshore, "surg", "surgeon", List.of("lakeshore-or"), List.of("MD", "ABU / ABOG / ABS certified"),
                List.of("surgenix-orion"), "Dr. James Sullivan", "Dr. Priya Raman", "Dr. Thomas Reed", "Dr. Olivia Bennett");
        add(rnd, lakeshore, "gp", "general-practitioner", List.of("lakeshore-primary-care"), List.of("MD", "ABFM certified"),
                List.of("scribewell-ambient"), "Dr. Samuel Price", "Dr. Hannah Lee", "Dr. Carlos Rivera", "Dr. Megan Foster",
                "Dr. Benjamin Ward");
        plantTraining();
    }

    private void add(Random rnd, Site site, String code, String role, List<String> units, List<String> credentials,
                     List<String> systems, String... names) {
        for (int i = 0; i < names.length; i++) {
            String id = "clin-" + site.id().substring(5) + "-" + code + "-" + String.format("%02d", i + 1);
            List<Training> training = new ArrayList<>();
            for (String system : systems) {
                Instant done = start.minus(Duration.ofDays(20 + rnd.nextInt(230))).plus(Duration.ofHours(8 + rnd.nextInt(9)));
                training.add(new Training(system, Catalogue.course(system), done, done.plus(Catalogue.trainingValidity(system))));
            }
            clinicians.put(id, new Clinician(id, names[i], role, site, units, credentials, training));
        }
    }

    private void plantTraining() {
        lapse("clin-koeln-rad-02", "lumina-mammo", 20);
        training("clin-koeln-rad-02").add(renewal("lumina-mammo", 45));
        lapse("clin-lakeshore-surg-03", "surgenix-orion", 35);
        lapse("clin-lakeshore-ed-02", "sentinel-srs", 55);
        training("clin-koeln-ed-04").removeIf(t -> t.system().equals("sentinel-srs"));
        training("clin-lakeshore-gp-05").removeIf(t -> t.system().equals("scribewell-ambient"));
    }

    /** Moves the clinician's training on {@code system} so that it expires on {@code day} of the window. */
    private void lapse(String clinician, String system, int day) {
        List<Training> list = training(clinician);
        list.replaceAll(t -> {
            if (!t.system().equals(system)) {
                return t;
            }
            Instant expires = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(6));
            return new Training(system, t.course(), expires.minus(Catalogue.trainingValidity(system)), expires);
        });
    }

    private Training renewal(String system, int day) {
        Instant done = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(14));
        return new Training(system, Catalogue.course(system) + " (refresher)", done, done.plus(Catalogue.trainingValidity(system)));
    }

    private List<Training> training(String clinician) {
        return (List<Training>) clinicians.get(clinician).training();
    }

    List<Clinician> working(String unit) {
        return byUnit.computeIfAbsent(unit, u -> clinicians.values().stream().filter(c -> c.units().contains(u)).toList());
    }

    private final Map<String, List<Clinician>> byUnit = new java.util.HashMap<>();

    Clinician clinician(String id) {
        return clinicians.get(id);
    }

    Site site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** Training records completed after the window opened: each is a later party record, recorded when completed. */
    List<Training> renewals(Clinician c) {
        return c.training().stream().filter(t -> t.completedAt().isAfter(start)).toList();
    }

    // ---- JSON bodies ----

    ObjectNode committeeJson() {
        return Json.obj("id", COMMITTEE, "kind", "governance-body", "name", "Rheinaue–Lakeshore Joint AI Governance Committee");
    }

    ObjectNode siteJson(Site s) {
        return Json.obj("id", s.id(), "kind", "deployer", "name", s.name(), "jurisdiction", s.jurisdiction(), "timeZone", s.zone().getId(),
                "units", s.units().stream().map(u -> Json.obj("id", u.id(), "name", u.name(), "careSetting", u.careSetting())).toList());
    }

    /** The clinician as known at {@code asOf}: only training completed by then. */
    ObjectNode clinicianJson(Clinician c, Instant asOf) {
        return Json.obj("id", c.id(), "kind", "clinician", "name", c.name(), "role", c.role(), "affiliation", c.site().id(),
                "credentials", c.credentials(),
                "training", c.training().stream().filter(t -> !t.completedAt().isAfter(asOf))
                        .map(t -> Json.obj("aiSystem", t.system(), "course", t.course(), "completedAt", t.completedAt(),
                                "expiresAt", t.expiresAt())).toList());
    }
}
