/**
 * Build step: writes the config schema's validators as standalone code (ajv's own generator), which the
 * bundle then carries, so a start-up checks endpoints without compiling the schema first.
 * Usage (npm run build does it): node dist/write-validators.js OUT_FILE
 */
import fs from 'node:fs';
import standaloneCode from 'ajv/dist/standalone';
import { configAjv, VALIDATOR_NAMES } from './validate-endpoint';

const out = process.argv[2];
if (!out) throw new Error('usage: write-validators OUT_FILE');
const ajv = configAjv({ source: true });
const refs = Object.fromEntries(VALIDATOR_NAMES.map((name) => [name, `config#/definitions/${name}`]));
fs.writeFileSync(out, standaloneCode(ajv, refs));
