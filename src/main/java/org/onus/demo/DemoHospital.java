package org.onus.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A realistic hospital organisation and 90 days of its clinical AI use, generated
 * deterministically from a seed and a start instant, as the JSON bodies the Onus API takes, in
 * the order they must be recorded.
 *
 * <p><b>The story.</b> Two sites of one organisation, Klinikum Rheinaue Köln (DE) and Lakeshore
 * General Hospital, Chicago (US), governed by one AI committee, run four products: LuminaMammo
 * Detect (screening mammography, a device), SentinelRisk (a suicide-risk score, not a device),
 * the Surgenix Orion's assistance functions (a surgical robot, a device) and ScribeWell Ambient
 * (an ambient documentation scribe). About 40 clinicians use them under eight authorizations.
 * Each product's true performance is simulated per subgroup so that observed figures agree with
 * the card's claims, except where a problem was planted; {@link #summary()} names every planted
 * problem and scripted incident with the ids that exhibit it.
 *
 * <p><b>Order.</b> Registry records first (parties, systems, versions, local validations,
 * clinicians, authorizations), then everything with an event time in time order: decisions,
 * actions, outcomes, and the registry changes that happen during the window (an amendment, a
 * local validation, notices and receipts, a clinician's renewed training). Every reference points
 * to a record earlier in the stream, except a decision's reported version where the planted
 * problem is precisely that it was never registered.
 *
 * <p><b>Cost.</b> The stream is generated lazily, a simulated day at a time; about a month of
 * pending outcomes is held, not the whole story. At scale 1 it yields some 110,000 decisions.
 * No wall clock is read: time comes from {@code start}, randomness from {@code seed}. Every
 * generated time lies in [start, start + 90 days]; the server's clock must be past the end
 * (see {@link #startBefore(Clock)}).
 */
public final class DemoHospital implements Iterable<DemoRecord> {

    public static final int DAYS = 90;

    private final long seed;
    private final Instant start;
    private final double scale;
    private DemoSummary summary;

    /**
     * @param seed the seed of all randomness
     * @param start the first instant of the 90-day window (whole seconds)
     * @param scale volume factor: 1.0 is the full hospital (~110k decisions), 0.02 gives ~2,000;
     *              planted problems and scripted incidents are present at any scale
     */
    public DemoHospital(long seed, Instant start, double scale) {
        if (!(scale > 0 && scale <= 100)) {
            throw new IllegalArgumentException("scale must be in (0, 100], was " + scale);
        }
        this.seed = seed;
        this.start = start.truncatedTo(ChronoUnit.SECONDS);
        this.scale = scale;
    }

    /** A start such that the whole window lies in the past of {@code clock}: midnight UTC, 91 days ago. */
    public static Instant startBefore(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS + 1));
    }

    public long seed() {
        return seed;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(Duration.ofDays(DAYS));
    }

    public double scale() {
        return scale;
    }

    /** A fresh pass over the records, in recording order; each call generates anew, identically. */
    @Override
    public Iterator<DemoRecord> iterator() {
        return new Story(seed, start, DAYS, scale);
    }

    public Stream<DemoRecord> records() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** What was produced and planted; computed by one full generation pass, then kept. */
    public synchronized DemoSummary summary() {
        if (summary == null) {
            Story story = new Story(seed, start, DAYS, scale);
            while (story.hasNext()) {
                story.next();
            }
            summary = story.summary(seed);
        }
        return summary;
    }
}
