package org.onus.investigation.clocks;

import java.util.Optional;
import org.onus.ledger.TenantLog;

/**
 * Where the regulatory clocks get an incident's facts: the seam between the clocks and the
 * incidents themselves. The implementation that reads recorded incidents (their awareness time,
 * harm and determinations, with the AI system and the site as registered then) belongs to the
 * investigation feature.
 *
 * <p>Guarantees owed: answers only incidents of the given tenant's log; answers empty for an
 * unknown id (never throws for it); safe to call from many request threads at once.
 */
public interface IncidentFactsSource {

    /** Knows no incident: every id is unknown. What runs until incidents are recorded. */
    IncidentFactsSource NONE = (log, incidentId) -> Optional.empty();

    Optional<IncidentFacts> facts(TenantLog log, String incidentId);
}
