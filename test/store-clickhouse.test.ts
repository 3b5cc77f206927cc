// The store contract on a real ClickHouse server (started by the test, see helpers/clickhouse-server.ts);
// skips with the install hint when clickhouse-server is not installed.
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
