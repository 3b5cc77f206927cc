// The `.mailmap` format (gitmailmap(5)), parsed so Co-authored-by trailers get the same identity
// mapping git applies to authors with --use-mailmap (git leaves trailer values unmapped). Pure.
import type { GitIdent } from '../../domain/contributors.js';

interface MailmapEntry {
  readonly properName: string | undefined;
  readonly properEmail: string | undefined;
}

export interface Mailmap {
  /** Maps an identity the way git does: a (name, email) entry wins over an email-only one. */
  map(ident: GitIdent): GitIdent;
  readonly size: number;
}

const ENTRY = /^\s*([^<#]*?)\s*<([^>]*)>\s*(?:([^<#]*?)\s*<([^>]*)>)?\s*(?:#.*)?$/;

/** Parses mailmap text; malformed lines are skipped like git does. */
export function parseMailmap(text: string): Mailmap {
  // key: lower(commitEmail) -> { byName: lower(commitName) -> entry, any: entry }
  const table = new Map<string, { any?: MailmapEntry; byName: Map<string, MailmapEntry> }>();
  let size = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = ENTRY.exec(line);
    if (!m) continue;
    const [, name1, email1, name2, email2] = m;
    let properName: string | undefined;
    let properEmail: string | undefined;
    let commitName: string | undefined;
    let commitEmail: string;
    if (email2 === undefined) {
      // `Proper Name <commit@email>`: only the name is replaced.
      properName = name1 || undefined;
      commitEmail = email1 ?? '';
    } else {
      properName = name1 || undefined;
      properEmail = email1 || undefined;
      commitName = name2 || undefined;
      commitEmail = email2;
    }
    const key = commitEmail.toLowerCase();
    const slot = table.get(key) ?? { byName: new Map<string, MailmapEntry>() };
    const entry = { properName, properEmail };
    if (commitName === undefined) slot.any = merge(slot.any, entry);
    else slot.byName.set(commitName.toLowerCase(), merge(slot.byName.get(commitName.toLowerCase()), entry));
    table.set(key, slot);
    size++;
  }
  return {
    size,
    map(ident: GitIdent): GitIdent {
      const slot = table.get(ident.email.toLowerCase());
      if (!slot) return ident;
      const entry = slot.byName.get(ident.name.toLowerCase()) ?? slot.any;
      if (!entry) return ident;
      return { name: entry.properName ?? ident.name, email: entry.properEmail ?? ident.email };
    },
  };
}

function merge(old: MailmapEntry | undefined, next: MailmapEntry): MailmapEntry {
  if (!old) return next;
  return { properName: next.properName ?? old.properName, properEmail: next.properEmail ?? old.properEmail };
}
