// The escaping rules of src/report/escape.ts, table-driven, one row per rule in its comments and
// docs/dashboard.md ("every string is escaped for HTML and SVG text and attributes"): each entity,
// the dropped control characters, the link targets kept may render, Markdown made inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, escapeMarkdownCell, safeHref, slug } from './escape.js';

const cases = <I, O>(f: (i: I) => O, rows: readonly (readonly [I, O])[]): void => {
  for (const [input, expected] of rows) assert.equal(f(input), expected, JSON.stringify(input));
};

test('escapeHtml: each of & < > " \' ` becomes its entity, everything else stays', () => {
  cases(escapeHtml, [
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['`', '&#96;'],
    ['a<b>&"c"\'d\'`e`', 'a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;&#96;e&#96;'],
    ['plain text, é ü 中文 🙂 = ; / \\', 'plain text, é ü 中文 🙂 = ; / \\'],
    ['', ''],
  ]);
});

test('escapeHtml: control characters other than tab and newline are dropped, tab/newline/CR kept', () => {
  cases(escapeHtml, [
    ['a\u0000b', 'ab'],
    ['a\u0008b', 'ab'],
    ['a\tb', 'a\tb'],
    ['a\nb', 'a\nb'],
    ['a\u000bb', 'ab'],
    ['a\u000cb', 'ab'],
    ['a\rb', 'a\rb'],
    ['a\u000eb', 'ab'],
    ['a\u001fb', 'ab'],
    ['a\u0020b', 'a b'],
    ['x\u0001\u0002\u0003y', 'xy'],
  ]);
});

test('safeHref: absolute http(s) URLs and same-site absolute paths only; anything else is undefined', () => {
  cases(safeHref, [
    ['https://example.org/a?b=c', 'https://example.org/a?b=c'],
    ['http://example.org', 'http://example.org/'],
    ['  https://example.org/x  ', 'https://example.org/x'],
    ['HTTPS://Example.org/', 'https://example.org/'],
    ['/projects/vllm', '/projects/vllm'],
    ['/', '/'],
    ['  /trend?x=1  ', '/trend?x=1'],
    ['//evil.example/x', undefined],
    ['/a b', undefined],
    ['/a\\b', undefined],
    ['/a\tb', undefined],
    ['javascript:alert(1)', undefined],
    ['data:text/html,<x>', undefined],
    ['ftp://example.org/', undefined],
    ['mailto:a@example.org', undefined],
    ['relative/path', undefined],
    ['', undefined],
  ]);
});

test('escapeMarkdown: a < that could open a tag or autolink becomes &lt;, others stay', () => {
  cases(escapeMarkdown, [
    ['<img src=x>', '&lt;img src=x>'],
    ['<Img>', '&lt;Img>'],
    ['</b>', '&lt;/b>'],
    ['<!-- c -->', '&lt;!-- c -->'],
    ['<?php', '&lt;?php'],
    ['a < b', 'a < b'],
    ['1<2', '1<2'],
    ['<', '<'],
  ]);
});

test('escapeMarkdown: an & that could start an entity becomes &amp;, others stay', () => {
  cases(escapeMarkdown, [
    ['&lt;', '&amp;lt;'],
    ['&#60;', '&amp;#60;'],
    ['&#x3C;', '&amp;#x3C;'],
    ['&LT;', '&amp;LT;'],
    ['R&D', 'R&D'],
    ['a & b;', 'a & b;'],
    ['&;', '&;'],
    ['&#;', '&#;'],
    ['&lt', '&lt'],
  ]);
});

test('escapeMarkdown: link, image and link-definition syntax is broken with a backslash', () => {
  cases(escapeMarkdown, [
    ['[click](javascript:alert(1))', '[click]\\(javascript:alert(1))'],
    ['[a][ref]', '[a]\\[ref]'],
    ['![x](y)', '!\\[x]\\(y)'],
    ['[ref]: https://evil.example', '[ref\\]: https://evil.example'],
    ['[ref]  :x', '[ref\\]  :x'],
    ['[just brackets] here', '[just brackets] here'],
    ['a ] b', 'a ] b'],
    ['!', '!'],
    ['! [x]', '! [x]'],
  ]);
});

test("escapeMarkdown: control characters are dropped; kept's own Markdown and bare URLs pass through", () => {
  cases(escapeMarkdown, [
    ['a\u0000b\u001fc', 'abc'],
    ['a\u000bb\u000cc\u000ed', 'abcd'],
    ['a\tb\nc\rd', 'a\tb\nc\rd'],
    ['`code` and **bold** and _em_', '`code` and **bold** and _em_'],
    ['see https://example.org/x', 'see https://example.org/x'],
  ]);
});

test('escapeMarkdownCell: backslashes doubled, pipes escaped, newlines become spaces', () => {
  cases(escapeMarkdownCell, [
    ['a|b', 'a\\|b'],
    ['a\\b', 'a\\\\b'],
    ['a\\|b', 'a\\\\\\|b'],
    ['a\nb', 'a b'],
    ['a\r\nb', 'a b'],
    ['a\rb', 'a\rb'],
    ['x|y|z\n1\n2', 'x\\|y\\|z 1 2'],
    ['plain', 'plain'],
  ]);
});

test('slug: lower-case letters and digits joined by single hyphens, never empty', () => {
  cases(slug, [
    ['vLLM', 'vllm'],
    ['Hugging Face / TGI', 'hugging-face-tgi'],
    ['--a--b--', 'a-b'],
    [' a ', 'a'],
    ['a1_b2', 'a1-b2'],
    ['ÄÖÜ', 'x'],
    ['', 'x'],
    ['---', 'x'],
    ['-a', 'a'],
    ['a-', 'a'],
  ]);
});
