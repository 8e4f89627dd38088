package org.onus.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store passes the store contract, in a fresh data directory per test. */
class SqliteStoreTest extends LedgerStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected LedgerStore openFreshStore() {
        return SqliteStore.open(dataDir);
    }

    @Override
    protected LedgerStore reopen(LedgerStore store) {
        store.close();
        return SqliteStore.open(dataDir);
    }
}
