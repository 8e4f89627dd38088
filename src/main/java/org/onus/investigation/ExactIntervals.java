package org.onus.investigation;

import org.onus.stats.Proportion;

/**
 * The Clopper-Pearson exact interval of {@link org.onus.stats.Proportion}: what the performance
 * rule rests on, because it guarantees at least the nominal coverage, so a finding that a product
 * performs below its claim is never an artefact of an approximate interval.
 */
public final class ExactIntervals implements ProportionIntervals {

    @Override
    public ProportionIntervals.Interval interval(long events, long trials, double confidence) {
        org.onus.stats.Interval i = new Proportion(events, trials).clopperPearson(confidence);
        return new ProportionIntervals.Interval(i.lower(), i.upper(), "Clopper-Pearson exact");
    }
}
