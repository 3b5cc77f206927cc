#!/usr/bin/env node
// Writes docs/schemas/report.schema.json from the zod schema (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../dist/src/report/document-schema.js';

mkdirSync('docs/schemas', { recursive: true });
writeFileSync('docs/schemas/report.schema.json', `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log('wrote docs/schemas/report.schema.json');
