// Bundles the CLI (npm run build): dist/cli.js, and beside it dist/lazy/*.js, the large dependencies that only some
// configs use (the proxy's HTTP client, the Redis client, faker, GraphQL). The CLI requires a chunk on first use,
// so a server that never uses one never reads it: V8 keeps the whole source text of every file it loads in memory,
// and these chunks are 2.4 MB of the 6.4 MB that was one file. Nothing needs installing beside the files.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist');
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', minifyWhitespace: true };

/** Each chunk: its file name under dist/lazy/, what it exports, and the imports (in the CLI's code) it stands for. */
const CHUNKS = [
  { name: 'undici', source: "module.exports = require('undici');", stands_for: ['undici'] },
  { name: 'redis', source: "module.exports = require('redis');", stands_for: ['redis'] },
  { name: 'faker-en', source: "module.exports = require('@faker-js/faker/locale/en');", stands_for: ['@faker-js/faker/locale/en'] },
  // one graphql for the CLI and for @graphql-tools (its classes are checked with instanceof)
  { name: 'graphql', source: "module.exports = { ...require('graphql'), validateSDL: require('graphql/validation/validate').validateSDL };", stands_for: ['graphql', 'graphql/validation/validate'] },
  { name: 'graphql-tools-mock', source: "module.exports = require('@graphql-tools/mock');", stands_for: ['@graphql-tools/mock'], uses: ['graphql'] },
];

/** esbuild options that make `imports` load the chunks in dist/lazy/ at run time, from a file in `from`. */
function toChunks(names, from) {
  const alias = {};
  const external = [];
  for (const chunk of CHUNKS.filter((c) => names.includes(c.name))) {
    const file = `${from}/${chunk.name}.js`; // kept as written: esbuild leaves an external path alone
    for (const spec of chunk.stands_for) alias[spec] = file;
    external.push(file);
  }
  return { alias, external };
}

await Promise.all(
  CHUNKS.map((chunk) => {
    const { alias, external } = toChunks(chunk.uses ?? [], '.');
    return build({ ...common, stdin: { contents: chunk.source, resolveDir: root, sourcefile: `${chunk.name}.js` }, outfile: path.join(dist, 'lazy', `${chunk.name}.js`), alias, external });
  }),
);

const { alias, external } = toChunks(
  CHUNKS.map((c) => c.name),
  './lazy',
);
await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli.ts')],
  outfile: path.join(dist, 'cli.js'),
  alias: { ...alias, 'mockdock-generated-validators': './dist/validators.js' },
  external,
  banner: { js: '#!/usr/bin/env node' },
});
