// The ecosystem aggregation in DuckDB SQL: the 30-day counts and all-time totals per model and
// day (filtered scans when each model has at most one per day, else merged in one grouped scan),
// then one pass attributes every Hub model with a 30-day download snapshot (organisation → region,
// family, size, licence), then small aggregates leave the engine. The rules arrive as data
// (HubAggregateQuery), compiled by ../hub-aggregate-rules.ts as for ClickHouse; rows are read by
// ../hub-aggregate-rows.ts; every literal is escaped here.
import type { HubAggregateQuery, HubAggregates, HubFamilyRow } from '../../domain/ecosystem.js';
import { METRICS } from '../../domain/metrics.js';
import {
  hubCell,
  hubConcentration,
  hubCoverage,
  hubFamily,
  hubOrg,
  hubWeights,
  differencedRows,
  type SqlSession,
} from '../sql/hub-aggregate-rows.js';
import { rowDate, type Row } from '../sql/rows.js';
import { OBSERVATION_ROWS } from './schema.js';
import {
  familySql,
  licenceClassSql,
  nameParamsSql,
  num,
  regionMapRows,
  REGION_PRECEDENCE,
  sizeClassSql,
  type RuleDialect,
} from '../sql/hub-aggregate-rules.js';

function str(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function tsLit(d: Date): string {
  return `TIMESTAMP ${str(d.toISOString().replace('T', ' ').replace('Z', ''))}`;
}

/** One precedence band of the region map, wider than any epoch (seconds) a fact carries. */
const BAND = 1e12;

/** The maps applied at query time as a VALUES branch of the region union ('' when there are none). */
function regionMapValues(q: HubAggregateQuery): string {
  const rows = regionMapRows(q);
  if (rows.length === 0) return '';
  const values = rows.map((r) => `(${str(r.org)}, ${str(r.region)}, ${num(r.band * BAND)}::DOUBLE)`).join(', ');
  return `UNION ALL SELECT * FROM (VALUES ${values}) AS applied(org, region, prio)`;
}

/** Leaves out a gated model's 30-day count of 0: not a measurement (domain/hub-counts.ts). */
function gatedZeroFilter(q: HubAggregateQuery): string {
  if (!q.gated) return '';
  const not = q.gated.notGatedValues.map(str).join(', ') || "''";
  return `AND NOT (metric = ${str(METRICS.downloads)} AND value = 0 AND subject_id IN (
      SELECT subject_id FROM facts WHERE subject_kind = 'hf' AND name = ${str(q.gated.fact)} AND value NOT IN (${not})))`;
}

/** DuckDB's literals, RE2 matching and casts for the shared rules (../sql/hub-aggregate-rules.ts). */
export const DUCKDB_RULES: RuleDialect = {
  str,
  matches: (text, pattern) => `regexp_matches(${text}, ${str(pattern)})`,
  group: (text, pattern, group) => `regexp_extract(${text}, ${str(pattern)}, ${group})`,
  toDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  trimLower: (text) => `trim(lower(${text}))`,
};

/**
 * True when no model has two 30-day counts, or two all-time totals, on one day: one source (key)
 * per metric, and every window starting and ending at midnight. The store holds one row per key,
 * subject and window (its write identity), so then there is nothing to merge per model and day.
 */
export async function hubCountsOnePerDay(db: SqlSession): Promise<boolean> {
  const keys = `FROM observation_keys WHERE subject_kind = 'hf' AND dims = ''
    AND metric IN (${str(METRICS.downloads)}, ${str(METRICS.downloadsTotal)})`;
  const [r] = await db.rows(`SELECT (SELECT count(*) - count(DISTINCT metric) ${keys}) = 0
    AND NOT EXISTS (SELECT 1 FROM ${OBSERVATION_ROWS.table} WHERE key_id IN (SELECT key_id ${keys})
      AND (window_end <> date_trunc('day', window_end) OR window_start <> date_trunc('day', window_start))) AS one`);
  return r?.one === true;
}

/** Runs the aggregation; temp tables eco_* live only in this connection and are dropped at the end. */
export async function hubSnapshotAggregatesSql(db: SqlSession, q: HubAggregateQuery): Promise<HubAggregates> {
  // A snapshot is a UTC day: records collected at different times of one day (several Hub
  // imports) belong to the same snapshot.
  const snapFilter = q.snapshots
    ? q.snapshots.length === 0
      ? 'AND false'
      : `AND date_trunc('day', window_end) IN (${q.snapshots.map(tsLit).join(', ')})`
    : '';
  // Per model and snapshot date, the 30-day count (eco_dl) and the all-time total (totalsAt).
  const hub = `subject_kind = 'hf' AND dims = '' ${snapFilter}`;
  const isDl = `metric = ${str(METRICS.downloads)} AND date_diff('day', window_start, window_end) = 30`;
  const isTot = `metric = ${str(METRICS.downloadsTotal)} AND window_start = window_end`;
  const day = `CAST(date_trunc('day', window_end) AS TIMESTAMP)`;
  let totalsAt: (snapshot: Date) => string;
  if (await hubCountsOnePerDay(db)) {
    // Each (model, day) holds at most one of each, every window ending at midnight: the counts are
    // a filtered scan, and the totals of a day are read where they are stored (window_end = that
    // day: the scan skips the row groups of other days).
    await db.run(`CREATE OR REPLACE TEMP TABLE eco_dl AS SELECT subject_id AS model, ${day} AS snap, value AS dl
      FROM observations WHERE ${hub} AND ${isDl} ${gatedZeroFilter(q)}`);
    totalsAt = (d) =>
      `(SELECT subject_id AS model, value AS tot FROM observations WHERE ${hub} AND ${isTot} AND window_end = ${tsLit(d)})`;
  } else {
    // One scan of both metrics grouped by model and day: two sources for the same window, or
    // records of one day stored at different times, keep the larger value.
    await db.run(`CREATE OR REPLACE TEMP TABLE eco_obs AS
      SELECT subject_id AS model, ${day} AS snap, max(value) FILTER (WHERE ${isDl}) AS dl, max(value) FILTER (WHERE ${isTot}) AS tot
      FROM observations
      WHERE ${hub} AND metric IN (${str(METRICS.downloads)}, ${str(METRICS.downloadsTotal)}) ${gatedZeroFilter(q)}
      GROUP BY ALL`);
    await db.run(`CREATE OR REPLACE TEMP TABLE eco_dl AS SELECT model, snap, dl FROM eco_obs WHERE dl IS NOT NULL`);
    await db.run(`CREATE OR REPLACE TEMP TABLE eco_tot AS SELECT model, snap, tot FROM eco_obs WHERE tot IS NOT NULL`);
    await db.run(`DROP TABLE eco_obs`);
    totalsAt = (d) => `(SELECT model, tot FROM eco_tot WHERE snap = ${tsLit(d)})`;
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_model AS
    WITH m AS (SELECT DISTINCT model FROM eco_dl),
    lic AS (SELECT subject_id AS model, arg_max(value, observed_at) AS licence FROM facts
            WHERE subject_kind = 'hf' AND name = 'license' AND subject_id IN (SELECT model FROM m) GROUP BY ALL),
    lib AS (SELECT subject_id AS model, arg_max(value, observed_at) AS library FROM facts
            WHERE subject_kind = 'hf' AND name = 'library' AND subject_id IN (SELECT model FROM m) GROUP BY ALL),
    reg AS (SELECT org, arg_max(region, prio) AS region FROM (
              SELECT subject_id AS org, value AS region,
                (CASE WHEN source = ${str(q.catalogSource)} THEN ${REGION_PRECEDENCE.storedCatalog} ELSE ${REGION_PRECEDENCE.storedUser} END) * ${BAND} + epoch(observed_at) AS prio
              FROM facts WHERE subject_kind = 'hf-org' AND name = 'region'
              ${regionMapValues(q)}
            ) GROUP BY org),
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
      SELECT *, ${familySql(DUCKDB_RULES, q, 'name')} AS fam_own, ${familySql(DUCKDB_RULES, q, 'base_name')} AS fam_base,
        CASE WHEN params IS NULL THEN ${nameParamsSql(DUCKDB_RULES, q, 'name')} ELSE NULL END AS name_params
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
      ${licenceClassSql(DUCKDB_RULES, q, 'licence')} AS licence_class
    FROM b LEFT JOIN reg wr ON wr.org = b.weights_org`);
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_x AS
    SELECT d.snap, d.dl, m.model, m.org, m.region, m.region_basis, m.family, m.family_basis, m.params, m.size_basis,
      m.licence, m.licence_class, m.library, m.derivative, m.weights_region, ${sizeClassSql(DUCKDB_RULES, q, 'm.params')} AS size_class
    FROM eco_dl d JOIN eco_model m USING (model)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE eco_org AS
    SELECT snap, org, any_value(region) AS region, count(*) AS models, sum(dl) AS dl FROM eco_x GROUP BY snap, org`);

  const cells = (
    await db.rows(`SELECT snap, region, family, size_class, licence_class, count(*)::DOUBLE AS models,
      count(*) FILTER (WHERE dl = 0)::DOUBLE AS zero, sum(dl)::DOUBLE AS dl
    FROM eco_x GROUP BY ALL ORDER BY ALL`)
  ).map(hubCell);

  // The rank statistics come from a histogram of the values, shared with the ClickHouse store.
  const histogram = (table: string): Promise<Row[]> =>
    db.rows(`SELECT snap, dl, count(*)::DOUBLE AS k FROM ${table} GROUP BY ALL`);
  const concentration = [
    ...hubConcentration(await histogram('eco_x'), 'model', q.topN),
    ...hubConcentration(await histogram('eco_org'), 'org', q.topN),
  ];

  // Ranked among the organisations at or above each snapshot's n-th largest count (ties kept):
  // ranking every organisation sorted them all.
  const topOrgs = (
    await db.rows(`WITH cut AS (SELECT snap, list_min(max(dl, ${num(q.topOrgs)})) AS floor FROM eco_org GROUP BY snap)
      SELECT o.snap, o.org, o.region, o.models::DOUBLE AS models, o.dl::DOUBLE AS dl FROM eco_org o JOIN cut ON cut.snap = o.snap AND o.dl >= cut.floor
      QUALIFY row_number() OVER (PARTITION BY o.snap ORDER BY o.dl DESC, o.org) <= ${num(q.topOrgs)} ORDER BY o.snap, o.dl DESC, o.org`)
  ).map(hubOrg);

  let families: HubFamilyRow[] = [];
  if (q.familySnapshot) {
    const at = tsLit(q.familySnapshot);
    // x is a filter, not a copy (NOT MATERIALIZED); each family's figures are aggregated before
    // the small per-family lists are joined to them; its organisations are counted in fo.
    const rows = await db.rows(`WITH x AS NOT MATERIALIZED (SELECT * FROM eco_x WHERE snap = ${at}),
      fo AS (SELECT family, list(org ORDER BY dl DESC, org)[1:5] AS top_orgs, count(*)::DOUBLE AS orgs
             FROM (SELECT family, org, sum(dl) AS dl FROM x GROUP BY ALL) GROUP BY family),
      fl AS (SELECT family, list(struct_pack(licence := licence, models := k) ORDER BY k DESC, licence)[1:5] AS licences
             FROM (SELECT family, lower(licence) AS licence, count(*)::DOUBLE AS k FROM x WHERE licence IS NOT NULL GROUP BY ALL) GROUP BY family),
      fb AS (SELECT family, list(struct_pack(library := library, models := k) ORDER BY k DESC, library)[1:5] AS libraries
             FROM (SELECT family, library, count(*)::DOUBLE AS k FROM x WHERE library IS NOT NULL GROUP BY ALL) GROUP BY family),
      f AS (SELECT family, count(*)::DOUBLE AS models, sum(dl)::DOUBLE AS dl,
        min(params)::DOUBLE AS min_p, max(params)::DOUBLE AS max_p, count(params)::DOUBLE AS size_known,
        count(*) FILTER (WHERE params <= ${num(q.edgeMaxParameters)})::DOUBLE AS edge,
        count(*) FILTER (WHERE family_basis = 'base-model')::DOUBLE AS via_base FROM x GROUP BY family)
      SELECT f.family, f.models, f.dl, fo.orgs, f.min_p, f.max_p, f.size_known, f.edge, f.via_base,
        fo.top_orgs, fl.licences, fb.libraries
      FROM f LEFT JOIN fo USING (family) LEFT JOIN fl USING (family) LEFT JOIN fb USING (family)
      ORDER BY f.dl DESC, f.family`);
    families = rows.map(hubFamily);
  }

  const coverage = (
    await db.rows(`
      SELECT snap, 'region' AS attribute, region_basis AS basis, count(*)::DOUBLE AS models, sum(dl)::DOUBLE AS dl FROM eco_x GROUP BY ALL
      UNION ALL SELECT snap, 'size', size_basis, count(*)::DOUBLE, sum(dl)::DOUBLE FROM eco_x GROUP BY ALL
      UNION ALL SELECT snap, 'licence', CASE WHEN licence_class = 'unknown' THEN 'unknown' ELSE 'known' END, count(*)::DOUBLE, sum(dl)::DOUBLE FROM eco_x GROUP BY ALL
      UNION ALL SELECT snap, 'family', family_basis, count(*)::DOUBLE, sum(dl)::DOUBLE FROM eco_x GROUP BY ALL
      ORDER BY ALL`)
  ).map(hubCoverage);

  // All-time totals at the same snapshot dates, differenced between consecutive snapshots.
  // One branch per consecutive pair of snapshots, dates as constants so each side is a filtered scan.
  const snaps = (await db.rows(`SELECT DISTINCT snap FROM eco_dl ORDER BY snap`)).map((r) => rowDate(r.snap));
  const differenced = await differencedRows(
    db,
    snaps,
    (from, to) => `SELECT ${tsLit(from)} AS from_snap, ${tsLit(to)} AS to_snap, cur.model, cur.tot - old.tot AS diff
      FROM ${totalsAt(to)} cur JOIN ${totalsAt(from)} old ON old.model = cur.model`,
    (pairs) => `
      WITH p AS (${pairs})
      SELECT from_snap, to_snap, coalesce(m.region, 'unknown') AS region, count(*)::DOUBLE AS models,
        coalesce(sum(diff) FILTER (WHERE diff >= 0), 0)::DOUBLE AS dl, count(*) FILTER (WHERE diff < 0)::DOUBLE AS decreased
      FROM p LEFT JOIN eco_model m ON m.model = p.model GROUP BY ALL ORDER BY ALL`,
  );

  const weights = (
    await db.rows(`SELECT snap, weights_region, CASE WHEN derivative THEN 'base-model' ELSE 'own' END AS basis,
      count(*)::DOUBLE AS models, sum(dl)::DOUBLE AS dl FROM eco_x GROUP BY ALL ORDER BY ALL`)
  ).map(hubWeights);

  for (const t of ['eco_org', 'eco_x', 'eco_model', 'eco_dl', 'eco_tot']) await db.run(`DROP TABLE IF EXISTS ${t}`);
  return { cells, concentration, topOrgs, families, coverage, differenced, weights };
}
