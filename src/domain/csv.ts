// RFC 4180 CSV text into rows, and a table with a fixed header into numbered rows: what the
// catalog files (organisation → region, model parameters) are read with. Pure.
import { InputError, errorMessage } from './errors.js';

/** RFC 4180 CSV: quoted fields with doubled quotes and embedded commas/newlines. Lines starting with `#` before the header are comments. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) throw new InputError('unterminated quoted field', { hint: 'check the quotes in the file' });
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function csvTable(text: string, path: string, columns: readonly string[]): { line: number; cells: string[] }[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new InputError(`${path}: ${errorMessage(err)}`, {
      hint: 'check the quotes in the file; nothing was imported',
      cause: err,
    });
  }
  if (rows.length === 0)
    throw new InputError(`${path}: the file is empty`, {
      hint: `expected "${columns.join(',')}"; nothing was imported`,
    });
  const start = rows.findIndex((r) => !(r[0] ?? '').trimStart().startsWith('#'));
  const header = (rows[start] ?? []).map((c) => c.trim());
  if (start < 0 || header.length !== columns.length || header.some((c, i) => c !== columns[i])) {
    throw new InputError(`${path}: unexpected columns "${header.join(',').slice(0, 200)}"`, {
      hint: `expected "${columns.join(',')}"; nothing was imported`,
    });
  }
  return rows.slice(start + 1).map((cells, i) => ({ line: start + i + 2, cells }));
}
