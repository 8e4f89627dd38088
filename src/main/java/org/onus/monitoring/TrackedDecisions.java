package org.onus.monitoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Tracking records by decision ledger index. Ledger indexes are dense and only grow, so records
 * live in pages of 65,536 slots addressed by the index itself: no boxing, no hashing and no
 * rehashing of a map holding millions of decisions (about 8 bytes a slot, a third of which hold a
 * decision in a typical ledger of decisions, actions and outcomes).
 */
final class TrackedDecisions {

    private static final int PAGE_BITS = 16;
    private static final int PAGE = 1 << PAGE_BITS;

    private final List<Aggregator.Tracked[]> pages = new ArrayList<>();

    Aggregator.Tracked get(long index) {
        int page = (int) (index >>> PAGE_BITS);
        if (index < 0 || page >= pages.size()) {
            return null;
        }
        Aggregator.Tracked[] p = pages.get(page);
        return p == null ? null : p[(int) (index & (PAGE - 1))];
    }

    void put(long index, Aggregator.Tracked t) {
        int page = (int) (index >>> PAGE_BITS);
        while (pages.size() <= page) {
            pages.add(null);
        }
        Aggregator.Tracked[] p = pages.get(page);
        if (p == null) {
            p = new Aggregator.Tracked[PAGE];
            pages.set(page, p);
        }
        p[(int) (index & (PAGE - 1))] = t;
    }

    Aggregator.Tracked remove(long index) {
        Aggregator.Tracked t = get(index);
        if (t != null) {
            pages.get((int) (index >>> PAGE_BITS))[(int) (index & (PAGE - 1))] = null;
        }
        return t;
    }
}
