// `kept mcp`: the Model Context Protocol server over stdio (src/mcp/), for coding assistants.
// It opens the store read-only for its whole life; stdout carries only protocol messages, so
// every notice goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { CATALOG_VERSION } from '../../config/catalog.js';
import { serveMcp } from '../../mcp/server.js';
import { TOOLS } from '../../mcp/tools.js';
import type { Wrap } from '../context.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';

export function registerMcp(program: Command, wrap: Wrap): void {
  program
    .command('mcp')
    .description(
      `Model Context Protocol server over stdio for coding assistants: read-only tools ${TOOLS.map((t) => t.name).join(', ')}`,
    )
    .addHelpText(
      'after',
      '\nRun by an MCP client, not by hand: it speaks JSON-RPC on stdin/stdout. Client setup: docs/mcp.md.\nExample client entry: {"command": "npx", "args": ["kept", "mcp", "--db", "/path/to/kept.duckdb"]}\nThe tools only read the store; kept collect stays a separate, explicit command.',
    )
    .action(
      wrap(async (ctx) => {
        const projects = ctx.projects();
        const settings = verdictOptionsFromConfig(ctx);
        const store = await ctx.openStore({ readOnly: true });
        const transport = new StdioServerTransport();
        try {
          const { closed, server } = await serveMcp(
            {
              store,
              projects,
              settings,
              catalogVersion: CATALOG_VERSION,
              configPath: ctx.config.path ?? null,
              now: ctx.now,
            },
            transport,
            (line) => ctx.info(line),
          );
          ctx.info(`kept mcp: serving ${TOOLS.length} tools over stdio from ${store.location} (read-only)`);
          // The client ending stdin, or a signal, ends the session.
          const stop = (): void => void server.close().catch(() => undefined);
          process.stdin.once('end', stop);
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
          await closed;
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
        } finally {
          await store.close();
        }
      }),
    );
}
