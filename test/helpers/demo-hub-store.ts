// The demo database with everything `kept demo` bundles (PyPI snapshots and Hub model trees):
// the same store as demoStore(), kept under this name for the views that read Hub data.
export { demoStore as demoHubStore } from './demo-store.js';
