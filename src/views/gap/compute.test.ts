// The gap view on in-memory inputs (docs/gap.md): each side's sum over the members with data, the
// ratio month by month, the year-on-year and month-on-month changes member by member, the
// sentences, notes and caveats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GapFamilies } from '../../config/gap-families.js';
import type { Subject } from '../../domain/subject.js';
import type { DownloadSeries } from '../shared/download-series.js';
import { day, level, monthlySeries, sub } from '../../../test/helpers/view-inputs.js';
import { computeGapView, monthName } from './compute.js';
import type { GapInputs } from './load.js';

const openai = sub('pypi', 'openai');
const anthropic = sub('pypi', 'anthropic');
const vllm = sub('pypi', 'vllm');
const sglang = sub('pypi', 'sglang');
const image = sub('docker', 'vllm/vllm-openai');
const today = day('2026-03-10');

function families(closed: readonly Subject[], open: readonly Subject[]): GapFamilies {
  return {
    closed: { label: 'closed-model clients', members: closed, fromConfig: [] },
    open: { label: 'open runtimes', members: open, fromConfig: ['docker'] },
  };
}
const fam = families([openai, anthropic], [vllm, sglang, image]);

/** Fourteen months from 2025-01 to 2026-02 of one value, with the last months as given. */
const months = (value: number, last: readonly number[] = []): number[] => [
  ...Array.from({ length: 14 - last.length }, () => value),
  ...last,
];

const inputs: GapInputs = {
  downloads: [
    monthlySeries(openai, '2025-01', months(10_000, [12_000])),
    monthlySeries(anthropic, '2025-01', months(2_000)),
    monthlySeries(vllm, '2025-01', months(3_000, [3_000, 3_500])),
    // sglang enters the data in April 2025; its February 2026 is a spike.
    monthlySeries(sglang, '2025-04', [...Array.from({ length: 10 }, () => 1_000), 4_000]),
  ],
  pulls: [
    level(image, 'pulls_total', 1_000_000, '2025-12-01', { source: 'dockerhub' }),
    level(image, 'pulls_total', 1_200_000, '2026-01-01', { source: 'dockerhub' }),
    level(image, 'pulls_total', 1_500_000, '2026-02-01', { source: 'dockerhub' }),
  ],
};

const view = computeGapView(inputs, { today, families: fam });

test('gap: the latest month with both sides, a year earlier, the as-of date from the data', () => {
  assert.equal(view.schema, 'kept.gap/v1');
  assert.equal(view.asOf, '2026-03-01');
  assert.equal(view.freshness.asOfBasis, 'latest-data');
  assert.equal(view.headline, 'pypi');
  assert.equal(view.dataEnds, '2026-03-01');
  assert.deepEqual(view.latest, {
    series: 'pypi',
    month: '2026-02',
    windowEnd: '2026-03-01',
    ratio: 14_000 / 7_500,
    closed: 14_000,
    open: 7_500,
  });
  assert.deepEqual(view.yearEarlier, {
    series: 'pypi',
    month: '2025-02',
    windowEnd: '2025-03-01',
    ratio: 4,
    closed: 12_000,
    open: 3_000,
  });
  assert.deepEqual(view.families.open, {
    label: 'open runtimes',
    members: ['pypi:vllm', 'pypi:sglang', 'docker:vllm/vllm-openai'],
    fromConfig: ['docker'],
  });
});

test('months: each side sums its members with data; the absent are listed, not counted as zero', () => {
  const pypi = view.series[0]!;
  assert.deepEqual([pypi.series, pypi.metric, pypi.sources], ['pypi', 'downloads', ['clickpy']]);
  assert.equal(pypi.months.length, 14);
  const jan = pypi.months[0]!;
  assert.deepEqual(jan.open, {
    total: 3_000,
    absent: ['pypi:sglang'],
    members: [
      { subject: 'pypi:vllm', value: 3_000, share: 1 },
      { subject: 'pypi:sglang', value: null, share: null },
    ],
  });
  assert.deepEqual(
    jan.closed.members.map((m) => m.share),
    [10 / 12, 2 / 12],
  );
  assert.deepEqual(
    pypi.months.map((m) => m.ratio),
    [4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 14_000 / 7_500],
  );
  assert.equal(pypi.trend.ratio?.shape, 'declining');
  assert.equal(pypi.trend.open?.growth?.toFixed(4), (7 / 24).toFixed(4), '(4,000 × 2 + 7,500) / 12,000 - 1');
  assert.deepEqual(
    pypi.memberSpikes.map((x) => [x.subject, x.side, x.month, x.value, x.baseline]),
    [['pypi:sglang', 'open', '2026-02', 4_000, 1_000]],
  );
});

test('containers: pulls differenced by month, apart from downloads, with no ratio', () => {
  const c = view.series[1]!;
  assert.deepEqual([c.series, c.metric, c.sources], ['containers', 'pulls', ['dockerhub']]);
  assert.deepEqual(
    c.months.map((m) => [m.month, m.windowEnd, m.closed.total, m.open.total, m.ratio]),
    [
      ['2025-12', '2026-01-01', null, 200_000, null],
      ['2026-01', '2026-02-01', null, 300_000, null],
    ],
  );
  assert.equal(c.trend.closed, null);
  assert.equal(c.trend.ratio, null);
});

test('changes: year and month, member by member, a member without data counted as nothing', () => {
  assert.deepEqual(
    view.changes.map((c) => [c.span, c.from.month, c.to.month]),
    [
      ['year', '2025-02', '2026-02'],
      ['month', '2026-01', '2026-02'],
    ],
  );
  const year = view.changes[0]!;
  assert.deepEqual(year.open, {
    from: 3_000,
    to: 7_500,
    change: 4_500,
    growth: 1.5,
    members: [
      { subject: 'pypi:vllm', from: 3_000, to: 3_500, change: 500, shareOfChange: 500 / 4_500 },
      { subject: 'pypi:sglang', from: null, to: 4_000, change: 4_000, shareOfChange: 4_000 / 4_500 },
    ],
  });
  assert.deepEqual(
    year.closed.members.map((m) => [m.change, m.shareOfChange]),
    [
      [2_000, 1],
      [0, 0],
    ],
  );
});

test('summary: the ratio now and a year earlier, what moved it over the year and the month (a spike named)', () => {
  assert.deepEqual(view.summary, [
    'In February 2026 (the window ending 2026-03-01) closed-model clients were downloaded 1.9× as often as open runtimes on PyPI (14k against 7,500 downloads), down from 4.0× a year earlier (the window ending 2025-03-01).',
    'Over that year open runtimes went from 3,000 to 7,500 downloads (+150%) and closed-model clients from 12k to 14k (+17%); pypi:sglang accounts for 89% of the change in open runtimes (+4,000 of +4,500; it has no data for February 2025, which the sum counts as nothing).',
    "From January 2026 to February 2026 open runtimes moved +88% (+3,500), 86% of it from pypi:sglang, whose 4,000 is 4.0× the median of its three months before (a spike); the ratio's six-month trend is -13% (the last three months against the three before).",
  ]);
  assert.deepEqual(view.notes, []);
});

test("caveats: the openai client bound, CI traffic, the open side's images, absent members", () => {
  assert.equal(view.caveats.length, 4);
  assert.match(view.caveats[0]!, /^The openai client is also the client of local OpenAI-compatible servers/);
  assert.match(
    view.caveats[2]!,
    /^A runtime pulled as a container image \(docker:vllm\/vllm-openai\) does not show on PyPI/,
  );
  const plain = computeGapView(
    { downloads: [monthlySeries(anthropic, '2025-01', [1]), monthlySeries(vllm, '2025-01', [1])], pulls: [] },
    { today, families: families([anthropic], [vllm]) },
  );
  assert.equal(plain.caveats.length, 3);
  assert.match(plain.caveats[1]!, /^A runtime pulled as a container image does not show on PyPI/);
});

test('monthName', () => {
  assert.equal(monthName('2026-03'), 'March 2026');
  assert.equal(monthName('2026-12'), 'December 2026');
  assert.equal(monthName('2026-13'), '13 2026');
});

test('one family without data: the ratio is unknown, the missing family named, the empty series noted', () => {
  const npmClient = sub('npm', 'openai');
  const v = computeGapView(
    { downloads: [monthlySeries(vllm, '2025-01', [1_000, 1_000])], pulls: [] },
    { today, families: families([anthropic, npmClient], [vllm]), asOf: day('2025-06-01') },
  );
  assert.equal(v.asOf, '2025-06-01');
  assert.equal(v.freshness.asOfBasis, 'requested');
  assert.equal(v.latest, null);
  assert.equal(v.yearEarlier, null);
  assert.deepEqual(v.changes, []);
  assert.deepEqual(v.summary, [
    'No month on or before 2025-06-01 has PyPI downloads of both families (none of closed-model clients): the ratio is unknown.',
  ]);
  assert.deepEqual(v.notes, [
    'PyPI: no data on or before 2025-06-01 for pypi:anthropic: absent from every month, not counted as zero',
    "npm: nothing stored on or before 2025-06-01 for the families' 1 members (kept collect, or an import, adds them)",
  ]);
  const none = computeGapView({ downloads: [], pulls: [] }, { today, families: families([anthropic], [vllm]) });
  assert.deepEqual([none.headline, none.series, none.dataEnds, none.asOf], ['pypi', [], null, '2026-03-10']);
  assert.deepEqual(none.summary, [
    'No month on or before 2026-03-10 has PyPI downloads of both families (none of closed-model clients and open runtimes): the ratio is unknown.',
  ]);
});

test('headline: the first series with a ratio when PyPI has none; data after asOf left out', () => {
  const a = sub('npm', 'a');
  const b = sub('npm', 'b');
  const v = computeGapView(
    {
      downloads: [
        monthlySeries(a, '2025-01', [2_000, 2_000, 9_999]),
        monthlySeries(b, '2025-01', [1_000, 500, 9_999]),
        monthlySeries(vllm, '2025-01', [1_000]),
      ],
      pulls: [],
    },
    { today, families: families([a], [b, vllm]), asOf: day('2025-03-01') },
  );
  assert.equal(v.headline, 'npm');
  assert.deepEqual(
    v.series.map((s) => s.series),
    ['npm', 'pypi'],
  );
  assert.deepEqual(v.latest, {
    series: 'npm',
    month: '2025-02',
    windowEnd: '2025-03-01',
    ratio: 4,
    closed: 2_000,
    open: 500,
  });
  assert.equal(v.freshness.dataEnds, '2025-03-01');
  assert.deepEqual(v.summary, [
    'In February 2025 (the window ending 2025-03-01) closed-model clients were downloaded 4.0× as often as open runtimes on npm (2,000 against 500 downloads); npm holds no data for February 2024, a year earlier.',
    'From January 2025 to February 2025 open runtimes moved -50% (-500), 100% of it from npm:b.',
  ]);
  assert.deepEqual(
    v.changes.map((c) => c.span),
    ['month'],
  );
});

test('a year earlier: the same ratio, a higher one, or unknown for want of one family', () => {
  const a = sub('pypi', 'a');
  const b = sub('pypi', 'b');
  const at = (closed: number[], open: number[], openFirst = '2025-01') =>
    computeGapView(
      { downloads: [monthlySeries(a, '2025-01', closed), monthlySeries(b, openFirst, open)], pulls: [] },
      { today, families: families([a], [b]) },
    ).summary[0]!;
  const flat = Array.from({ length: 13 }, () => 1_000);
  assert.match(
    at(
      flat.map((x) => 2 * x),
      flat,
    ),
    /, the same as 2\.0× a year earlier \(the window ending 2025-02-01\)\.$/,
  );
  assert.match(at([...flat.slice(1).map((x) => 2 * x), 3_000], flat), /, up from 2\.0× a year earlier/);
  assert.match(
    at(flat, flat.slice(1), '2025-02'),
    /; a year earlier, in January 2025, the ratio is unknown \(open runtimes have no data that month\)\.$/,
  );
});

test("presence: a member entering within the six months judged moves its side's trend (a note)", () => {
  const a = sub('pypi', 'a');
  const b = sub('pypi', 'b');
  const c = sub('pypi', 'c');
  const v = computeGapView(
    {
      downloads: [
        monthlySeries(
          a,
          '2025-01',
          Array.from({ length: 12 }, () => 1_000),
        ),
        monthlySeries(
          b,
          '2025-01',
          Array.from({ length: 12 }, () => 1_000),
        ),
        monthlySeries(c, '2025-10', [500, 500, 500]),
      ],
      pulls: [],
    },
    { today, families: families([a], [b, c]) },
  );
  assert.deepEqual(v.notes, [
    'pypi:c has no PyPI data for 2025-07, 2025-08, 2025-09 within the six months judged: the sum of open runtimes leaves it out there, so its entry or exit moves that trend',
  ]);
  // Neither side moved: the closed side is named only when it moved more than the open one.
  assert.match(
    v.summary[v.summary.length - 1]!,
    /^From November 2025 to December 2025 open runtimes moved 0\.0% \(0\)/,
  );
});

/** A series of windows ending on the given days, each starting on the 1st of its month. */
function ends(s: Subject, rows: readonly [string, number][], source = 'clickpy'): DownloadSeries {
  const m = monthlySeries(
    s,
    rows[0]![0].slice(0, 7),
    rows.map(([, v]) => v),
  );
  return {
    ...m,
    sources: [source],
    points: rows.map(([end, value]) => ({ windowStart: day(`${end.slice(0, 7)}-01`), windowEnd: day(end), value })),
  };
}

test('months: the latest window end of the month; an open side of 0 gives no ratio; sources sorted', () => {
  const a = sub('pypi', 'a');
  const b = sub('pypi', 'b');
  const c = sub('pypi', 'c');
  const v = computeGapView(
    {
      downloads: [
        ends(
          a,
          [
            ['2026-01-28', 100],
            ['2026-02-27', 100],
          ],
          'zeta',
        ),
        ends(
          c,
          [
            ['2026-01-30', 100],
            ['2026-02-25', 50],
          ],
          'alpha',
        ),
        ends(
          b,
          [
            ['2026-01-29', 0],
            ['2026-02-26', 10],
          ],
          'mid',
        ),
      ],
      pulls: [],
    },
    { today, families: families([a, c], [b]) },
  );
  const s = v.series[0]!;
  assert.deepEqual(s.sources, ['alpha', 'mid', 'zeta']);
  assert.deepEqual(
    s.months.map((m) => [m.month, m.windowEnd, m.ratio]),
    [
      ['2026-01', '2026-01-30', null],
      ['2026-02', '2026-02-27', 15],
    ],
  );
  assert.equal(v.asOf, '2026-02-27');
  const month = v.changes[0]!;
  assert.deepEqual([month.open.from, month.open.to, month.open.change, month.open.growth], [0, 10, 10, null]);
  // The closed side fell 50 of 200 (25%), the open one rose from 0: the closed side moved more by growth.
  assert.match(
    v.summary[1]!,
    /^From January 2026 to February 2026 closed-model clients moved -25% \(-50\), 100% of it from pypi:c/,
  );
});

test('changes: a side without data in the earlier month has no change; a member absent both months neither', () => {
  const a = sub('pypi', 'a');
  const b = sub('pypi', 'b');
  const c = sub('pypi', 'c');
  const v = computeGapView(
    {
      downloads: [
        monthlySeries(
          a,
          '2025-01',
          Array.from({ length: 13 }, () => 100),
        ),
        monthlySeries(
          b,
          '2025-02',
          Array.from({ length: 12 }, () => 50),
        ),
        ends(c, [['2025-06-30', 5]]),
      ],
      pulls: [],
    },
    { today, families: families([a], [b, c]) },
  );
  const year = v.changes.find((x) => x.span === 'year')!;
  assert.deepEqual([year.open.from, year.open.to, year.open.change, year.open.growth], [null, 50, null, null]);
  assert.deepEqual(
    year.open.members.map((m) => [m.subject, m.from, m.to, m.change, m.shareOfChange]),
    [
      ['pypi:b', null, 50, 50, null],
      ['pypi:c', null, null, null, null],
    ],
  );
  assert.match(
    v.summary[0]!,
    /; a year earlier, in January 2025, the ratio is unknown \(open runtimes have no data that month\)\.$/,
  );
  assert.equal(v.summary.length, 2, 'no year sentence without both growths');
  const closedMissing = computeGapView(
    {
      downloads: [
        monthlySeries(
          a,
          '2025-02',
          Array.from({ length: 12 }, () => 100),
        ),
        monthlySeries(
          b,
          '2025-01',
          Array.from({ length: 13 }, () => 50),
        ),
      ],
      pulls: [],
    },
    { today, families: families([a], [b]) },
  );
  assert.match(closedMissing.summary[0]!, /the ratio is unknown \(closed-model clients have no data that month\)\.$/);
  // A member absent from every month judged is no entry or exit: no note.
  assert.ok(!v.notes.some((n) => n.startsWith('pypi:c ')));
  assert.deepEqual(v.notes, []);
});

test("year: the driver is the member that moved most in the side's direction, its share of the change", () => {
  const a = sub('pypi', 'a');
  const b = sub('pypi', 'b');
  const c = sub('pypi', 'c');
  const d = sub('pypi', 'd');
  const flat = (v: number, last: number) => [...Array.from({ length: 12 }, () => v), last];
  const v = computeGapView(
    {
      downloads: [
        monthlySeries(a, '2025-01', flat(100, 100)),
        monthlySeries(b, '2025-01', flat(100, 400)),
        monthlySeries(c, '2025-01', flat(100, 0)),
        monthlySeries(d, '2025-01', flat(100, 250)),
      ],
      pulls: [],
    },
    { today, families: families([a], [b, c, d]) },
  );
  assert.equal(
    v.summary[1],
    'Over that year open runtimes went from 300 to 650 downloads (+117%) and closed-model clients from 100 to 100 (0.0%); pypi:b accounts for 86% of the change in open runtimes (+300 of +350).',
  );
});

test('caveats: the openai npm client is the bound too; GHCR images are named on the open side', () => {
  const openaiNpm = sub('npm', 'openai');
  const ghcr = sub('ghcr', 'org/runtime');
  const v = computeGapView({ downloads: [], pulls: [] }, { today, families: families([openaiNpm], [vllm, ghcr]) });
  assert.match(v.caveats[0]!, /^The openai client is also the client/);
  assert.match(v.caveats[2]!, /\(ghcr:org\/runtime\) does not show on PyPI/);
  const other = computeGapView(
    { downloads: [], pulls: [] },
    { today, families: families([sub('npm', 'other')], [vllm]) },
  );
  assert.doesNotMatch(other.caveats[0]!, /openai/);
});

test('as-of: the latest pull snapshot counts as the end of the data', () => {
  const v = computeGapView(
    {
      downloads: [monthlySeries(openai, '2026-01', [10, 10]), monthlySeries(vllm, '2026-01', [10, 10])],
      pulls: [level(image, 'pulls_total', 5, '2026-03-20'), level(image, 'pulls_total', 9, '2026-02-20')],
    },
    { today, families: fam },
  );
  assert.equal(v.asOf, '2026-03-20');
  // A count that fell is a reset, not a month of pulls: no container series.
  assert.deepEqual(
    v.series.map((s) => s.series),
    ['pypi'],
  );
  assert.ok(
    v.notes.some((n) => n.startsWith('docker:vllm/vllm-openai pulls: ')),
    'a pull count that fell is noted',
  );
});
