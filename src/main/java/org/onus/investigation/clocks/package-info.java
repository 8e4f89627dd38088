/**
 * Regulatory clocks: which reports an incident owes under EU device vigilance (MDR Art. 87), the
 * AI Act (Art. 73, 26(5)) and US FDA device reporting (21 CFR 803), owed by whom, to whom, by
 * when, on which provisions, and where each stands as of any instant.
 *
 * <p>Public surface: {@link org.onus.investigation.clocks.RegulatoryClocks} (facts to owed
 * reports, pure), {@link org.onus.investigation.clocks.RegulatoryReports} (the same with the
 * filings recorded in a tenant's log), {@link org.onus.investigation.clocks.IncidentFactsSource}
 * (the seam to recorded incidents) and {@link org.onus.investigation.clocks.WorkCalendars} (the
 * holiday calendars work days are counted with). Nothing here knows HTTP or SQL.
 */
package org.onus.investigation.clocks;
