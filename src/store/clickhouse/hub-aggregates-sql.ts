// The ecosystem aggregation on ClickHouse 18.x: the same attribution as store/duckdb's SQL (shared
// rules, shared row readers), in what this server generation has. No window functions, one JOIN
// per SELECT, no list aggregates: per-model attribution is built in a chain of ANY LEFT JOINs into
// session temporary tables, top-N lists use LIMIT n BY, and the rank statistics of the model and
// organisation distributions are computed in TypeScript from a (value, count) histogram, so the
// rows that leave the server are bounded by distinct values, never by models.
import type { HubAggregateQuery, HubAggregates, HubFamilyRow } from '../../domain/ecosystem.js';
import { METRICS } from '../../domain/metrics.js';
import { DAY_MS } from '../../domain/time.js';
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
import type { Row } from '../sql/rows.js';
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
import { chString } from './bulk-sql.js';

/** Where the store's tables are, and how to read only committed rows. */
export interface ChTables {
  readonly observations: string;
  readonly facts: string;
  readonly relations: string;
  /** The committed-batch filter (`batch_id IN (SELECT … FROM batches)`). */
  readonly committed: string;
  /** `IN`, or `GLOBAL IN` over Distributed tables. */
  readonly in: string;
}

/**
 * RE2 on both engines; a capture group is read by anchoring the pattern after a lazy prefix (what
 * an unanchored search is) and replacing the whole name by the group: 18.x has no extractGroups.
 */
export const CLICKHOUSE_RULES: RuleDialect = {
  str: chString,
  matches: (text, pattern) => `match(${text}, ${chString(pattern)})`,
  group: (text, pattern, group) =>
    `replaceRegexpOne(${text}, ${chString(`^(?s:.*?)(?:${pattern})(?s:.*)$`)}, ${chString(`\\${group}`)})`,
  toDouble: (text) => `toFloat64OrNull(${text})`,
  trimLower: (text) => `replaceRegexpAll(lowerUTF8(${text}), '^ +| +$', '')`,
};

/** Epoch ms of the UTC day of an epoch-ms column. */
const utcDay = (col: string): string => `(intDiv(${col}, ${DAY_MS}) * ${DAY_MS})`;
/** DuckDB's date_diff('day', a, b): UTC day boundaries crossed. */
const dayDiff = (a: string, b: string): string => `(intDiv(${b}, ${DAY_MS}) - intDiv(${a}, ${DAY_MS}))`;
/** One precedence band of the region map, wider than any epoch (milliseconds) a fact carries. */
const CH_BAND = 1e13;
const TEMP_TABLES = ['eco_org', 'eco_x', 'eco_model', 'eco_base', 'eco_reg', 'eco_obs'] as const;

/** Runs the aggregation in `db`'s session; its temporary tables eco_* are dropped at the end. */
export async function hubSnapshotAggregatesClickHouse(
  db: SqlSession,
  t: ChTables,
  q: HubAggregateQuery,
): Promise<HubAggregates> {
  try {
    return await aggregate(db, t, q);
  } finally {
    for (const name of TEMP_TABLES) await db.run(`DROP TEMPORARY TABLE IF EXISTS ${name}`).catch(() => undefined);
  }
}

async function aggregate(db: SqlSession, t: ChTables, q: HubAggregateQuery): Promise<HubAggregates> {
  const s = chString;
  const catalog = s(q.catalogSource);
  // A snapshot is a UTC day; the day ranges also prune the monthly partitions.
  const snapFilter = q.snapshots
    ? q.snapshots.length === 0
      ? 'AND 0'
      : `AND (${q.snapshots.map((d) => `(window_end >= ${num(d.getTime())} AND window_end < ${num(d.getTime() + DAY_MS)} AND ${utcDay('window_end')} = ${num(d.getTime())})`).join(' OR ')})`
    : '';
  // A gated model's 30-day count of 0 is not a measurement (domain/hub-counts.ts): left out.
  const gatedZero = q.gated
    ? `AND NOT (metric = ${s(METRICS.downloads)} AND value = 0 AND subject_id ${t.in} (
        SELECT subject_id FROM ${t.facts} WHERE ${t.committed} AND subject_kind = 'hf' AND name = ${s(q.gated.fact)}
          AND value NOT IN (${q.gated.notGatedValues.map(s).join(', ') || "''"})))`
    : '';
  // One scan of the observations: per model and snapshot day, the 30-day count and the all-time
  // total (two sources for the same window keep the larger value).
  const is30 = `metric = ${s(METRICS.downloads)} AND ${dayDiff('window_start', 'window_end')} = 30`;
  const isTotal = `metric = ${s(METRICS.downloadsTotal)} AND window_start = window_end`;
  await db.run(`CREATE TEMPORARY TABLE eco_obs ENGINE = Memory AS
    SELECT subject_id AS model, ${utcDay('window_end')} AS snap,
      if(countIf(${is30}) > 0, maxIf(value, ${is30}), NULL) AS dl30,
      if(countIf(${isTotal}) > 0, maxIf(value, ${isTotal}), NULL) AS total
    FROM ${t.observations}
    WHERE ${t.committed} AND subject_kind = 'hf' AND metric IN (${s(METRICS.downloads)}, ${s(METRICS.downloadsTotal)}) AND dims = '' ${snapFilter}
      ${gatedZero}
    GROUP BY model, snap`);
  // The side tables below are joined whole, not filtered by these models: 18.x rebuilds an IN set
  // of every model for each subquery (temporary tables cannot be Set tables), which cost more than
  // the join's hash table of the side rows saves (3.3 s against 1.1 s for 300,000 models).

  // Organisation → region, by precedence band (sql/hub-aggregate-rules.ts), then the latest.
  const applied = regionMapRows(q);
  const appliedBranch = applied.length
    ? `UNION ALL SELECT tupleElement(m, 1) AS org, tupleElement(m, 2) AS region, tupleElement(m, 3) AS prio
       FROM (SELECT arrayJoin([${applied.map((r) => `(${s(r.org)}, ${s(r.region)}, toFloat64(${num(r.band * CH_BAND)}))`).join(', ')}]) AS m)`
    : '';
  await db.run(`CREATE TEMPORARY TABLE eco_reg ENGINE = Memory AS
    SELECT org, argMax(region, prio) AS region FROM (
      SELECT subject_id AS org, value AS region,
        toFloat64(if(source = ${catalog}, ${REGION_PRECEDENCE.storedCatalog}, ${REGION_PRECEDENCE.storedUser}) * ${num(CH_BAND)} + observed_at) AS prio
      FROM ${t.facts} WHERE ${t.committed} AND subject_kind = 'hf-org' AND name = 'region'
      ${appliedBranch}
    ) GROUP BY org`);
  const relation = `${t.committed} AND from_kind = 'hf' AND to_kind = 'hf' AND relation IN (${q.baseRelations.map(s).join(', ') || "''"})`;
  await db.run(`CREATE TEMPORARY TABLE eco_base ENGINE = Memory AS
    SELECT from_id AS model, min(to_id) AS base FROM ${t.relations} WHERE ${relation} GROUP BY model`);

  // Per model: licence, library, parameters, base and its base ('' when none), one JOIN per level.
  const latestFact = (fact: string): string =>
    `if(countIf(name = ${s(fact)}) > 0, toNullable(argMaxIf(value, observed_at, name = ${s(fact)})), NULL)`;
  const attributes = `
    SELECT model, splitByChar('/', model)[1] AS org, lowerUTF8(splitByChar('/', model)[2]) AS name,
      base, base2, if(base = '', NULL, lowerUTF8(splitByChar('/', base)[2])) AS base_name, lic, lib, hub_params, curated
    FROM (
      SELECT model, base, lic, lib, hub_params, curated FROM (
        SELECT model, lic, lib, hub_params, curated FROM (
          SELECT model, lic, lib FROM (SELECT model FROM eco_obs WHERE isNotNull(dl30) GROUP BY model)
          ANY LEFT JOIN (
            SELECT subject_id AS model, ${latestFact('license')} AS lic, ${latestFact('library')} AS lib FROM ${t.facts}
            WHERE ${t.committed} AND subject_kind = 'hf' AND name IN ('license', 'library') GROUP BY model
          ) USING model
        ) ANY LEFT JOIN (
          SELECT subject_id AS model, toNullable(argMax(value, tuple(source = ${catalog}, observed_at))) AS hub_params,
            toNullable(max(source = ${catalog})) AS curated
          FROM ${t.observations}
          WHERE ${t.committed} AND subject_kind = 'hf' AND metric = ${s(METRICS.parameters)} AND dims = '' AND value > 0 GROUP BY model
        ) USING model
      ) ANY LEFT JOIN (SELECT model, base FROM eco_base) USING model
    ) ANY LEFT JOIN (
      SELECT from_id AS base, min(to_id) AS base2 FROM ${t.relations}
      WHERE ${relation} AND from_id ${t.in} (SELECT base FROM eco_base) GROUP BY base
    ) USING base`;
  const ruled = `
    SELECT model, org, lic, lib, base, hub_params, curated, mapped_region,
      splitByChar('/', if(base2 != '', base2, if(base != '', base, model)))[1] AS weights_org,
      ${familySql(CLICKHOUSE_RULES, q, 'name')} AS fam_own, ${familySql(CLICKHOUSE_RULES, q, 'base_name')} AS fam_base,
      CASE WHEN hub_params IS NULL THEN ${nameParamsSql(CLICKHOUSE_RULES, q, 'name')} ELSE NULL END AS name_params
    FROM (${attributes}) ANY LEFT JOIN (SELECT org, toNullable(region) AS mapped_region FROM eco_reg) USING org`;
  await db.run(`CREATE TEMPORARY TABLE eco_model ENGINE = Memory AS
    SELECT model, org, lic AS licence, lib AS library, base != '' AS derivative,
      coalesce(CASE WHEN wr_region = 'unknown' THEN NULL ELSE wr_region END, 'unknown') AS weights_region,
      coalesce(CASE WHEN mapped_region = 'unknown' THEN NULL ELSE mapped_region END, 'unknown') AS region,
      CASE WHEN mapped_region IS NULL THEN 'unmapped' WHEN mapped_region = 'unknown' THEN 'map-unknown' ELSE 'map' END AS region_basis,
      coalesce(fam_own, fam_base, 'other') AS family,
      CASE WHEN fam_own IS NOT NULL THEN 'name' WHEN fam_base IS NOT NULL THEN 'base-model' ELSE 'none' END AS family_basis,
      coalesce(hub_params, name_params) AS params,
      CASE WHEN hub_params IS NOT NULL AND curated = 1 THEN 'catalog' WHEN hub_params IS NOT NULL THEN 'hub'
           WHEN name_params IS NOT NULL THEN 'name' ELSE 'unknown' END AS size_basis,
      ${licenceClassSql(CLICKHOUSE_RULES, q, 'lic')} AS licence_class
    FROM (${ruled}) ANY LEFT JOIN (SELECT org AS weights_org, toNullable(region) AS wr_region FROM eco_reg) USING weights_org`);
  await db.run(`CREATE TEMPORARY TABLE eco_x ENGINE = Memory AS
    SELECT snap, downloads, model, org, region, region_basis, family, family_basis, params, size_basis,
      licence, licence_class, library, derivative, weights_region, ${sizeClassSql(CLICKHOUSE_RULES, q, 'params')} AS size_class
    FROM (SELECT model, snap, assumeNotNull(dl30) AS downloads FROM eco_obs WHERE isNotNull(dl30))
    ALL INNER JOIN (SELECT * FROM eco_model) USING model`);
  await db.run(`CREATE TEMPORARY TABLE eco_org ENGINE = Memory AS
    SELECT snap, org, any(region) AS region, count() AS models, sum(downloads) AS org_downloads FROM eco_x GROUP BY snap, org`);

  const cells = (
    await db.rows(`SELECT snap, region, family, size_class, licence_class, count() AS models,
      countIf(downloads = 0) AS zero, sum(downloads) AS dl
    FROM eco_x GROUP BY snap, region, family, size_class, licence_class
    ORDER BY snap, region, family, size_class, licence_class`)
  ).map(hubCell);

  const histogram = (table: string, col: string): Promise<Row[]> =>
    db.rows(`SELECT snap, ${col} AS dl, count() AS k FROM ${table} GROUP BY snap, dl`);
  const concentration = [
    ...hubConcentration(await histogram('eco_x', 'downloads'), 'model', q.topN),
    ...hubConcentration(await histogram('eco_org', 'org_downloads'), 'org', q.topN),
  ];

  const topOrgs = (
    await db.rows(`SELECT snap, org, region, models, org_downloads AS dl FROM eco_org
      ORDER BY snap, org_downloads DESC, org LIMIT ${num(q.topOrgs)} BY snap`)
  ).map(hubOrg);

  const families = q.familySnapshot ? await familyTable(db, q, q.familySnapshot) : [];

  const coverage = (
    await db.rows(`SELECT snap, attribute, basis, models, dl FROM (
        SELECT snap, 'region' AS attribute, region_basis AS basis, count() AS models, sum(downloads) AS dl FROM eco_x GROUP BY snap, basis
        UNION ALL SELECT snap, 'size' AS attribute, size_basis AS basis, count() AS models, sum(downloads) AS dl FROM eco_x GROUP BY snap, basis
        UNION ALL SELECT snap, 'licence' AS attribute, if(licence_class = 'unknown', 'unknown', 'known') AS basis, count() AS models,
          sum(downloads) AS dl FROM eco_x GROUP BY snap, basis
        UNION ALL SELECT snap, 'family' AS attribute, family_basis AS basis, count() AS models, sum(downloads) AS dl FROM eco_x GROUP BY snap, basis
      ) ORDER BY snap, attribute, basis`)
  ).map(hubCoverage);

  // All-time totals at the same snapshot days, differenced between consecutive snapshots.
  const snaps = (await db.rows(`SELECT snap FROM eco_obs WHERE isNotNull(dl30) GROUP BY snap ORDER BY snap`)).map((r) =>
    Number(r.snap),
  );
  const totalsAt = (day: number, as: string): string =>
    `SELECT model, assumeNotNull(total) AS ${as} FROM eco_obs WHERE snap = ${num(day)} AND isNotNull(total)`;
  const differenced = await differencedRows(
    db,
    snaps,
    (from, to) => `SELECT toInt64(${num(from)}) AS from_snap, toInt64(${num(to)}) AS to_snap, model, cur - old AS diff
      FROM (${totalsAt(to, 'cur')}) ALL INNER JOIN (${totalsAt(from, 'old')}) USING model`,
    (pairs) => `SELECT from_snap, to_snap, ifNull(model_region, 'unknown') AS region,
        count() AS models, sumIf(diff, diff >= 0) AS dl, countIf(diff < 0) AS decreased
      FROM (${pairs}) ANY LEFT JOIN (SELECT model, toNullable(region) AS model_region FROM eco_model) USING model
      GROUP BY from_snap, to_snap, region ORDER BY from_snap, to_snap, region`,
  );

  const weights = (
    await db.rows(`SELECT snap, weights_region, if(derivative, 'base-model', 'own') AS basis, count() AS models, sum(downloads) AS dl
      FROM eco_x GROUP BY snap, weights_region, basis ORDER BY snap, weights_region, basis`)
  ).map(hubWeights);

  return { cells, concentration, topOrgs, families, coverage, differenced, weights };
}

/** The family table of one snapshot: totals per family, then its top-5 lists (LIMIT 5 BY) joined here. */
async function familyTable(db: SqlSession, q: HubAggregateQuery, at: Date): Promise<HubFamilyRow[]> {
  const x = `(SELECT * FROM eco_x WHERE snap = ${num(at.getTime())})`;
  const totals = await db.rows(`SELECT family, count() AS models, sum(downloads) AS dl, uniqExact(org) AS orgs,
      min(params) AS min_p, max(params) AS max_p, count(params) AS size_known,
      countIf(params <= ${num(q.edgeMaxParameters)}) AS edge, countIf(family_basis = 'base-model') AS via_base
    FROM ${x} GROUP BY family ORDER BY dl DESC, family`);
  // Organisations by downloads, licences and libraries by models; ties by name, as DuckDB's lists.
  const tops = await db.rows(`SELECT list, family, item, k FROM (
      SELECT 'org' AS list, family, org AS item, sum(downloads) AS k FROM ${x} GROUP BY family, item ORDER BY family, k DESC, item LIMIT 5 BY family
      UNION ALL SELECT 'licence' AS list, family, lowerUTF8(assumeNotNull(licence)) AS item, toFloat64(count()) AS k FROM ${x} WHERE isNotNull(licence)
        GROUP BY family, item ORDER BY family, k DESC, item LIMIT 5 BY family
      UNION ALL SELECT 'library' AS list, family, assumeNotNull(library) AS item, toFloat64(count()) AS k FROM ${x} WHERE isNotNull(library)
        GROUP BY family, item ORDER BY family, k DESC, item LIMIT 5 BY family
    ) ORDER BY list, family, k DESC, item`);
  const listOf = (list: string, family: string): Row[] => tops.filter((r) => r.list === list && r.family === family);
  return totals.map((r) => {
    const family = String(r.family);
    return hubFamily({
      ...r,
      top_orgs: listOf('org', family).map((o) => o.item),
      licences: listOf('licence', family).map((l) => ({ licence: l.item, models: l.k })),
      libraries: listOf('library', family).map((l) => ({ library: l.item, models: l.k })),
    });
  });
}
