// The ecosystem aggregation in DuckDB SQL: one pass attributes every Hub model with a 30-day
// download snapshot (organisation → region, family, size, licence), then small aggregates leave
// the engine. The rules arrive as data (HubAggregateQuery); every literal is escaped here.
import type {
  HubAggregateQuery,
  HubAggregates,
  HubCell,
  HubConcentrationRow,
  HubCoverageRow,
  HubDifferencedRow,
  HubFamilyRow,
  HubOrgRow,
} from '../../domain/ecosystem.js';
import { METRICS } from '../../domain/metrics.js';

type Row = Record<string, unknown>;

export interface SqlRunner {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
}

function str(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`not a finite number: ${n}`);
  return String(n);
}

function tsLit(d: Date): string {
  return `TIMESTAMP ${str(d.toISOString().replace('T', ' ').replace('Z', ''))}`;
}

function familyCase(q: HubAggregateQuery, col: string): string {
  if (q.families.length === 0) return 'NULL';
  return `CASE ${q.families.map((f) => `WHEN regexp_matches(${col}, ${str(f.pattern)}) THEN ${str(f.family)}`).join(' ')} ELSE NULL END`;
}

function sizeCase(q: HubAggregateQuery, col: string): string {
  const whens = q.sizeClasses.map((c) => `WHEN ${col} >= ${num(c.min)}${c.max === null ? '' : ` AND ${col} < ${num(c.max)}`} THEN ${str(c.name)}`);
  return `CASE WHEN ${col} IS NULL THEN 'unknown' ${whens.join(' ')} ELSE 'unknown' END`;
}

const d = (v: unknown): Date => v as Date;
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Runs the aggregation; temp tables eco_* live only in this connection and are dropped at the end. */
export async function hubSnapshotAggregatesSql(db: SqlRunner, q: HubAggregateQuery): Promise<HubAggregates> {
  // A snapshot is a UTC day: records collected at different times of one day (several Hub
  // imports) belong to the same snapshot.
  const snapFilter = q.snapshots ? (q.snapshots.length === 0 ? 'AND false' : `AND date_trunc('day', window_end) IN (${q.snapshots.map(tsLit).join(', ')})`) : '';
  // One scan of the observations: per model and snapshot date, the 30-day count and the all-time
  // total (two sources for the same window keep the larger value).
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_obs AS
    SELECT subject_id AS model, CAST(date_trunc('day', window_end) AS TIMESTAMP) AS snap,
      max(value) FILTER (WHERE metric = ${str(METRICS.downloads)} AND date_diff('day', window_start, window_end) = 30) AS dl,
      max(value) FILTER (WHERE metric = ${str(METRICS.downloadsTotal)} AND window_start = window_end) AS tot
    FROM observations
    WHERE subject_kind = 'hf' AND metric IN (${str(METRICS.downloads)}, ${str(METRICS.downloadsTotal)}) AND dims = '' ${snapFilter}
    GROUP BY ALL`);
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_dl AS SELECT model, snap, dl FROM eco_obs WHERE dl IS NOT NULL`);
  const nameSize = (col: string): string => `CASE
      WHEN regexp_matches(${col}, ${str(q.nameMoePattern)}) THEN TRY_CAST(regexp_extract(${col}, ${str(q.nameMoePattern)}, 1) AS DOUBLE) * TRY_CAST(regexp_extract(${col}, ${str(q.nameMoePattern)}, 2) AS DOUBLE) * 1e9
      WHEN regexp_matches(${col}, ${str(q.nameSizePattern)}) THEN TRY_CAST(regexp_extract(${col}, ${str(q.nameSizePattern)}, 1) AS DOUBLE) * (CASE regexp_extract(${col}, ${str(q.nameSizePattern)}, 2) WHEN 'b' THEN 1e9 ELSE 1e6 END)
      ELSE NULL END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_model AS
    WITH m AS (SELECT DISTINCT model FROM eco_dl),
    lic AS (SELECT subject_id AS model, arg_max(value, observed_at) AS licence FROM facts
            WHERE subject_kind = 'hf' AND name = 'license' AND subject_id IN (SELECT model FROM m) GROUP BY ALL),
    lib AS (SELECT subject_id AS model, arg_max(value, observed_at) AS library FROM facts
            WHERE subject_kind = 'hf' AND name = 'library' AND subject_id IN (SELECT model FROM m) GROUP BY ALL),
    reg AS (SELECT subject_id AS org, arg_max(value, (CASE WHEN source = ${str(q.catalogSource)} THEN 0 ELSE 1e12 END) + epoch(observed_at)) AS region FROM facts
            WHERE subject_kind = 'hf-org' AND name = 'region' GROUP BY ALL),
    par AS (SELECT subject_id AS model,
              arg_max(value, (CASE WHEN source = ${str(q.catalogSource)} THEN 1e12 ELSE 0 END) + epoch(observed_at)) AS params,
              max(CASE WHEN source = ${str(q.catalogSource)} THEN 1 ELSE 0 END) AS curated
            FROM observations WHERE subject_kind = 'hf' AND metric = ${str(METRICS.parameters)} AND dims = '' AND value > 0
              AND subject_id IN (SELECT model FROM m) GROUP BY ALL),
    rel AS (SELECT from_id, to_id FROM relations WHERE from_kind = 'hf' AND to_kind = 'hf' AND relation IN (${q.baseRelations.map(str).join(', ') || "''"})),
    base AS (SELECT from_id AS model, min(to_id) AS base FROM rel WHERE from_id IN (SELECT model FROM m) GROUP BY ALL),
    base2 AS (SELECT from_id AS base, min(to_id) AS base2 FROM rel WHERE from_id IN (SELECT base FROM base) GROUP BY ALL),
    a AS (
      SELECT m.model, split_part(m.model, '/', 1) AS org, lower(split_part(m.model, '/', 2)) AS name,
        lower(split_part(base.base, '/', 2)) AS base_name, reg.region AS mapped_region,
        split_part(coalesce(base2.base2, base.base, m.model), '/', 1) AS weights_org, base.base IS NOT NULL AS derivative,
        lic.licence, lib.library, par.params, par.curated
      FROM m LEFT JOIN lic USING (model) LEFT JOIN lib USING (model) LEFT JOIN par USING (model) LEFT JOIN base USING (model)
        LEFT JOIN base2 ON base2.base = base.base LEFT JOIN reg ON reg.org = split_part(m.model, '/', 1)
    ),
    b AS (
      SELECT *, ${familyCase(q, 'name')} AS fam_own, ${familyCase(q, 'base_name')} AS fam_base,
        CASE WHEN params IS NULL THEN ${nameSize('name')} ELSE NULL END AS name_params
      FROM a
    )
    SELECT b.model, b.org, b.licence, b.library, b.derivative,
      coalesce(CASE WHEN wr.region = 'unknown' THEN NULL ELSE wr.region END, 'unknown') AS weights_region,
      coalesce(CASE WHEN mapped_region = 'unknown' THEN NULL ELSE mapped_region END, 'unknown') AS region,
      CASE WHEN mapped_region IS NULL THEN 'unmapped' WHEN mapped_region = 'unknown' THEN 'map-unknown' ELSE 'map' END AS region_basis,
      coalesce(fam_own, fam_base, 'other') AS family,
      CASE WHEN fam_own IS NOT NULL THEN 'name' WHEN fam_base IS NOT NULL THEN 'base-model' ELSE 'none' END AS family_basis,
      coalesce(params, name_params) AS params,
      CASE WHEN params IS NOT NULL AND curated = 1 THEN 'catalog' WHEN params IS NOT NULL THEN 'hub' WHEN name_params IS NOT NULL THEN 'name' ELSE 'unknown' END AS size_basis,
      CASE WHEN licence IS NULL OR trim(lower(licence)) IN ('', 'unknown') THEN 'unknown'
           WHEN trim(lower(licence)) IN (${q.openLicences.map(str).join(', ') || "''"}) THEN 'open' ELSE 'restricted' END AS licence_class
    FROM b LEFT JOIN reg wr ON wr.org = b.weights_org`);
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_x AS
    SELECT d.snap, d.dl, m.model, m.org, m.region, m.region_basis, m.family, m.family_basis, m.params, m.size_basis,
      m.licence, m.licence_class, m.library, m.derivative, m.weights_region, ${sizeCase(q, 'm.params')} AS size_class
    FROM eco_dl d JOIN eco_model m USING (model)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_org AS
    SELECT snap, org, any_value(region) AS region, count(*) AS models, sum(dl) AS dl FROM eco_x GROUP BY snap, org`);

  const cells: HubCell[] = (await db.rows(`SELECT snap, region, family, size_class, licence_class, count(*)::DOUBLE AS models,
      count(*) FILTER (WHERE dl = 0)::DOUBLE AS zero, sum(dl)::DOUBLE AS dl
    FROM eco_x GROUP BY ALL ORDER BY ALL`)).map((r) => ({
    snapshot: d(r.snap), region: String(r.region), family: String(r.family), sizeClass: String(r.size_class),
    licenceClass: String(r.licence_class), models: n(r.models), zeroModels: n(r.zero), downloads: n(r.dl),
  }));

  const stats = async (level: 'model' | 'org', table: string): Promise<HubConcentrationRow[]> => {
    const tops = q.topN.map((k) => `sum(dl) FILTER (WHERE rd <= ${num(k)})::DOUBLE AS top_${num(k)}`).join(', ');
    const rows = await db.rows(`SELECT snap, count(*)::DOUBLE AS n, sum(dl)::DOUBLE AS total, sum(dl * dl)::DOUBLE AS sumsq,
        sum(ra * dl)::DOUBLE AS ranksum, count(*) FILTER (WHERE dl = 0)::DOUBLE AS zeros${tops ? `, ${tops}` : ''}
      FROM (SELECT snap, dl, row_number() OVER (PARTITION BY snap ORDER BY dl ASC) AS ra,
                   row_number() OVER (PARTITION BY snap ORDER BY dl DESC) AS rd FROM ${table})
      GROUP BY snap ORDER BY snap`);
    return rows.map((r) => ({
      snapshot: d(r.snap), level, n: n(r.n), total: n(r.total), sumSquares: n(r.sumsq), rankWeightedSum: n(r.ranksum), zeros: n(r.zeros),
      topSums: Object.fromEntries(q.topN.map((k) => [String(k), n(r[`top_${num(k)}`])])),
    }));
  };
  const concentration = [...(await stats('model', 'eco_x')), ...(await stats('org', 'eco_org'))];

  const topOrgs: HubOrgRow[] = (await db.rows(`SELECT snap, org, region, models::DOUBLE AS models, dl::DOUBLE AS dl FROM eco_org
      QUALIFY row_number() OVER (PARTITION BY snap ORDER BY dl DESC, org) <= ${num(q.topOrgs)} ORDER BY snap, dl DESC, org`)).map((r) => ({
    snapshot: d(r.snap), org: String(r.org), region: String(r.region), models: n(r.models), downloads: n(r.dl),
  }));

  let families: HubFamilyRow[] = [];
  if (q.familySnapshot) {
    const at = tsLit(q.familySnapshot);
    const rows = await db.rows(`WITH x AS (SELECT * FROM eco_x WHERE snap = ${at}),
      fo AS (SELECT family, list(org ORDER BY dl DESC, org)[1:5] AS top_orgs FROM (SELECT family, org, sum(dl) AS dl FROM x GROUP BY ALL) GROUP BY family),
      fl AS (SELECT family, list(struct_pack(licence := licence, models := k) ORDER BY k DESC, licence)[1:5] AS licences
             FROM (SELECT family, lower(licence) AS licence, count(*)::DOUBLE AS k FROM x WHERE licence IS NOT NULL GROUP BY ALL) GROUP BY family),
      fb AS (SELECT family, list(struct_pack(library := library, models := k) ORDER BY k DESC, library)[1:5] AS libraries
             FROM (SELECT family, library, count(*)::DOUBLE AS k FROM x WHERE library IS NOT NULL GROUP BY ALL) GROUP BY family)
      SELECT family, count(*)::DOUBLE AS models, sum(dl)::DOUBLE AS dl, count(DISTINCT org)::DOUBLE AS orgs,
        min(params)::DOUBLE AS min_p, max(params)::DOUBLE AS max_p, count(params)::DOUBLE AS size_known,
        count(*) FILTER (WHERE params <= ${num(q.edgeMaxParameters)})::DOUBLE AS edge,
        count(*) FILTER (WHERE family_basis = 'base-model')::DOUBLE AS via_base,
        any_value(fo.top_orgs) AS top_orgs, any_value(fl.licences) AS licences, any_value(fb.libraries) AS libraries
      FROM x LEFT JOIN fo USING (family) LEFT JOIN fl USING (family) LEFT JOIN fb USING (family)
      GROUP BY family ORDER BY dl DESC, family`);
    families = rows.map((r) => ({
      family: String(r.family), models: n(r.models), downloads: n(r.dl), orgs: n(r.orgs),
      topOrgs: ((r.top_orgs as unknown[] | null) ?? []).map(String),
      minParameters: nOrNull(r.min_p), maxParameters: nOrNull(r.max_p), sizeKnown: n(r.size_known), edgeModels: n(r.edge), viaBaseModel: n(r.via_base),
      licences: ((r.licences as { licence: unknown; models: unknown }[] | null) ?? []).map((l) => ({ licence: String(l.licence), models: n(l.models) })),
      libraries: ((r.libraries as { library: unknown; models: unknown }[] | null) ?? []).map((l) => ({ library: String(l.library), models: n(l.models) })),
    }));
  }

  const coverage: HubCoverageRow[] = (await db.rows(`
      SELECT snap, 'region' AS attribute, region_basis AS basis, count(*)::DOUBLE AS models, sum(dl)::DOUBLE AS dl FROM eco_x GROUP BY ALL
      UNION ALL SELECT snap, 'size', size_basis, count(*)::DOUBLE, sum(dl)::DOUBLE FROM eco_x GROUP BY ALL
      UNION ALL SELECT snap, 'licence', CASE WHEN licence_class = 'unknown' THEN 'unknown' ELSE 'known' END, count(*)::DOUBLE, sum(dl)::DOUBLE FROM eco_x GROUP BY ALL
      UNION ALL SELECT snap, 'family', family_basis, count(*)::DOUBLE, sum(dl)::DOUBLE FROM eco_x GROUP BY ALL
      ORDER BY ALL`)).map((r) => ({
    snapshot: d(r.snap), attribute: String(r.attribute) as HubCoverageRow['attribute'], basis: String(r.basis), models: n(r.models), downloads: n(r.dl),
  }));

  // All-time totals at the same snapshot dates, differenced between consecutive snapshots.
  // One branch per consecutive pair of snapshots, dates as constants so each side is a filtered scan.
  const snaps = (await db.rows(`SELECT DISTINCT snap FROM eco_dl ORDER BY snap`)).map((r) => d(r.snap));
  const pairs = snaps.slice(1).map((to, i) => [snaps[i]!, to] as const);
  const differencedSql = pairs.map(([from, to]) => `SELECT ${tsLit(from)} AS from_snap, ${tsLit(to)} AS to_snap, cur.model, cur.tot - old.tot AS diff
      FROM eco_obs cur JOIN eco_obs old ON old.model = cur.model
      WHERE cur.snap = ${tsLit(to)} AND old.snap = ${tsLit(from)} AND cur.tot IS NOT NULL AND old.tot IS NOT NULL`).join('\n UNION ALL ');
  const differenced: HubDifferencedRow[] = (pairs.length === 0 ? [] : await db.rows(`
      WITH p AS (${differencedSql})
      SELECT from_snap, to_snap, coalesce(m.region, 'unknown') AS region, count(*)::DOUBLE AS models,
        coalesce(sum(diff) FILTER (WHERE diff >= 0), 0)::DOUBLE AS dl, count(*) FILTER (WHERE diff < 0)::DOUBLE AS decreased
      FROM p LEFT JOIN eco_model m ON m.model = p.model GROUP BY ALL ORDER BY ALL`)).map((r) => ({
    from: d(r.from_snap), to: d(r.to_snap), region: String(r.region), models: n(r.models), downloads: n(r.dl), decreased: n(r.decreased),
  }));

  const weights = (await db.rows(`SELECT snap, weights_region, CASE WHEN derivative THEN 'base-model' ELSE 'own' END AS basis,
      count(*)::DOUBLE AS models, sum(dl)::DOUBLE AS dl FROM eco_x GROUP BY ALL ORDER BY ALL`)).map((r) => ({
    snapshot: d(r.snap), region: String(r.weights_region), basis: String(r.basis) as 'own' | 'base-model', models: n(r.models), downloads: n(r.dl),
  }));

  for (const t of ['eco_org', 'eco_x', 'eco_model', 'eco_dl', 'eco_obs']) await db.run(`DROP TABLE IF EXISTS ${t}`);
  return { cells, concentration, topOrgs, families, coverage, differenced, weights };
}
