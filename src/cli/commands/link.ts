// `kept link <project>`: artifacts the collected data links to a project, as kept.yaml lines.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { proposeLinks } from '../../pipeline/link.js';
import type { Wrap } from '../context.js';

export function registerLink(program: Command, wrap: Wrap): void {
  program
    .command('link')
    .description('propose artifacts (packages, images) that the collected data links to a project, as kept.yaml lines')
    .argument('<project>', 'catalog id or name')
    .option('--json', 'print JSON (schema: docs/schemas/link.schema.json)')
    .addHelpText(
      'after',
      '\nEvidence comes from collected data: PyPI project_urls, npm repository, deps.dev and ecosyste.ms links.\nRun kept collect (or the registry collectors) first; nothing is changed, only proposed.',
    )
    .action(
      wrap(async (ctx, query: string, opts: { json?: boolean }) => {
        const project = findProject(ctx.projects(), query);
        const report = await ctx.withStore((store) => proposeLinks(store, project), { readOnly: true });
        if (opts.json) {
          ctx.printJson({ schema: 'kept.link/v1', ...report });
          return;
        }
        const out: string[] = [
          `# Links for ${project.name}`,
          '',
          `Repository: ${report.repository ?? 'unknown (no artifact names one)'}`,
          '',
        ];
        if (report.proposals.length === 0) out.push('No new artifacts found in the collected data.');
        else {
          out.push('Proposed (not yet in the project):', '');
          for (const p of report.proposals)
            out.push(`- ${p.subject}: ${p.evidence.map((e) => `${e.from} → ${e.to} (${e.source})`).join('; ')}`);
          out.push('', 'Add to kept.yaml:', '', '```yaml', report.yaml, '```');
        }
        if (report.conflicts.length)
          out.push(
            '',
            'Disagreements (kept as they are):',
            '',
            ...report.conflicts.map((c) => `- ${c.from} points at ${c.to} (${c.source})`),
          );
        ctx.print(out.join('\n'));
      }),
    );
}
