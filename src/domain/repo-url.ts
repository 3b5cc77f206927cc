// Source-repository URLs as registries write them (`git+https://github.com/o/r.git`,
// `github:o/r`, npm's bare `o/r` shorthand, `git@github.com:o/r.git`,
// `https://github.com/o/r/tree/main/pkg`) → `o/r`, lower-cased; undefined when not GitHub.

export function parseGithubRepo(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const t = raw.trim().replace(/^github:/i, '');
  const short = /^([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(t);
  if (short) return `${short[1]}/${short[2]}`.toLowerCase();
  const m = /github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$/i.exec(t);
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}
