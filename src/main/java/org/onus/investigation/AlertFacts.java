package org.onus.investigation;

import java.time.Instant;
import java.util.List;

/**
 * A monitoring alert raised on the deployment before the incident, and what was done about it:
 * its acknowledgement and action entries ({@code alert.acknowledgement}, {@code alert.action}),
 * if any. {@code sentTo} names whom it went to; {@code manufacturerNotified} says it was also a
 * post-market signal sent to the manufacturer; {@code respondBy} is the deadline the alert itself
 * set (from the authorization's response time when it was raised), if it set one.
 */
public record AlertFacts(String id, long index, Instant raisedAt, String deployment, String summary, List<String> sentTo,
                         boolean manufacturerNotified, Instant respondBy, Long acknowledgementIndex, Instant acknowledgedAt, Long actionIndex,
                         Instant actedAt) {

    public AlertFacts {
        sentTo = sentTo == null ? List.of() : List.copyOf(sentTo);
    }
}
