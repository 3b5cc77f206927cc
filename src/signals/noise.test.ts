// The noise rules and the raw → filtered split with its band.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyDownload, isMirrorInstaller, MIRROR_INSTALLERS, PYPISTATS_MIRRORS } from '../domain/downloads.js';
import { computeNoiseSplit } from './noise.js';

test('mirror beats CI, CI beats bot, the rest is human', () => {
  const table: [Parameters<typeof classifyDownload>[0], string][] = [
    [{ installer: 'bandersnatch', ci: true, agent: 'parsed' }, 'mirror'],
    [{ installer: 'nexus', ci: null, agent: 'parsed' }, 'mirror'],
    [{ installer: 'pip', ci: true, agent: 'parsed' }, 'ci'],
    [{ installer: 'uv', ci: false, agent: 'parsed' }, 'human'],
    [{ installer: 'poetry', ci: null, agent: 'parsed' }, 'human'],
    [{ installer: null, ci: null, agent: 'ignored' }, 'bot'],
    [{ installer: null, ci: null, agent: 'unknown' }, 'human'],
    [{ installer: 'Browser', ci: null, agent: 'parsed' }, 'human'],
  ];
  for (const [agent, want] of table) assert.equal(classifyDownload(agent), want, JSON.stringify(agent));
});

test('pypistats removes four of the six mirrors', () => {
  assert.deepEqual(
    MIRROR_INSTALLERS.filter((m) => !PYPISTATS_MIRRORS.includes(m)),
    ['Nexus', 'pep381client'],
  );
  assert.ok(isMirrorInstaller('z3c.pypimirror') && !isMirrorInstaller('pip') && !isMirrorInstaller(null));
});

test('the human band: high counts every unflagged download, low applies the pip/uv CI rate to silent installers', () => {
  // 1,000 raw: 100 mirror, 200 CI (all from pip/uv), 600 human of which 400 pip/uv and 200 poetry etc., 100 bot.
  const s = computeNoiseSplit({ raw: 1000, mirror: 100, ci: 200, bot: 100, human: 600, ciReporting: 600 });
  assert.equal(s.shares.ci, 0.2);
  assert.equal(s.shares.human, 0.6);
  // CI rate among reporting installers = 200/600; silent human = 600 - 400 = 200 → 67 likely CI.
  assert.deepEqual(s.humanBand, { low: 533, high: 600 });
  assert.match(s.caveats[0]!, /lower bound: only pip and uv report CI/);
  assert.equal(computeNoiseSplit({ raw: 0, mirror: 0, ci: 0, bot: 0, human: 0 }).humanBand, null);
  assert.equal(computeNoiseSplit({ raw: 10, mirror: 0, ci: 0, bot: 0, human: 10 }).humanBand?.low, 10);
});

test('the split with nothing downloaded: no shares, no band; CI-reporting count 0 or unknown: no lower estimate', () => {
  const zero = computeNoiseSplit({ raw: 0, mirror: 0, ci: 0, bot: 0, human: 0 });
  assert.deepEqual(zero.shares, { human: null, ci: null, mirror: null, bot: null });
  assert.equal(zero.humanBand, null);
  const NO_LOW = 'no CI-reporting installer in the data: the human band has no lower estimate';
  for (const ciReporting of [undefined, 0]) {
    const s = computeNoiseSplit({
      raw: 100,
      mirror: 10,
      ci: 0,
      bot: 0,
      human: 90,
      ...(ciReporting === undefined ? {} : { ciReporting }),
    });
    assert.deepEqual(s.humanBand, { low: 90, high: 90 }, `ciReporting ${ciReporting}`);
    assert.ok(s.caveats.includes(NO_LOW), `ciReporting ${ciReporting}`);
  }
  const one = computeNoiseSplit({ raw: 100, mirror: 0, ci: 1, bot: 0, human: 99, ciReporting: 1 });
  assert.ok(!one.caveats.includes(NO_LOW));
});

test('the bots caveat appears only when bots were counted', () => {
  const BOTS = /^bots \(crawlers, monitors, no user agent\) appear only in raw CDN logs/;
  assert.ok(!computeNoiseSplit({ raw: 10, mirror: 0, ci: 0, bot: 0, human: 10 }).caveats.some((c) => BOTS.test(c)));
  assert.ok(computeNoiseSplit({ raw: 10, mirror: 0, ci: 0, bot: 1, human: 9 }).caveats.some((c) => BOTS.test(c)));
});
