/**
 * Imports a plugin module by a URL that carries its content hash, so an edited file is a new module (the ESM
 * cache never forgets a URL) and an unchanged one is the module already loaded.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

type Importer = (specifier: string) => Promise<Record<string, unknown>>;

// Written as source text so that neither tsc nor the bundler turns the import into a require.
const nativeImport = new Function('specifier', 'return import(specifier)') as Importer;

let fallback: Importer | null = null;

/**
 * Inside a vm context without a module loader of its own (a test runner's sandbox), import() has no host
 * callback; there the main context's loader is asked instead.
 */
function mainContextImport(): Importer {
  fallback ??= new vm.Script('(specifier) => import(specifier)', { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }).runInThisContext() as Importer;
  return fallback;
}

export interface ImportedModule {
  exports: Record<string, unknown>;
}

export async function importFresh(file: string): Promise<ImportedModule> {
  const content = await readFile(file);
  const version = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const url = `${pathToFileURL(file).href}?v=${version}`;
  try {
    return { exports: await nativeImport(url) };
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG' && !/without --experimental-vm-modules/.test(String(err))) throw err;
    return { exports: await mainContextImport()(url) };
  }
}
