// Computes the doctor view: one check per probe, with its status and a one-line detail, the
// store's figures, and the summary sentence. Pure.
import { formatCount } from '../../domain/format.js';
import { isoDate } from '../../domain/time.js';
import type { DoctorInputs, DoctorRequest } from './load.js';
import type { DoctorCheck, DoctorView } from './model.js';

const TOKEN_WHY: Readonly<Record<string, string>> = {
  GITHUB_TOKEN: 'GitHub allows 60 requests/hour without one, 5,000 with one',
  HF_TOKEN: 'optional: raises the Hub rate limits and reaches gated models',
};

export function computeDoctorView(inputs: DoctorInputs, request: Pick<DoctorRequest, 'today'>): DoctorView {
  const { checks: storeChecks, summary } = storePart(inputs.store);
  const checks: DoctorCheck[] = [...storeChecks, ...configChecks(inputs.config), ...tokenChecks(inputs.tokens)];
  checks.push(...upstreamChecks(inputs.upstream));
  return {
    schema: 'kept.doctor/v2',
    checkedAt: isoDate(request.today),
    ...summary,
    ok: !checks.some((c) => c.status === 'fail'),
    checks,
    summary: doctorSummary(checks),
  };
}

type StoreSummary = Pick<
  DoctorView,
  | 'backend'
  | 'location'
  | 'server'
  | 'uncommittedRows'
  | 'schemaVersion'
  | 'expectedSchemaVersion'
  | 'tables'
  | 'problems'
>;

function storePart(s: DoctorInputs['store']): { checks: DoctorCheck[]; summary: StoreSummary } {
  const empty: StoreSummary = {
    backend: null,
    location: s.location,
    schemaVersion: null,
    expectedSchemaVersion: null,
    tables: {},
    problems: [],
  };
  switch (s.state) {
    case 'missing':
      return {
        checks: [
          {
            area: 'store',
            name: 'database',
            status: 'warn',
            detail: `no database yet at ${s.location} (kept demo, kept import or kept collect creates it)`,
          },
        ],
        summary: empty,
      };
    case 'unopenable':
      return {
        checks: [{ area: 'store', name: 'database', status: 'fail', detail: s.error }],
        summary: { ...empty, problems: [s.error] },
      };
    case 'failed':
      return {
        checks: [{ area: 'store', name: 'integrity', status: 'fail', detail: s.error }],
        summary: { ...empty, problems: [s.error] },
      };
    case 'open': {
      const i = s.integrity;
      const checks: DoctorCheck[] = [
        {
          area: 'store',
          name: 'database',
          status: 'ok',
          detail: `${s.backend} at ${s.location}${s.server ? ` (server ${s.server})` : ''}`,
        },
        {
          area: 'store',
          name: 'schema',
          status: i.schemaVersion === i.expectedSchemaVersion ? 'ok' : 'fail',
          detail: `version ${i.schemaVersion} (this kept expects ${i.expectedSchemaVersion})`,
        },
        {
          area: 'store',
          name: 'integrity',
          status: i.ok ? 'ok' : 'fail',
          detail: i.ok ? 'no orphaned rows, partial batches or duplicate identities' : i.problems.join('; '),
        },
      ];
      if (s.uncommittedRows)
        checks.push({
          area: 'store',
          name: 'interrupted batches',
          status: 'warn',
          detail: `${s.uncommittedRows} row(s) of interrupted batches (invisible to reads; kept doctor --repair deletes them)`,
        });
      checks.push({
        area: 'store',
        name: 'contents',
        status: 'ok',
        detail: `${s.stats.batches} batch(es); ${Object.entries(s.stats.tables)
          .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
          .join(', ')}`,
      });
      return {
        checks,
        summary: {
          backend: s.backend,
          location: s.location,
          ...(s.server === undefined ? {} : { server: s.server }),
          ...(s.uncommittedRows === undefined ? {} : { uncommittedRows: s.uncommittedRows }),
          schemaVersion: i.schemaVersion,
          expectedSchemaVersion: i.expectedSchemaVersion,
          tables: { ...s.stats.tables },
          problems: [...i.problems],
        },
      };
    }
  }
}

function configChecks(c: DoctorInputs['config']): DoctorCheck[] {
  if (c.state === 'failed') return [{ area: 'config', name: 'file', status: 'fail', detail: c.error }];
  return [
    {
      area: 'config',
      name: 'file',
      status: 'ok',
      detail: `${c.path ?? 'none (built-in catalog only)'}; ${c.projects} project entr${c.projects === 1 ? 'y' : 'ies'}`,
    },
    ...c.warnings.map((w): DoctorCheck => ({ area: 'config', name: 'warning', status: 'warn', detail: w })),
  ];
}

function tokenChecks(tokens: DoctorInputs['tokens']): DoctorCheck[] {
  return tokens.map((t) => ({
    area: 'tokens',
    name: t.name,
    status: t.set ? 'ok' : 'warn',
    detail: t.set ? 'set (value not shown)' : `not set: ${TOKEN_WHY[t.name] ?? 'optional'}`,
  }));
}

function upstreamChecks(u: DoctorInputs['upstream']): DoctorCheck[] {
  if (u === null) return [{ area: 'upstream', name: 'reachability', status: 'skip', detail: 'not probed (--offline)' }];
  if (typeof u === 'string') return [{ area: 'upstream', name: 'base URLs', status: 'warn', detail: u }];
  return u.map((p): DoctorCheck => {
    if ('error' in p)
      return {
        area: 'upstream',
        name: p.name,
        status: 'warn',
        detail: `offline or unreachable: ${p.url} (${p.error})`,
      };
    const budget = p.rateLimitRemaining === null ? '' : `; rate-limit budget ${p.rateLimitRemaining} request(s) left`;
    return {
      area: 'upstream',
      name: p.name,
      status: p.status < 500 ? 'ok' : 'warn',
      detail: `${p.url} answered ${p.status}${budget}`,
    };
  });
}

function doctorSummary(checks: readonly DoctorCheck[]): string {
  const by = (status: DoctorCheck['status']): DoctorCheck[] => checks.filter((c) => c.status === status);
  const names = (cs: readonly DoctorCheck[]): string => cs.map((c) => `${c.area} ${c.name}`).join(', ');
  const fail = by('fail');
  const warn = by('warn');
  const skip = by('skip');
  const parts = [
    fail.length
      ? `${formatCount(fail.length)} of ${formatCount(checks.length)} checks failed (${names(fail)})`
      : `No check failed (${formatCount(checks.length - warn.length - skip.length)} of ${formatCount(checks.length)} ok)`,
  ];
  if (warn.length) parts.push(`${formatCount(warn.length)} warning${warn.length === 1 ? '' : 's'} (${names(warn)})`);
  if (skip.length) parts.push(`${formatCount(skip.length)} skipped (${names(skip)})`);
  return `${parts.join('; ')}.`;
}
