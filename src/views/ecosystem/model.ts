// The ecosystem view: Hub download share by developer region over time, concentration, size
// classes, licence mix, the family table and month-over-month changes, each with its coverage and
// its method (docs/ecosystem.md). Schema kept.ecosystem/v2: v1 plus `summary`, `sentences` and `notes`.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { fraction, isoDay } from '../shared/schema.js';

const shareRow = z.object({
  key: z.string(),
  models: z.number(),
  downloads: z.number(),
  share: fraction.describe('share of the downloads'),
  modelShare: fraction.describe('share of the models'),
});
const snapshotShares = z.object({
  snapshot: isoDay,
  models: z.number(),
  downloads: z.number(),
  rows: z.array(shareRow),
  partial: z
    .boolean()
    .optional()
    .describe('true: far fewer models than the widest snapshot (partialSnapshots); shown, counted in no share'),
});
const concentration = z.object({
  level: z.enum(['model', 'org', 'family', 'region']),
  units: z.number(),
  total: z.number(),
  hhi: fraction.describe('Σ share²'),
  gini: fraction.describe('2·Σ i·x(i) / (n·Σx) − (n+1)/n, x ascending'),
  top: z
    .array(z.object({ n: z.number().int(), share: fraction }))
    .describe('downloads of the N largest units over all'),
  zeroShare: fraction.describe('units with zero downloads over units'),
});
const change = z.object({
  key: z.string(),
  downloadsFrom: z.number(),
  downloadsTo: z.number(),
  growth: z.number().nullable().describe('relative change of downloads as a fraction; null from zero'),
  shareFrom: fraction,
  shareTo: fraction,
  sharePoints: z.number().nullable().describe('change of share in percentage points'),
});

export const ecosystemViewSchema = z
  .object({
    schema: z.literal('kept.ecosystem/v2'),
    asOf: isoDay,
    snapshot: isoDay.describe(
      'the latest snapshot on or before asOf: the point-in-time sections describe it (even when it lies before the window; freshness says how old it is)',
    ),
    freshness: freshnessSchema.describe('where the latest Hub snapshot lies against asOf'),
    windowMonths: z.number().int().positive(),
    windowStart: isoDay.describe('the window is (windowStart, asOf]: asOf − windowMonths, exclusive'),
    snapshots: z
      .array(isoDay)
      .describe('snapshots in (windowStart, asOf], ascending; empty when the latest snapshot is older than the window'),
    method: z
      .object({
        downloads: z.string(),
        region: z.string(),
        window: z.string(),
        weights: z.string(),
        differenced: z.string(),
        concentration: z.string(),
        size: z.string(),
        licence: z.string(),
        family: z.string(),
        memory: z.string(),
        monthOverMonth: z.string(),
      })
      .describe('how each section is computed, one sentence each'),
    coverage: z.object({
      models: z.number(),
      downloads: z.number(),
      attributes: z.array(
        z.object({
          attribute: z.enum(['region', 'size', 'licence', 'family']),
          basis: z
            .string()
            .describe(
              'region: map | map-unknown | unmapped; size: catalog | hub | name | unknown; licence: known | unknown; family: name | base-model | none',
            ),
          models: z.number(),
          downloads: z.number(),
          share: fraction,
        }),
      ),
      regionAttributedShare: fraction,
      sizeKnownShare: fraction,
      licenceKnownShare: fraction,
      familyKnownShare: fraction,
    }),
    regionShare: z.object({
      series: z
        .array(snapshotShares)
        .describe('30-day downloads at each snapshot, by developer region (us, china, eu, other, unknown)'),
      window: snapshotShares
        .extend({
          from: isoDay.nullable().describe('the first snapshot in the window; null when none lies in it'),
          to: isoDay.nullable().describe('the last snapshot in the window; null when none lies in it'),
          snapshotCount: z.number().int(),
        })
        .describe('sum of the 30-day counts of the window’s snapshots (only those inside the window)'),
      differenced: z
        .array(snapshotShares.extend({ from: isoDay, decreasedModels: z.number() }))
        .describe('all-time totals differenced between consecutive snapshots'),
      weights: z
        .array(snapshotShares.extend({ derivativeModels: z.number(), derivativeDownloads: z.number() }))
        .describe('whose weights: derivatives counted for their base model’s developer region'),
    }),
    concentration: z.array(concentration).describe('at the as-of snapshot'),
    concentrationSeries: z.array(concentration.extend({ snapshot: isoDay })),
    sizeClasses: z.array(snapshotShares).describe('keys <1B, 1–10B, 10–50B, ≥50B, unknown'),
    licenceMix: z.array(snapshotShares).describe('keys open, restricted, unknown'),
    families: z.array(
      z.object({
        family: z.string(),
        models: z.number(),
        downloads: z.number(),
        share: fraction,
        orgs: z.number(),
        topOrgs: z.array(z.string()).max(5),
        minParameters: z.number().nullable(),
        maxParameters: z.number().nullable(),
        sizeKnown: z.number(),
        edgeModels: z.number().describe('models with at most 4B parameters'),
        viaBaseModel: z.number(),
        licences: z.array(z.object({ licence: z.string(), models: z.number() })).max(5),
        licenceUnknown: z.number(),
        libraries: z.array(z.object({ library: z.string(), models: z.number() })).max(5),
      }),
    ),
    topOrgs: z.array(
      z.object({ org: z.string(), region: z.string(), models: z.number(), downloads: z.number(), share: fraction }),
    ),
    monthOverMonth: z
      .object({
        from: isoDay,
        to: isoDay,
        downloadsFrom: z.number(),
        downloadsTo: z.number(),
        growth: z.number().nullable(),
        regions: z.array(change),
        sizeClasses: z.array(change),
        licenceClasses: z.array(change),
        families: z.array(change),
      })
      .nullable(),
    memory: z
      .array(
        z.object({
          family: z.string(),
          parameters: z.number(),
          gb: z
            .object({ fp32: z.number(), bf16: z.number(), int8: z.number(), int4: z.number() })
            .describe('weights only, GB of 10⁹ bytes'),
          fits8GbAt: z
            .enum(['fp32', 'bf16', 'int8', 'int4'])
            .nullable()
            .describe('the most precise format whose weights fit 8 GB'),
        }),
      )
      .describe('each family’s smallest and largest known size'),
    summary: z.string().describe('the as-of date, the window and its snapshots, in one sentence'),
    sentences: z
      .object({
        coverage: z
          .string()
          .describe('models and downloads of the as-of snapshot, and the share each attribute covers'),
        regionCoverage: z.string(),
        sizeCoverage: z.string(),
        licenceCoverage: z.string(),
        familyCoverage: z.string(),
        window: z.string().describe('the window share by region'),
        weights: z
          .string()
          .nullable()
          .describe('why the whose-weights table is missing (no base-model relations stored); null when it is shown'),
        monthOverMonth: z
          .string()
          .describe('the change of downloads between the last two snapshots, or why there is none'),
      })
      .describe('every sentence the report shows, each figure from the fields above'),
    partialSnapshots: z
      .array(z.object({ snapshot: isoDay, models: z.number().int() }))
      .describe(
        'snapshots in the window holding fewer than half the models of the widest snapshot on or before asOf (one organisation scraped beside a whole-Hub export): the region series shows them marked partial; no share counts them',
      ),
    notes: z
      .array(z.string())
      .describe('data that is not current (freshness.note), and the partial snapshots left out'),
  })
  .describe(
    'kept ecosystem: the Hub ecosystem report (method: docs/ecosystem.md). v2 adds `summary`, `sentences` and `notes` to v1; every v1 field is unchanged',
  );

export type EcosystemView = z.output<typeof ecosystemViewSchema>;
