// Escaping for everything kept shows: the data is untrusted public text (descriptions, model
// names, release notes). One escape serves HTML text, attributes and SVG. Pure.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML/SVG element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters other than tab/newline are dropped
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A link target kept may render: absolute http(s) URLs and same-site absolute paths only.
 * Anything else (javascript:, data:, protocol-relative //host) is undefined: shown as text.
 */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  if (/^\/(?!\/)/.test(h) && !/[\s\\]/.test(h)) return h;
  try {
    const u = new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text made inert for Markdown, as escapeHtml makes it for HTML (the data is untrusted: a project
 * named `<img src=x onerror=…>`, a description with `[click](javascript:…)`): a `<` that could open a
 * tag or an autolink becomes `&lt;`, an `&` that could start an entity `&amp;`, and link, image and
 * link-definition syntax is broken with a backslash (`]\(`, `]\[`, `\]:`, `!\[`). Markdown viewers
 * then show the text as written; bare http(s) URLs stay, so the only links data can make are
 * those. Kept's own Markdown (code spans, emphasis) passes through.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters other than tab/newline are dropped
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, '&amp;')
      .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
      .replace(/!\[/g, '!\\[')
      .replace(/\](?=[([])/g, ']\\')
      .replace(/\](?=\s*:)/g, '\\]')
  );
}

/** A Markdown-safe table cell: pipes and newlines would break the table. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** An id usable as an HTML anchor. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}
