// Loads the contributors view's input: the latest contributor report stored for a subject (a
// project, or the clone it was computed from). Reports are written by ingest/contributors.ts.
import { upgradeContributorReport, type ContributorReport } from '../../domain/contributors.js';
import { NotFoundError } from '../../domain/errors.js';
import { CONTRIBUTORS_RECORD_KIND } from '../../domain/records.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import { suggest } from '../../config/resolve.js';
import type { Store, StoredRecord } from '../../store/store.js';
import type { ViewRequest } from '../view.js';

export { CONTRIBUTORS_RECORD_KIND };

export interface ContributorsRequest extends ViewRequest {
  /** project:<id>, git:<path of a clone> or github:<owner/repo>. */
  readonly subject: Subject;
}

/** The latest of one subject's stored contributor records (the first stored, on a tie), in the current shape. */
export function latestContributorReport(records: readonly StoredRecord[]): ContributorReport | undefined {
  const latest = [...records].sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())[0];
  return latest ? upgradeContributorReport(latest.data) : undefined;
}

export async function loadContributors(store: Store, request: ContributorsRequest): Promise<ContributorReport> {
  const s = request.subject;
  const report = latestContributorReport(await store.records({ subjects: [s], kinds: [CONTRIBUTORS_RECORD_KIND] }));
  if (report) return report;
  const analysed = (await store.subjects(s.kind)).map((x) => x.id);
  const near = suggest(s.id, analysed);
  throw new NotFoundError(`no contributor report stored for ${formatSubject(s)} in ${store.location}`, {
    hint: near.length
      ? `did you mean ${near.map((n) => `${s.kind}:${n}`).join(' or ')}?`
      : s.kind === 'project'
        ? `analyse a clone first: kept contributors DIR --project ${s.id} (or kept contributors ${s.id} --github)`
        : 'analyse it first: kept contributors DIR',
  });
}
