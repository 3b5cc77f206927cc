#!/usr/bin/env node
// Writes docs/schemas/*.schema.json from the zod schemas in src/report/json-schemas.ts
// (run after `npm run build`; a test fails when the files are stale).
import { mkdirSync, writeFileSync } from 'node:fs';
import { JSON_SCHEMAS, jsonSchemaText } from '../dist/src/report/json-schemas.js';

mkdirSync('docs/schemas', { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
  writeFileSync(`docs/schemas/${file}`, jsonSchemaText(schema));
  console.log(`docs/schemas/${file}`);
}
