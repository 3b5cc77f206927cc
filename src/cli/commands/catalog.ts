// `kept catalog`: the projects kept knows (built-in catalog plus kept.yaml) and their artifacts.
import type { Command } from 'commander';
import { CATALOG_VERSION } from '../../config/catalog.js';
import { projectArtifacts } from '../../domain/project.js';
import { formatSubject } from '../../domain/subject.js';
import type { Wrap } from '../context.js';

export function registerCatalog(program: Command, wrap: Wrap): void {
  program
    .command('catalog')
    .description('list the catalog projects (built-in plus kept.yaml) and their artifacts')
    .option('--json', 'print JSON')
    .action(
      wrap(async (ctx, opts: { json?: boolean }) => {
        const projects = ctx.projects();
        if (opts.json) {
          ctx.printJson({
            schema: 'kept.catalog/v1',
            version: CATALOG_VERSION,
            config: ctx.config.path ?? null,
            projects: projects.map((p) => ({ ...p, artifacts: projectArtifacts(p).map(formatSubject) })),
          });
          return;
        }
        ctx.print(
          `# kept catalog ${CATALOG_VERSION}${ctx.config.path ? ` + ${ctx.config.path}` : ''}: ${projects.length} projects\n`,
        );
        ctx.print('| id | name | category | artifacts |\n|---|---|---|---|');
        for (const p of projects)
          ctx.print(`| ${p.id} | ${p.name} | ${p.category} | ${projectArtifacts(p).map(formatSubject).join(', ')} |`);
      }),
    );
}
