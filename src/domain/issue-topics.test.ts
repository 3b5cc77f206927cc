import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  anyOf,
  binaryAgreement,
  DEFAULT_TOPIC_RULES,
  evaluateTopicRules,
  mergeTopicRules,
  topicClassifier,
} from './issue-topics.js';
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

// The misses measured on 20 hand-labelled vLLM issues (titles as vLLM's issue templates write them).
test('defect: topic misses on vLLM titles — crashes, kernels, features and docs are not memory or performance; versions and platforms are install', () => {
  const cases: [ReturnType<typeof issue>, string[]][] = [
    // CUDA's "illegal memory access" is a crash, not memory pressure.
    [issue('[Bug]: CUDA error: an illegal memory access was encountered'), ['other']],
    [issue('[Bug]: RuntimeError: CUDA error: an illegal memory access was encountered with OOM killer'), ['memory']],
    // PagedAttention is the kernel's name: a speed-up is performance, not memory.
    [issue('3x faster PagedAttention'), ['performance']],
    // Tensor parallelism and speculative decoding are features.
    [issue('[Bug]: Garbage output with tensor parallelism (tp=2)'), ['other']],
    [issue('[Feature]: Speculative decoding with a draft model'), ['other']],
    [issue('[Feature]: Pipeline parallelism across nodes'), ['other']],
    // A docs page about performance is a docs issue.
    [issue('[Doc]: The performance tuning page is out of date'), ['other']],
    // Dependency versions, CUDA builds and platforms are install.
    [issue('Support numpy ≥ 2'), ['install']],
    [issue('[Feature]: numpy>=2.0 compatibility'), ['install']],
    [issue('cuda11.8 for v0.2.4'), ['install']],
    [issue('Will there be wheels for cu118?'), ['install']],
    [issue('macOS support'), ['install']],
    [issue('[Feature]: Support for Apple Silicon'), ['install']],
    // vLLM's `torch.compile` label and titles about the runtime compiler are not install.
    [issue('Recompiles on every batch size', ['torch.compile']), ['other']],
    [issue('[Bug]: torch.compile fails on H100'), ['other']],
    [issue('Compilation error with nvcc 12.4', ['build']), ['install']],
    // The environment section of a bug template names numpy's version: the body does not make it install.
    [
      issue('[Bug]: wrong logprobs', [], 'Versions of relevant libraries:\n[pip3] numpy==1.26.4\n[pip3] torch==2.3.0'),
      ['other'],
    ],
  ];
  for (const [i, want] of cases) assert.deepEqual(clf.classify(i).topics, want, i.title);
});

test('kept.yaml topic rules extend the built-in ones, or replace one topic with replace: true', () => {
  const extended = topicClassifier(
    mergeTopicRules([{ topic: 'serving', labels: ['^frontend$'], keywords: ['\\bvllm serve\\b'] }]),
  );
  assert.deepEqual(extended.classify(issue('Crash', ['frontend'])).topics, ['serving']);
  assert.deepEqual(extended.classify(issue('vllm serve hangs')).topics, ['serving']);
  // The built-in patterns still apply.
  assert.deepEqual(extended.classify(issue('server: /v1/chat/completions returns 500')).topics, ['serving']);
  const replaced = topicClassifier(
    mergeTopicRules([{ topic: 'serving', keywords: ['\\bfrontend\\b'], replace: true }]),
  );
  assert.deepEqual(replaced.classify(issue('server: /v1/chat/completions returns 500')).topics, ['other']);
  assert.deepEqual(replaced.classify(issue('frontend stalls')).topics, ['serving']);
  // exclude and excludeTitles from the config work like the built-in ones.
  const excl = topicClassifier(
    mergeTopicRules([{ topic: 'serving', exclude: ['\\bweb ?ui\\b'], excludeTitles: ['^\\[RFC\\]'] }]),
  );
  assert.deepEqual(excl.classify(issue('webui flickers')).topics, ['other']);
  assert.deepEqual(excl.classify(issue('[RFC]: a new server')).topics, ['other']);
  assert.equal(mergeTopicRules([]).length, DEFAULT_TOPIC_RULES.length);
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

test('anyOf: one expression matches a text exactly when one of its patterns does; none for group references', () => {
  const texts = [
    'CUDA out of memory when serving 70B',
    'Server crashes: illegal memory access',
    'pip install fails on macOS 14',
    '[Feature] faster TTFT on H100',
    'router returns 502 under load',
    '',
    'leak leak',
    ...[...llama.issues, ...sglang.issues].flatMap((i) => [i.title, ...i.labels]),
  ];
  let lists = 0;
  for (const r of DEFAULT_TOPIC_RULES)
    for (const list of [r.labels, r.keywords, r.titleKeywords ?? [], [...r.keywords, ...(r.titleKeywords ?? [])]]) {
      if (list.length < 2) continue; // one pattern is tried on its own
      const any = anyOf(list, 'i');
      assert.ok(any, `${r.topic}: ${list.length} patterns join`);
      lists++;
      const each = list.map((src) => new RegExp(src, 'i'));
      for (const t of texts)
        assert.equal(
          any.test(t),
          each.some((re) => re.test(t)),
          `${r.topic}: ${JSON.stringify(t)}`,
        );
    }
  assert.ok(lists >= 10);
  // A numbered or named reference would point at another pattern's group once joined: not joined.
  assert.equal(anyOf(['(\\w+) \\1', 'oom'], 'i'), undefined);
  assert.equal(anyOf(['(?<w>a)\\k<w>', 'b'], 'i'), undefined);
  assert.equal(anyOf(['(?<w>a)', '(?<w>b)'], 'i'), undefined);
  assert.ok(anyOf(['(?<=v)\\d', '(?!x)y'], 'i'), 'lookarounds are no groups');
});

test('a configured keyword with a backreference keeps its own meaning', () => {
  // Joined after '(gpu|cpu) oom', the reference \\2 would name the second pattern's first group.
  const c = topicClassifier(
    mergeTopicRules([{ topic: 'memory', keywords: ['(gpu|cpu) oom', '(\\w+)-(\\w+) \\2'], replace: true }]),
  );
  const memory = (title: string) => c.classify(issue(title)).matches.filter((m) => m.topic === 'memory');
  assert.deepEqual(memory('kv-cache cache thrash'), [{ topic: 'memory', via: 'title', term: 'kv-cache cache' }]);
  assert.deepEqual(memory('GPU OOM at 8k context'), [{ topic: 'memory', via: 'title', term: 'GPU OOM' }]);
  assert.deepEqual(memory('kv-cache thrash'), []);
});
