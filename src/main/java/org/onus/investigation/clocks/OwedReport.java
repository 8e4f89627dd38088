package org.onus.investigation.clocks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One report an incident triggers: what, by whom, to whom, by when, and on which provisions.
 *
 * @param kind the report (its regime, reporter and recipient)
 * @param owedBy the party id of whoever owes it (the site, or the system's manufacturer)
 * @param to the recipient, spelt out: "the national competent authority of DE", "FDA"
 * @param limit the time the law allows
 * @param startsAt the awareness the clock runs from
 * @param zone the time zone whose days the clock counts
 * @param lastDay the last day to file on (in {@code zone}); null when due immediately
 * @param dueBy the first instant that is too late (the start of the day after {@code lastDay});
 *     null when due immediately
 * @param basis the provisions the duty and its clock rest on, e.g. "MDR Art. 87(1)(a), 87(5)"
 * @param reason why it is owed, from the facts: "a death; the system is a medical device; the site is in DE"
 */
public record OwedReport(ReportKind kind, String owedBy, String to, TimeLimit limit, Instant startsAt, ZoneId zone,
                         LocalDate lastDay, Instant dueBy, String basis, String reason) {

    public boolean immediately() {
        return limit.immediately();
    }
}
