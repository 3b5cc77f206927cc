import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryAgreement, evaluateTopicRules, topicClassifier } from './issue-topics.js';
import { issueSample } from '../../test/helpers/issue-samples.js';

const llama = issueSample('llama_cpp');
const sglang = issueSample('sglang');
const clf = topicClassifier();
const issue = (title: string, labels: string[] = [], body = '') => ({ title, labels, body });

test('table: titles and labels to topics', () => {
  const cases: [ReturnType<typeof issue>, string[]][] = [
    [issue('CUDA out of memory when serving Llama-70B'), ['memory', 'serving']],
    [issue('KV cache grows without bound'), ['memory']],
    [issue('Build fails on Ubuntu 20'), ['install']],
    [issue('pip install sglang fails: no module named flashinfer'), ['install']],
    [issue('Token generation is extremely slow on M1'), ['performance']],
    [issue('server: /v1/chat/completions returns 500'), ['serving']],
    [issue('CVE-2025-1234 in the pickle loader'), ['security']],
    [issue('Typo: rename image_url to image_file'), ['other']],
    [issue('Some title', ['server/webui']), ['serving']],
    [issue('Something', [], 'After a few hours the process is killed with OOM'), ['memory']],
  ];
  for (const [i, want] of cases) assert.deepEqual(clf.classify(i).topics, want, i.title);
  const c = clf.classify(issue('Segfault', ['build']));
  assert.deepEqual(c.matches, [{ topic: 'install', via: 'label', term: 'build' }]);
  assert.equal(clf.classify(issue('memory leak in server')).primary, 'memory');
});

test('a bad configured pattern is named', () => {
  assert.throws(
    () => topicClassifier([{ topic: 'serving', labels: ['('], keywords: [] }]),
    /topic "serving": pattern "\(" is not a valid/,
  );
});

test('kappa: hand-computed 2x2', () => {
  // 20 both, 5 first only, 10 second only, 65 neither: po=.85, pe=.25*.30+.75*.70=.6; k=.625
  const pairs: [boolean, boolean][] = [
    ...Array<[boolean, boolean]>(20).fill([true, true]),
    ...Array<[boolean, boolean]>(5).fill([true, false]),
    ...Array<[boolean, boolean]>(10).fill([false, true]),
    ...Array<[boolean, boolean]>(65).fill([false, false]),
  ];
  const a = binaryAgreement(pairs);
  assert.ok(Math.abs(a.observed - 0.85) < 1e-12);
  assert.ok(Math.abs(a.kappa! - 0.625) < 1e-12);
  assert.equal(binaryAgreement([[false, false]]).kappa, undefined);
});

function report(name: string, r: ReturnType<typeof evaluateTopicRules>): void {
  const fmt = (a: {
    n: number;
    both: number;
    firstOnly: number;
    secondOnly: number;
    observed: number;
    kappa: number | undefined;
  }) =>
    `n=${a.n} both=${a.both} labelOnly=${a.firstOnly} textOnly=${a.secondOnly} agree=${(a.observed * 100).toFixed(1)}% kappa=${a.kappa?.toFixed(3)}`;
  for (const [t, a] of Object.entries(r.perTopic)) console.log(`# ${name} ${t}: ${fmt(a)}`);
  console.log(`# ${name} pooled: ${fmt(r.pooled)}`);
}

const recall = (a: { both: number; firstOnly: number }) => a.both / (a.both + a.firstOnly);

test(
  "llama.cpp sample: title keywords vs maintainers' labels (labels withheld from the text rules)",
  { skip: llama.skip },
  () => {
    const r = evaluateTopicRules(llama.issues);
    report('llama.cpp', r);
    assert.deepEqual(Object.keys(r.perTopic).sort(), ['install', 'performance', 'serving']);
    assert.equal(r.pooled.n, 3 * 1541);
    // Floors just under what this sample measures (printed above: serving kappa 0.422, install
    // 0.268, performance 0.278, pooled 0.329 with 91.8% agreement). Kappa is held down by label
    // incompleteness: most "text only" hits read as true topics the maintainers did not label
    // (e.g. "server unable to load model" has no server label), so label recall is the fairer view.
    assert.ok(r.perTopic.serving!.kappa! >= 0.4, `serving kappa ${r.perTopic.serving!.kappa}`);
    assert.ok(r.perTopic.install!.kappa! >= 0.25, `install kappa ${r.perTopic.install!.kappa}`);
    assert.ok(r.perTopic.performance!.kappa! >= 0.25, `performance kappa ${r.perTopic.performance!.kappa}`);
    assert.ok(r.pooled.kappa! >= 0.3 && r.pooled.observed >= 0.9);
    assert.equal(r.perTopic.serving!.both, 51);
    assert.ok(recall(r.perTopic.serving!) >= 0.85, 'the text rules find 51 of the 60 server-labelled issues');
  },
);

test('SGLang sample: same evaluation where its labels name a topic', { skip: sglang.skip }, () => {
  const r = evaluateTopicRules(sglang.issues);
  report('sglang', r);
  // SGLang labels topics rarely (performance 20, router 12, hicache 1, dependencies 1 of 1,062), so
  // kappa is near chance; what the labels do say, the text rules mostly find.
  assert.deepEqual([r.pooled.both, r.pooled.firstOnly], [23, 11]);
  assert.ok(recall(r.pooled) >= 0.65);
  assert.ok(r.pooled.kappa! >= 0.09);
});
