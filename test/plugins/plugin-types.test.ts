/** The types for plugin authors resolve from the package (`mockdock/plugin`), check a plugin, and fit the documented example. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const REPO = path.join(__dirname, '../..');

function check(dir: string, file: string, options: ts.CompilerOptions): string[] {
  const program = ts.createProgram([path.join(dir, file)], { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022, ...options });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('plugin types from the package', () => {
  let dir: string;
  beforeAll(() => {
    expect(fs.existsSync(path.join(REPO, 'dist/types/plugin-types.d.ts'))).toBe(true); // npm run build emits it
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockdock-author-'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(REPO, path.join(dir, 'node_modules/mockdock'), 'dir');
    fs.writeFileSync(
      path.join(dir, 'good.mts'),
      "import type { Plugin } from 'mockdock/plugin';\nconst p: Plugin = { name: 'a', onRequest(req, ctx) { req.path = '/x'; ctx.log.info('hi'); }, handlers: { h: async (req, ctx) => ({ body: { n: await ctx.state.increment('n'), id: req.params.id } }) } };\nexport default p;\n",
    );
    fs.writeFileSync(path.join(dir, 'bad.mts'), "import type { Plugin } from 'mockdock/plugin';\nconst p: Plugin = { name: 1, onRequest: 'no' };\nexport default p;\n");
    fs.writeFileSync(path.join(dir, 'good.ts'), "import type { Plugin } from 'mockdock/plugin';\nexport const p: Plugin = { name: 'a', onResponse(req, res) { res.headers['x'] = String(res.status); } };\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('resolves through the exports map (moduleResolution nodenext) and accepts a well-formed plugin', () => {
    expect(check(dir, 'good.mts', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext })).toEqual([]);
  });

  it('rejects a plugin of the wrong shape', () => {
    const errors = check(dir, 'bad.mts', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    expect(errors.join('\n')).toMatch(/not assignable/);
  });

  it('resolves for projects on the older node resolution too (typesVersions)', () => {
    expect(check(dir, 'good.ts', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 })).toEqual([]);
  });

  it('the documented example plugin type-checks against them', () => {
    fs.copyFileSync(path.join(REPO, 'config/plugins/example.mjs'), path.join(dir, 'example.mjs'));
    expect(check(dir, 'example.mjs', { allowJs: true, checkJs: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext })).toEqual([]);
  });
});
