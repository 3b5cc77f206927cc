// The JSON outputs' schemas, as zod schemas: the single source for docs/schemas/*.schema.json
// (written by `npm run schemas`, checked by a test) and for validating outputs in tests.
// A breaking change to an output bumps its `schema` id (kept.<name>/vN).
import { z } from 'zod';
import { trendViewSchema } from '../views/trend/model.js';
import { VIEWS, VIEW_NAMES } from '../views/registry.js';
import { collectRunSchema } from './runs/collect.js';
import { importRunSchema } from './runs/import.js';
import { migrateRunSchema } from './runs/migrate.js';

/** kept trend --json: the trend view's model. */
export const trendJsonSchema = trendViewSchema;

/**
 * Every schema file of docs/schemas/: one per registered view (views/registry.ts), then the
 * results of the write-side commands (collect, import, migrate).
 */
export const JSON_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ...Object.fromEntries(VIEW_NAMES.map((name) => [`${name}.schema.json`, VIEWS[name].schema])),
  'collect.schema.json': collectRunSchema,
  'import.schema.json': importRunSchema,
  'migrate.schema.json': migrateRunSchema,
};

export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema), null, 2)}\n`;
}
