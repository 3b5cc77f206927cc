// `kept import npm-download-counts FILE`: a monthly snapshot of every npm package's downloads from
// the `download-counts` package (the `npm pack` .tgz, or its counts.json, plain or .gz). Streamed:
// pairs are validated in JavaScript and written to a temporary CSV that the store's own bulk
// reader loads in one transaction, so 3.77 M packages never sit in JavaScript memory at once.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { InputError, errorMessage } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import type { NpmCountsImportSummary } from '../../domain/imports.js';
import { normalizeSubjectId } from '../../domain/subject.js';
import { addDays, isoDate } from '../../domain/time.js';
import { readLineBatches } from '../../files/read-lines.js';
import { readTarEntries } from '../../files/read-tar.js';
import {
  CountsObjectReader,
  DOWNLOAD_COUNTS_WINDOW_DAYS,
  NPM_DOWNLOAD_COUNTS_SOURCE,
  downloadCountsDate,
} from '../../files/npm-download-counts.js';
import type { BulkLoadPlan } from '../../domain/bulk-plan.js';
import { badValueError, countProblem, dateProblem } from '../../files/values.js';
import type { Store } from '../../store/store.js';

export interface NpmCountsImportOptions {
  readonly at?: Date;
  readonly fetchedAt: Date;
}

export async function importNpmDownloadCounts(
  store: Store,
  file: string,
  options: NpmCountsImportOptions,
): Promise<NpmCountsImportSummary> {
  const path = resolve(file);
  const dir = mkdtempSync(join(tmpdir(), 'kept-npm-counts-'));
  const csvPath = join(dir, 'counts.csv');
  const out = createWriteStream(csvPath, { highWaterMark: 1 << 20 });
  const reader = new CountsObjectReader();
  let rows: string[] = [];
  let packages = 0;
  let skippedNames = 0;
  let versionDate: Date | undefined;
  const emit = (name: string, count: number): void => {
    // A count that cannot be refuses the file; a name npm itself holds but kept cannot address
    // (legacy names such as "@(-.-)/env") is skipped and counted, as the registry-wide dump has some.
    const bad = countProblem(count);
    if (bad)
      throw badValueError(path, `entry ${reader.pairs}`, bad, `downloads of ${JSON.stringify(name.slice(0, 80))}:`);
    const id = normalizeSubjectId('npm', name);
    if (id === undefined) {
      skippedNames++;
      return;
    }
    packages++;
    rows.push(`${id},${count}\n`);
  };
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    const text = rows.join('');
    rows = [];
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    out.write('name,downloads\n');
    const feed = async (text: string): Promise<void> => {
      try {
        reader.push(text, emit);
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(`${path}: not a download-counts counts.json (${errorMessage(err)})`, {
          hint: 'pass the .tgz from `npm pack download-counts@VERSION` or its package/counts.json',
          cause: err,
        });
      }
      if (rows.length >= 50_000) await flush();
    };
    const finish = (): void => {
      try {
        reader.end(emit);
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(`${path}: ${errorMessage(err)}`, {
          hint: 'fetch the package again; nothing was imported',
          cause: err,
        });
      }
    };
    if (/\.tgz$|\.tar(\.gz)?$/i.test(path)) {
      let sawCounts = false;
      let pkgJson = '';
      const decoder = new TextDecoder();
      let current: 'counts' | 'pkg' | undefined;
      await readTarEntries(path, {
        start: (name) => {
          current = /(^|\/)counts\.json$/.test(name)
            ? 'counts'
            : /^package\/package\.json$/.test(name)
              ? 'pkg'
              : undefined;
          if (current === 'counts') sawCounts = true;
          return current !== undefined;
        },
        data: async (chunk) => {
          if (current === 'counts') await feed(decoder.decode(chunk, { stream: true }));
          else pkgJson += chunk.toString('utf8');
        },
        end: () => {
          if (current === 'counts') {
            const tail = decoder.decode();
            if (tail) reader.push(tail, emit);
            finish();
          } else if (current === 'pkg') {
            try {
              versionDate = downloadCountsDate(String((JSON.parse(pkgJson) as { version?: unknown }).version ?? ''));
            } catch {
              // an unreadable package.json only loses the date; --at or the file name can give it
            }
          }
          current = undefined;
        },
      });
      if (!sawCounts)
        throw new InputError(`${path}: the archive has no counts.json`, {
          hint: 'pass the .tgz from `npm pack download-counts@VERSION`',
        });
    } else {
      for await (const batch of readLineBatches(path)) await feed(batch.join('\n'));
      finish();
    }
    await flush();
    out.end();
    await once(out, 'close');
    const at = options.at ?? versionDate ?? downloadCountsDate(basename(path)) ?? downloadCountsDate(path);
    if (!at)
      throw new InputError(`${path}: no snapshot date: the file name and package.json carry no 2.YYYYMMDD.0 version`, {
        hint: 'pass --at YYYY-MM-DD (the download-counts release date)',
      });
    const late = dateProblem(isoDate(at), options.fetchedAt);
    if (late)
      throw new InputError(`${path}: the snapshot date ${late}`, {
        hint: 'check --at or the release version; nothing was imported',
      });
    if (packages === 0)
      throw new InputError(`${path}: no package counts in the file`, { hint: "pass download-counts' counts.json" });
    const day = isoDate(at);
    const plan: BulkLoadPlan = {
      path: csvPath,
      compression: 'none',
      delimiter: ',',
      columns: [
        { name: 'name', type: 'varchar' },
        { name: 'downloads', type: 'bigint' },
      ],
      required: ['name', 'downloads'],
      observation: {
        subjectKind: 'npm',
        subjectId: { col: 'name' },
        metric: METRICS.downloads,
        value: { col: 'downloads' },
        windowStart: { asTimestamp: { lit: isoDate(addDays(at, -DOWNLOAD_COUNTS_WINDOW_DAYS)) } },
        windowEnd: { asTimestamp: { lit: day } },
        observedAt: { asTimestamp: { lit: day } },
      },
    };
    const r = await store.bulkLoad(plan, {
      source: NPM_DOWNLOAD_COUNTS_SOURCE,
      origin: path,
      fetchedAt: options.fetchedAt,
    });
    return { ...r, snapshot: day, packages, skippedNames, nulls: reader.nulls };
  } finally {
    // After a failure, earlier writes may still be in flight: destroying the stream makes them end
    // with ERR_STREAM_DESTROYED, expected here (the temporary file is being removed), not a crash.
    out.on('error', () => undefined);
    if (!out.closed) {
      const closed = new Promise<void>((r) => out.once('close', () => r()));
      out.destroy();
      await closed;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
