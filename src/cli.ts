/** Entry point: argv → command (serve, validate, schema, openapi, import). */
import path from 'node:path';
import { Command, Option } from 'commander';
import { version } from '../package.json';
import { configFolder, pluginsAllowed, resolveOptions, type ServerFlags } from './server/options';
import { startServer } from './server/start-server';
import { buildEndpointSet, NO_PLUGINS } from './registry/build-endpoint-set';
import { formatIssue } from './errors/config-issue';
import { configSchema, settingsSchema } from './config/schema';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`mockdock: ${line}\n`);
  process.exit(1);
}

async function serve(flags: ServerFlags): Promise<void> {
  const resolved = resolveOptions(flags, process.env);
  if (!resolved.ok) fail([resolved.error]);
  const started = await startServer(resolved.options);
  if (!started.ok) fail(started.lines);
  const { server } = started;
  const stop = (signal: string) => {
    server.shutdown(signal).then(
      () => process.exit(0),
      (err) => {
        server.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function validate(dir: string | undefined, flags: { allowPlugins?: boolean }): Promise<void> {
  const root = dir ?? configFolder(process.env);
  const built = await buildEndpointSet(root, { seed: 0, plugins: { ...NO_PLUGINS, allow: pluginsAllowed(flags.allowPlugins, process.env) } });
  const shown = (file: string) => (path.isAbsolute(file) ? file : path.join(root, file));
  if (!built.ok) {
    for (const issue of built.issues) process.stdout.write(`${formatIssue({ ...issue, file: shown(issue.file) })}\n`);
    const files = new Set(built.issues.map((i) => i.file)).size;
    process.stderr.write(`${built.issues.length} problem${built.issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`);
    process.exit(1);
  }
  for (const w of built.set.warnings) process.stdout.write(`${formatIssue({ ...w, file: shown(w.file), message: `warning: ${w.message}` })}\n`);
  process.stdout.write(`ok: ${built.set.endpoints.length} endpoints in ${built.files.length} files under ${root}\n`);
}

function serveOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <dir>', 'config folder (env MOCKDOCK_CONFIG, default ./config)')
    .option('-p, --port <n>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 0.0.0.0)')
    .option('--no-watch', 'do not watch the config folder (env MOCKDOCK_WATCH=false)')
    .option('--poll <ms>', 'poll the folder every MS instead of file events, for volumes without events (env MOCKDOCK_POLL_MS)')
    .option('--seed <n>', 'seed for latency jitter, failures and random template values (env MOCKDOCK_SEED)')
    .option('--log-limit <n>', 'requests kept in /__logs (env MOCKDOCK_LOG_LIMIT, default 1000)')
    .option('--admin-token <token>', 'require "Authorization: Bearer <token>" on /__* routes but /__health (env MOCKDOCK_ADMIN_TOKEN)')
    .addOption(new Option('--log-level <level>', 'log level (env LOG_LEVEL, default info)').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']))
    .option('--body-limit <size>', 'largest request body; larger gets 413 (env MOCKDOCK_BODY_LIMIT, default 1mb)')
    .option('--latency <ms>', 'extra delay added to every mocked response (env MOCKDOCK_LATENCY)')
    .option('--store <url>', 'keep state in Redis, shared by replicas: redis://HOST:PORT[/DB] (env MOCKDOCK_STORE, default in memory)')
    .option('--shutdown-timeout <ms>', 'how long a stop waits for requests in progress (env MOCKDOCK_SHUTDOWN_TIMEOUT_MS, default 10000)')
    .option('--public-url <url>', 'URL clients reach mockdock at: the OIDC issuer and endpoints (env MOCKDOCK_PUBLIC_URL, default: the request\'s Host)')
    .option('--proxy <url>', 'send requests no endpoint matches to this upstream instead of a 404 (env MOCKDOCK_PROXY)')
    .option('--record', 'with --proxy: write each new exchange under recorded/ in the config folder, replayed from then on (env MOCKDOCK_RECORD)')
    .option('--redact <name>', 'recording: another header never to write (repeatable; env MOCKDOCK_REDACT, comma-separated)', collect, [] as string[])
    .option('--redact-field <name>', 'recording: a JSON field whose value is written as "REDACTED" (repeatable)', collect, [] as string[])
    .option('--cors', 'answer CORS preflights and add CORS headers for every origin (mockdock.yaml `cors` for more; env MOCKDOCK_CORS)')
    .option('--tls-cert <file>', 'serve HTTPS and HTTP/2 on --port with this PEM certificate (chain) (env MOCKDOCK_TLS_CERT)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert (env MOCKDOCK_TLS_KEY)')
    .option('--tls <mode>', '"self-signed": make a certificate for localhost, 127.0.0.1 and ::1 at start (env MOCKDOCK_TLS)')
    .option('--tls-out <dir>', 'with --tls self-signed: write cert.pem and key.pem here (env MOCKDOCK_TLS_OUT, default a new temporary folder)')
    .option('--tls-names <names>', 'with --tls self-signed: more host names or addresses for the certificate, comma-separated, e.g. the Compose service name (env MOCKDOCK_TLS_NAMES)')
    .option('--tls-ca <file>', 'require client certificates signed by this CA (mTLS); /__logs shows their subject (env MOCKDOCK_TLS_CA)')
    .option('--allow-plugins', 'load the plugins mockdock.yaml lists: code from the config folder (env MOCKDOCK_ALLOW_PLUGINS=true)')
    .option('--plugin-timeout <ms>', 'a plugin call running longer answers 500 (env MOCKDOCK_PLUGIN_TIMEOUT, default 5000)');
}

function collect(value: string, all: string[]): string[] {
  return [...all, value];
}

/** `mockdock record`: a recording proxy in front of --target, writing into --out, which `serve --config` then replays. */
async function record(flags: ServerFlags & { target: string; out?: string }): Promise<void> {
  const out = flags.out ?? './config';
  const resolved = resolveOptions({ ...flags, config: out, proxy: flags.target, record: true, watch: false }, process.env);
  if (!resolved.ok) fail([resolved.error.replace(/^--proxy\b/, '--target')]);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(out, { recursive: true });
  const options = { ...resolved.options, settings: { ...resolved.options.settings, proxy: { url: flags.target, always: true } } };
  const started = await startServer(options);
  if (!started.ok) fail(started.lines);
  const { server } = started;
  server.logger.info({ target: flags.target, out }, `recording ${flags.target} into ${out}; replay with: mockdock serve --config ${out}`);
  const stop = (signal: string) => {
    server.shutdown(signal).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

export function buildProgram(): Command {
  const program = new Command('mockdock')
    .description('Docker-first HTTP API mock server')
    .version(version, '-v, --version');

  serveOptions(program.command('serve', { isDefault: true }).description('serve the endpoints of a config folder (the default command)')).action(
    (flags: ServerFlags) => serve(flags),
  );

  program
    .command('validate [dir]')
    .description('check every config file; prints file:line:col message for each problem, exits 1 on any')
    .option('--allow-plugins', 'import and check the plugins mockdock.yaml lists (env MOCKDOCK_ALLOW_PLUGINS=true)')
    .action((dir: string | undefined, flags: { allowPlugins?: boolean }) => validate(dir, flags));

  program
    .command('schema')
    .description('print the JSON Schema of config files (for editors); --settings: of mockdock.yaml alone')
    .option('--settings', 'print the schema of mockdock.yaml (server settings)')
    .action((opts: { settings?: boolean }) => {
      process.stdout.write(`${JSON.stringify(opts.settings ? settingsSchema : configSchema, null, 2)}\n`);
    });

  program
    .command('openapi <spec>')
    .description('write endpoint config generated from an OpenAPI 3.x / Swagger 2 document ("-" reads stdin)')
    .option('-o, --out <file>', 'write to FILE instead of stdout')
    .option('--out-dir <dir>', 'write one or more files into DIR')
    .option('--split-by-tag', 'one file per tag (with --out-dir)')
    .addOption(new Option('--examples <which>', 'first: one response per operation; all: every example and status as a variant').choices(['first', 'all']).default('first'))
    .option('--base-path <path>', 'prefix for every path (default: the path of the first server URL or basePath; "/" for none)')
    .action(async (spec: string, opts: { out?: string; outDir?: string; splitByTag?: boolean; examples?: 'first' | 'all'; basePath?: string }) => {
      // Loaded on demand: the OpenAPI parser and sampler would otherwise cost every `serve` start-up time and memory.
      const { runOpenApiCommand } = await import('./openapi/openapi-command');
      process.exitCode = await runOpenApiCommand(spec, opts);
    });

  program
    .command('record')
    .description('a recording proxy: forwards everything to --target and writes what it sees into --out as endpoint files')
    .requiredOption('--target <url>', 'the upstream to record (http or https URL)')
    .option('--out <dir>', 'config root to write into (default ./config); replay it with mockdock serve --config DIR')
    .option('-p, --port <n>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 0.0.0.0)')
    .option('--log-level <level>', 'log level (env LOG_LEVEL, default info)')
    .option('--redact <name>', 'another header never to write (repeatable; env MOCKDOCK_REDACT, comma-separated)', collect, [] as string[])
    .option('--redact-field <name>', 'a JSON field whose value is written as "REDACTED" (repeatable)', collect, [] as string[])
    .action((flags: ServerFlags & { target: string; out?: string }) => record(flags));

  program
    .command('import <kind> <src>')
    .description('write endpoint files from another tool\'s mocks: wiremock DIR|FILE, mockoon FILE, postman FILE, har FILE')
    .option('--out <dir>', 'folder for the endpoint files (default ./config/imported)')
    .option('--root <dir>', 'config root that body files are placed under (default: the folder holding --out)')
    .option('--redact <name>', 'har: another header never to write (repeatable; env MOCKDOCK_REDACT, comma-separated)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--redact-field <name>', 'har: a JSON field whose value is written as "REDACTED" (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .action(async (kind: string, src: string, opts: { out?: string; root?: string; redact: string[]; redactField: string[] }) => {
      const { runImportCommand } = await import('./import/import-command');
      const fromEnv = (process.env.MOCKDOCK_REDACT ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      process.exitCode = await runImportCommand(kind, src, { ...opts, redact: [...fromEnv, ...opts.redact] });
    });

  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: Error) => fail([err.message]));
