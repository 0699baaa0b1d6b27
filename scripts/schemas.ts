// Writes the published JSON Schemas (`npm run schemas`); src/config/schema.test.ts fails when they drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from '../src/config/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'schemas', 'rampart.config.schema.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, configJsonSchemaText());
process.stdout.write(`wrote ${file}\n`);
