// The store contract on a real ClickHouse server (started by the test, see helpers/clickhouse-server.ts);
// skips with the install hint when clickhouse-server is not installed.
import { ClickHouseStore } from '../src/store/clickhouse/clickhouse-store.js';
import { openStore } from '../src/store/open.js';
import { CLICKHOUSE_SKIP, clickHouseServer, freshDatabase } from './helpers/clickhouse-server.js';
import { runStoreContract } from './store-contract.js';

const urls = new WeakMap<object, string>();

runStoreContract('clickhouse', {
  skip: CLICKHOUSE_SKIP,
  open: async () => {
    const url = (await clickHouseServer()).url(freshDatabase());
    const store = await openStore(url);
    urls.set(store, url);
    return store;
  },
  reopen: (s) => openStore(urls.get(s)!),
});

// Bulk loads again with every file split into three parallel insert lanes (large files take this
// path; the contract's files are small): same rows, same idempotence, same refusals.
runStoreContract('clickhouse, bulk loads in 3 lanes', {
  skip: CLICKHOUSE_SKIP,
  only: /bulkLoad|bulk load/,
  open: async () =>
    ClickHouseStore.open((await clickHouseServer()).url(freshDatabase()), { bulkLanes: { lanes: 3, minRows: 1 } }),
});
