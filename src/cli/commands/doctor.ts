// `kept doctor`: store (backend, schema, integrity, partial batches; ClickHouse server version and
// interrupted writers), config, tokens and upstream reachability, one line each (views/doctor).
// Exit 7 when a check fails.
import type { Command } from 'commander';
import { StoreError } from '../../domain/errors.js';
import { resolveUpstreams } from '../../http/upstreams.js';
import { registryBaseUrls } from '../../ingest/collect/registries.js';
import { DOCKERHUB_BASE_URL } from '../../sources/dockerhub/dockerhub.js';
import { NPM_DOWNLOADS_BASE_URL } from '../../sources/npm/downloads.js';
import { OLLAMA_BASE_URL } from '../../sources/ollama/ollama.js';
import { PYPISTATS_BASE_URL } from '../../sources/pypistats/pypistats.js';
import { computeDoctorView } from '../../views/doctor/compute.js';
import { loadDoctorAt, type DoctorInputs, type UpstreamProbeTarget } from '../../views/doctor/load.js';
import type { DoctorCheck } from '../../views/doctor/model.js';
import type { Wrap } from '../context.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

/**
 * One cheap URL per upstream kept talks to, from the same base URLs collection uses (GITHUB_API_URL,
 * HF_ENDPOINT and the KEPT_*_URL registry mirrors), so doctor probes what collect would reach.
 */
export function upstreamProbes(env: NodeJS.ProcessEnv): UpstreamProbeTarget[] {
  const u = resolveUpstreams(env);
  const r = registryBaseUrls(env);
  return [
    { name: 'GitHub API', url: `${u.github.apiUrl}/rate_limit` },
    { name: 'Hugging Face Hub', url: `${u.hf.endpoint}/api/models?limit=1` },
    { name: 'pypistats.org', url: `${r.pypistats ?? PYPISTATS_BASE_URL}/api/packages/pip/recent` },
    { name: 'npm downloads API', url: `${r.npmDownloads ?? NPM_DOWNLOADS_BASE_URL}/downloads/point/last-day/npm` },
    { name: 'Docker Hub', url: `${r.dockerhub ?? DOCKERHUB_BASE_URL}/v2/repositories/library/python/` },
    { name: 'Ollama library', url: `${r.ollama ?? OLLAMA_BASE_URL}/library` },
  ];
}

/** What to do about the first failed check: each kind of failure has its own next step. */
function failureHint(inputs: DoctorInputs, failed: readonly DoctorCheck[]): string {
  const s = inputs.store;
  const first = failed[0];
  if ((s.state === 'unopenable' || s.state === 'failed') && s.hint) return s.hint;
  if (s.state === 'unopenable') return 'check that --db names a kept store, or pass --db with another one';
  if (s.state === 'failed') return 'the store could not be read: check the file, or restore it from a backup';
  if (first?.area === 'store' && first.name === 'schema')
    return 'the store was written by another version of kept: use that version, or upgrade kept';
  if (first?.area === 'store' && first.name === 'integrity')
    return s.state === 'open' && s.backend === 'clickhouse'
      ? 'kept doctor --repair deletes the rows of batches that never committed; otherwise restore the store or re-import'
      : 'restore the store from a backup, or rebuild it (re-imports and collects add only what is missing)';
  if (first?.area === 'config') return 'fix kept.yaml at the line named, or pass --config with another file';
  return 'see the failed check above';
}

export function registerDoctor(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('doctor')
    .description('check the store (schema, integrity, partial batches), the config, tokens and upstream reachability')
    .option('--offline', 'do not probe the upstream APIs')
    .option('--repair', 'ClickHouse: delete rows of batches that never committed (claimed over an hour ago)');
  addOutputOptions(cmd, 'doctor')
    .addHelpText('after', '\nExits with status 7 when the store fails a check. Token values are never shown.')
    .action(
      wrap(async (ctx, opts: OutputOptions & { offline?: boolean; repair?: boolean }) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const request = {
          repair: opts.repair === true,
          today: ctx.now(),
          config: () => ctx.config,
          env: ctx.env,
          probes: () => upstreamProbes(ctx.env),
          ...(opts.offline ? {} : { fetch: globalThis.fetch }),
        };
        const inputs = await loadDoctorAt(
          ctx.storeLocation(),
          () => ctx.openStore({ readOnly: !opts.repair }),
          request,
        );
        const model = computeDoctorView(inputs, request);
        emitView(ctx, 'doctor', model, opts);
        if (!model.ok) {
          const failed = model.checks.filter((c) => c.status === 'fail');
          throw new StoreError(failed.map((c) => `${c.area} ${c.name}: ${c.detail}`).join('; '), {
            hint: failureHint(inputs, failed),
          });
        }
      }),
    );
}
