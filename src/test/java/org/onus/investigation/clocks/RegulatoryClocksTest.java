package org.onus.investigation.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.investigation.clocks.Facts.DEVICE_HIGH_RISK;
import static org.onus.investigation.clocks.Facts.DEVICE_NOT_CLASSED;
import static org.onus.investigation.clocks.Facts.HIGH_RISK_NOT_DEVICE;
import static org.onus.investigation.clocks.Facts.LIMITED_RISK;
import static org.onus.investigation.clocks.Facts.at;
import static org.onus.investigation.clocks.Facts.death;
import static org.onus.investigation.clocks.Facts.injury;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given an incident's facts, which reports are owed, by whom, to whom, by when, on which provisions. */
class RegulatoryClocksTest {

    static final RegulatoryClocks CLOCKS = new RegulatoryClocks(WorkCalendars.builtIn());
    static final String BERLIN = "Europe/Berlin";
    static final String NEW_YORK = "America/New_York";
    /** A Wednesday before the AI Act's high-risk regime applies. */
    static final String NOV_2026 = "2026-11-18T09:00:00Z";
    /** A Wednesday after the AI Act's Annex III date and before its Annex I date (as amended in 2026). */
    static final String JAN_2028 = "2028-01-12T09:00:00Z";
    /** A Wednesday after both AI Act dates. */
    static final String SEP_2028 = "2028-09-06T09:00:00Z";

    static List<OwedReport> owed(IncidentFacts f) {
        return CLOCKS.assess(f).owed();
    }

    static OwedReport only(IncidentFacts f, ReportKind kind) {
        return owed(f).stream().filter(r -> r.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " not owed; owed: " + owed(f)));
    }

    static List<ReportKind> kinds(IncidentFacts f) {
        return owed(f).stream().map(OwedReport::kind).toList();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // site, system, harm, awareness -> reports owed
                Arguments.of("DE", DEVICE_HIGH_RISK, death(), NOV_2026,
                        List.of(ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY)),
                Arguments.of("DE", DEVICE_HIGH_RISK, death(), SEP_2028,
                        List.of(ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY, ReportKind.DEPLOYER_INFORMS_PROVIDER,
                                ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE)),
                Arguments.of("FR", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE.withFundamentalRightsInfringement(false), SEP_2028,
                        List.of(ReportKind.DEPLOYER_INFORMS_PROVIDER, ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE,
                                ReportKind.FUNDAMENTAL_RIGHTS_INFRINGEMENT)),
                Arguments.of("FR", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE.withFundamentalRightsInfringement(false), NOV_2026,
                        List.of()),
                Arguments.of("DE", DEVICE_NOT_CLASSED, death(), SEP_2028,
                        List.of(ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY)),
                Arguments.of("NL", HIGH_RISK_NOT_DEVICE, injury(false), JAN_2028,
                        List.of(ReportKind.DEPLOYER_INFORMS_PROVIDER, ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE,
                                ReportKind.SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE)),
                Arguments.of("NL", HIGH_RISK_NOT_DEVICE, injury(false), "2027-12-01T22:00:00Z", List.of()),
                Arguments.of("DE", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE.withFundamentalRightsInfringement(false), JAN_2028,
                        List.of()),
                Arguments.of("NL", LIMITED_RISK, death(), NOV_2026, List.of()),
                Arguments.of("NL", HIGH_RISK_NOT_DEVICE, IncidentFacts.Harm.NONE, NOV_2026, List.of()),
                Arguments.of("EU", HIGH_RISK_NOT_DEVICE, death(), JAN_2028,
                        List.of(ReportKind.DEPLOYER_INFORMS_PROVIDER, ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE,
                                ReportKind.SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE)),
                Arguments.of("NO", DEVICE_HIGH_RISK, death(), SEP_2028, List.of(ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY)),
                Arguments.of("CH", DEVICE_HIGH_RISK, death(), SEP_2028, List.of()),
                Arguments.of("GB", DEVICE_HIGH_RISK, death(), SEP_2028, List.of()),
                Arguments.of("US", DEVICE_HIGH_RISK, death(), NOV_2026, List.of(ReportKind.USER_FACILITY_DEATH_TO_FDA,
                        ReportKind.USER_FACILITY_DEATH_TO_MANUFACTURER, ReportKind.MANUFACTURER_30_DAY)),
                Arguments.of("US", DEVICE_NOT_CLASSED, injury(false), NOV_2026,
                        List.of(ReportKind.USER_FACILITY_SERIOUS_INJURY_TO_MANUFACTURER, ReportKind.MANUFACTURER_30_DAY)),
                Arguments.of("US", HIGH_RISK_NOT_DEVICE, death(), NOV_2026, List.of()),
                Arguments.of("US", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE.withSeriousPublicHealthThreat(), NOV_2026, List.of()),
                Arguments.of("US", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE, NOV_2026, List.of()));
    }

    @ParameterizedTest(name = "[{index}] site {0}, {2}, aware {3}")
    @MethodSource("table")
    void each_regime_fires_by_regulatory_status_jurisdiction_harm_and_date(String site, org.onus.registry.AiSystem system,
                                                                          IncidentFacts.Harm harm, String awareAt, List<ReportKind> expected) {
        IncidentFacts f = at(awareAt, site.equals("US") ? NEW_YORK : BERLIN, site, system, harm);

        assertThat(kinds(f)).containsExactlyInAnyOrderElementsOf(expected);
        for (OwedReport r : owed(f)) {
            assertThat(r.basis()).as("every owed report cites its provisions").isNotBlank();
            assertThat(r.owedBy()).isIn("st-mary", "acme");
            assertThat(r.reason()).isNotBlank();
        }
    }

    @Test
    void a_regime_that_could_apply_but_does_not_says_why() {
        RegulatoryClocks.Assessment early = CLOCKS.assess(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, death()));
        assertThat(early.notOwed()).anySatisfy(s -> assertThat(s).contains("2028-08-02")
                .contains("Art. 113 as amended by Regulation (EU) 2026/1744"));
        RegulatoryClocks.Assessment annexIII = CLOCKS.assess(at(NOV_2026, BERLIN, "NL", HIGH_RISK_NOT_DEVICE, death()));
        assertThat(annexIII.owed()).isEmpty();
        assertThat(annexIII.notOwed()).anySatisfy(s -> assertThat(s).contains("2027-12-02"));

        RegulatoryClocks.Assessment notDevice = CLOCKS.assess(at(NOV_2026, NEW_YORK, "US", HIGH_RISK_NOT_DEVICE, death()));
        assertThat(notDevice.notOwed()).anySatisfy(s -> assertThat(s).startsWith("21 CFR 803").contains("not registered as a medical device"));

        RegulatoryClocks.Assessment limited = CLOCKS.assess(at(NOV_2026, BERLIN, "NL", LIMITED_RISK, death()));
        assertThat(limited.notOwed()).anySatisfy(s -> assertThat(s).contains("limited"))
                .anySatisfy(s -> assertThat(s).startsWith("EU MDR"));

        RegulatoryClocks.Assessment deviceHealthOnly = CLOCKS.assess(at(SEP_2028, BERLIN, "DE", DEVICE_HIGH_RISK, death()));
        assertThat(deviceHealthOnly.notOwed()).anySatisfy(s -> assertThat(s).contains("73(10)"));
    }

    @Test
    void device_vigilance_allows_15_days_10_for_a_death_or_an_unanticipated_deterioration_and_2_for_a_public_health_threat() {
        ReportKind k = ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY;
        OwedReport anticipated = only(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, injury(false)), k);
        OwedReport unanticipated = only(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, injury(true)), k);
        OwedReport died = only(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, death()), k);
        OwedReport threat = only(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, death().withSeriousPublicHealthThreat()), k);

        assertThat(anticipated.limit()).isEqualTo(TimeLimit.calendarDays(15));
        assertThat(anticipated.basis()).isEqualTo("MDR Art. 87(1)(a), 87(3)");
        assertThat(anticipated.lastDay()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(unanticipated.limit()).isEqualTo(TimeLimit.calendarDays(10));
        assertThat(unanticipated.basis()).isEqualTo("MDR Art. 87(1)(a), 87(5)");
        assertThat(died.limit()).isEqualTo(TimeLimit.calendarDays(10));
        assertThat(died.lastDay()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(threat.limit()).isEqualTo(TimeLimit.calendarDays(2));
        assertThat(threat.basis()).isEqualTo("MDR Art. 87(1)(a), 87(4)");
        assertThat(threat.lastDay()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(threat.dueBy()).isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
        assertThat(died.owedBy()).isEqualTo("acme");
        assertThat(died.to()).isEqualTo("the competent authority for medical devices of DE");
    }

    @Test
    void the_ai_act_allows_15_days_10_for_a_death_and_2_for_a_widespread_infringement_or_critical_infrastructure() {
        ReportKind k = ReportKind.SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE;
        OwedReport harm = only(at(JAN_2028, BERLIN, "IT", HIGH_RISK_NOT_DEVICE, injury(true)), k);
        OwedReport rights = only(at(JAN_2028, BERLIN, "IT", HIGH_RISK_NOT_DEVICE,
                IncidentFacts.Harm.NONE.withFundamentalRightsInfringement(false)), k);
        OwedReport died = only(at(JAN_2028, BERLIN, "IT", HIGH_RISK_NOT_DEVICE, death()), k);
        OwedReport widespread = only(at(JAN_2028, BERLIN, "IT", HIGH_RISK_NOT_DEVICE,
                death().withFundamentalRightsInfringement(true)), k);
        OwedReport infrastructure = only(at(JAN_2028, BERLIN, "IT", HIGH_RISK_NOT_DEVICE,
                IncidentFacts.Harm.NONE.withCriticalInfrastructureDisruption()), k);

        assertThat(harm.limit()).isEqualTo(TimeLimit.calendarDays(15));
        assertThat(harm.basis()).isEqualTo("AI Act Art. 73(1), 73(2)");
        assertThat(rights.limit()).isEqualTo(TimeLimit.calendarDays(15));
        assertThat(died.limit()).isEqualTo(TimeLimit.calendarDays(10));
        assertThat(died.basis()).isEqualTo("AI Act Art. 73(1), 73(4)");
        assertThat(widespread.limit()).isEqualTo(TimeLimit.calendarDays(2));
        assertThat(widespread.basis()).isEqualTo("AI Act Art. 73(1), 73(3)");
        assertThat(infrastructure.limit()).isEqualTo(TimeLimit.calendarDays(2));
        assertThat(harm.to()).isEqualTo("the market surveillance authority of IT");
    }

    @Test
    void device_ai_notifies_fundamental_rights_infringements_under_the_ai_act_in_15_days_or_2_when_widespread() {
        ReportKind k = ReportKind.FUNDAMENTAL_RIGHTS_INFRINGEMENT;
        OwedReport single = only(at(SEP_2028, BERLIN, "AT", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE.withFundamentalRightsInfringement(false)), k);
        OwedReport widespread = only(at(SEP_2028, BERLIN, "AT", DEVICE_HIGH_RISK, IncidentFacts.Harm.NONE.withFundamentalRightsInfringement(true)), k);

        assertThat(single.limit()).isEqualTo(TimeLimit.calendarDays(15));
        assertThat(single.basis()).isEqualTo("AI Act Art. 73(10), 73(2)");
        assertThat(widespread.limit()).isEqualTo(TimeLimit.calendarDays(2));
        assertThat(single.owedBy()).isEqualTo("acme");
    }

    @Test
    void the_deployer_informs_first_the_provider_then_the_market_surveillance_authority_immediately_with_no_number_of_days() {
        IncidentFacts f = at(JAN_2028, BERLIN, "DE", HIGH_RISK_NOT_DEVICE, injury(false));
        OwedReport r = only(f, ReportKind.DEPLOYER_INFORMS_PROVIDER);
        OwedReport authority = only(f, ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE);

        assertThat(authority.immediately()).isTrue();
        assertThat(authority.owedBy()).isEqualTo("st-mary");
        assertThat(authority.to()).isEqualTo("the market surveillance authority of DE, after the provider");

        assertThat(r.immediately()).isTrue();
        assertThat(r.dueBy()).isNull();
        assertThat(r.lastDay()).isNull();
        assertThat(r.owedBy()).isEqualTo("st-mary");
        assertThat(r.to()).isEqualTo("the provider, acme");
        assertThat(r.basis()).isEqualTo("AI Act Art. 26(5)");
    }

    @Test
    void a_us_user_facility_has_10_work_days_and_the_manufacturer_30_calendar_days_or_5_work_days_for_remedial_action() {
        IncidentFacts f = at("2026-11-18T15:00:00Z", NEW_YORK, "US", DEVICE_HIGH_RISK, death());

        OwedReport toFda = only(f, ReportKind.USER_FACILITY_DEATH_TO_FDA);
        OwedReport thirty = only(f, ReportKind.MANUFACTURER_30_DAY);
        OwedReport five = only(Facts.remedial(f), ReportKind.MANUFACTURER_5_DAY);

        // Wed 18 Nov: 19, 20, 23, 24, 25, (26 Thanksgiving), 27, 30 Nov, 1, 2, 3 Dec
        assertThat(toFda.limit()).isEqualTo(TimeLimit.workDays(10));
        assertThat(toFda.lastDay()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(toFda.owedBy()).isEqualTo("st-mary");
        assertThat(toFda.to()).isEqualTo("FDA");
        assertThat(toFda.basis()).isEqualTo("21 CFR 803.10(a)(1)(i), 803.30(a)(1)");
        assertThat(only(f, ReportKind.USER_FACILITY_DEATH_TO_MANUFACTURER).to()).isEqualTo("the manufacturer, acme");
        assertThat(thirty.lastDay()).isEqualTo(LocalDate.of(2026, 12, 18));
        assertThat(thirty.basis()).isEqualTo("21 CFR 803.10(c)(1), 803.50(a)");
        assertThat(five.limit()).isEqualTo(TimeLimit.workDays(5));
        assertThat(five.lastDay()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(five.basis()).isEqualTo("21 CFR 803.10(c)(2)(i), 803.53(a)");
        assertThat(kinds(Facts.remedial(f))).doesNotContain(ReportKind.MANUFACTURER_30_DAY);
    }

    @Test
    void awareness_late_on_a_friday_in_new_york_counts_new_york_days_not_utc_days() {
        // Friday 27 Nov 2026, 21:30 in New York, is already Saturday in UTC
        IncidentFacts f = at("2026-11-28T02:30:00Z", NEW_YORK, "US", DEVICE_HIGH_RISK, death());

        OwedReport facility = only(f, ReportKind.USER_FACILITY_DEATH_TO_FDA);
        OwedReport thirty = only(f, ReportKind.MANUFACTURER_30_DAY);

        assertThat(facility.lastDay()).isEqualTo(LocalDate.of(2026, 12, 11));
        assertThat(facility.dueBy()).isEqualTo(Instant.parse("2026-12-12T05:00:00Z"));
        assertThat(thirty.lastDay()).as("30 days from Friday, not from Saturday").isEqualTo(LocalDate.of(2026, 12, 27));
        assertThat(thirty.dueBy()).isEqualTo(Instant.parse("2026-12-28T05:00:00Z"));
    }

    @Test
    void awareness_late_on_a_thursday_in_new_york_before_thanksgiving_weekend() {
        // Thursday 19 Nov 2026, 22:30 in New York (Friday 03:30 UTC): 5 work days are 20, 23, 24, 25 and 27 Nov
        IncidentFacts f = Facts.remedial(at("2026-11-20T03:30:00Z", NEW_YORK, "US", DEVICE_HIGH_RISK, injury(false)));

        assertThat(only(f, ReportKind.MANUFACTURER_5_DAY).lastDay()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void a_deadline_across_the_change_to_summer_time_ends_at_local_midnight() {
        // Berlin switches to CEST on Sunday 29 March 2026
        OwedReport r = only(at("2026-03-20T09:00:00Z", BERLIN, "DE", DEVICE_HIGH_RISK, death()),
                ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY);

        assertThat(r.lastDay()).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(r.dueBy()).isEqualTo(Instant.parse("2026-03-30T22:00:00Z"));
    }

    @Test
    void the_manufacturer_clock_runs_from_its_own_awareness_when_known_and_the_sites_from_the_sites() {
        IncidentFacts f = Facts.manufacturer(at("2026-11-18T15:00:00Z", NEW_YORK, "US", DEVICE_HIGH_RISK, death()), "US",
                "2026-12-01T15:00:00Z");

        assertThat(only(f, ReportKind.MANUFACTURER_30_DAY).startsAt()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
        assertThat(only(f, ReportKind.MANUFACTURER_30_DAY).lastDay()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(only(f, ReportKind.USER_FACILITY_DEATH_TO_FDA).startsAt()).isEqualTo(Instant.parse("2026-11-18T15:00:00Z"));
    }

    @Test
    void a_manufacturer_outside_the_union_reports_through_its_authorised_representative() {
        IncidentFacts f = Facts.manufacturer(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, death()), "US", null);

        assertThat(only(f, ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY).reason()).contains("authorised representative (MDR Art. 11)");
        assertThat(only(Facts.manufacturer(at(JAN_2028, BERLIN, "DE", HIGH_RISK_NOT_DEVICE, death()), "US", null),
                ReportKind.SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE).reason()).contains("authorised representative (AI Act Art. 22)");
        assertThat(only(at(NOV_2026, BERLIN, "DE", DEVICE_HIGH_RISK, death()), ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY)
                .reason()).doesNotContain("authorised representative");
    }

    @Test
    void a_site_naming_only_the_union_reports_to_the_authority_of_the_member_state_where_it_occurred() {
        OwedReport r = only(at(NOV_2026, BERLIN, "EU", DEVICE_HIGH_RISK, death()), ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY);

        assertThat(r.to()).endsWith("of the member state where the incident occurred");
    }

    @Test
    void the_ai_act_dates_as_first_enacted_can_be_chosen_instead() {
        RegulatoryClocks enacted = new RegulatoryClocks(WorkCalendars.builtIn(), RegulatoryClocks.AiActDates.AS_ENACTED_2024);
        IncidentFacts f = at(NOV_2026, BERLIN, "NL", HIGH_RISK_NOT_DEVICE, injury(false));

        assertThat(enacted.assess(f).owed()).extracting(OwedReport::kind)
                .containsExactlyInAnyOrder(ReportKind.DEPLOYER_INFORMS_PROVIDER, ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE,
                                ReportKind.SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE);
        assertThat(CLOCKS.assess(f).owed()).isEmpty();
    }

    @Test
    void work_days_in_a_jurisdiction_without_a_calendar_skip_weekends_and_say_so() {
        RegulatoryClocks noCalendars = new RegulatoryClocks(WorkCalendars.of(java.util.Map.of()));
        OwedReport r = noCalendars.assess(at("2026-11-18T15:00:00Z", NEW_YORK, "US", DEVICE_HIGH_RISK, death())).owed().get(0);

        assertThat(r.lastDay()).as("Thanksgiving counted as a work day").isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(r.reason()).contains("no holiday calendar for US");
    }
}
