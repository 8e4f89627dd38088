package org.onus.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store passes the store contract when no lookup key has been filed in its index
 * file yet: every read finds them among the appends held in memory, and, after each reopen, in
 * the file, caught up from the log's record of them as after a crash.
 */
class SqliteStoreUnfiledTest extends LedgerStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected LedgerStore openFreshStore() {
        return SqliteStore.openWithoutIndexer(dataDir);
    }

    @Override
    protected LedgerStore reopen(LedgerStore store) {
        store.close();
        return SqliteStore.openWithoutIndexer(dataDir);
    }
}
