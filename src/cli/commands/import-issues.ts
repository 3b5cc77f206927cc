// The `issues` kind of `kept import`: JSON-lines GitHub issues stored as the repository's issue records.
import { isoDate } from '../../domain/time.js';
import { importIssues } from '../../ingest/import/issues.js';
import type { ImportKind } from './import.js';

export const ISSUES_IMPORT_KIND: ImportKind = {
  description:
    'GitHub issues, one REST issue JSON object per line (.jsonl or .jsonl.gz); --repo owner/name when html_url is absent, --sample to mark a sample',
  async run(ctx, store, file, at, opts = {}) {
    const r = await importIssues(store, file, {
      ...(opts.repo ? { repo: opts.repo } : {}),
      ...(opts.sample ? { sample: opts.sample } : {}),
      ...(at ? { at } : {}),
      fetchedAt: ctx.now(),
    });
    return `imported ${file}: ${r.issues} issues and ${r.pullRequests} pull requests of github:${r.repo} (states as of ${isoDate(r.observedAt)}), ${r.added} new rows${r.added === 0 ? ' (already stored)' : ''}`;
  },
};
