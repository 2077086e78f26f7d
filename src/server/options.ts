/** Flags + environment → frozen ServerOptions. The only place that reads process.env; a flag beats its variable. */
import { LOG_LEVELS, type LogLevel } from './logger';
import type { TlsSettings } from '../tls/prepare-tls';
import { DEFAULT_PLUGIN_TIMEOUT_MS } from '../plugins/plugin-set';

export interface ServerOptions {
  readonly config: string;
  readonly port: number;
  readonly host: string;
  readonly watch: boolean;
  readonly pollMs?: number;
  readonly seed?: number;
  readonly logLimit: number;
  readonly adminToken?: string;
  readonly logLevel: LogLevel;
  readonly bodyLimit: string;
  readonly latencyMs: number;
  readonly shutdownTimeoutMs: number;
  /** `--public-url`: the URL clients reach mockdock at (the OIDC provider's issuer and endpoints). */
  readonly publicUrl?: string;
  /** `--store redis://HOST:PORT[/DB]`: keep every piece of state in Redis, shared by replicas; none: in memory. */
  readonly store?: string;
  /** mockdock.yaml keys set by flags or environment variables: they win over the file, key by key. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** `--tls-cert/--tls-key`, `--tls self-signed`, `--tls-ca`: serve HTTPS and HTTP/2 on the port; none: plain HTTP. */
  readonly tls?: TlsSettings;
  /** `--allow-plugins`: load the `plugins` mockdock.yaml lists (code from the config folder); refused without it. */
  readonly allowPlugins?: boolean;
  /** `--plugin-timeout`: a plugin call still running after this long answers 500. */
  readonly pluginTimeoutMs?: number;
}

/** Flags as commander hands them over (strings, or booleans for switches). */
export interface ServerFlags {
  store?: string;
  config?: string;
  port?: string;
  host?: string;
  watch?: boolean;
  poll?: string;
  seed?: string;
  logLimit?: string;
  adminToken?: string;
  logLevel?: string;
  bodyLimit?: string;
  latency?: string;
  shutdownTimeout?: string;
  publicUrl?: string;
  proxy?: string;
  record?: boolean;
  redact?: string[];
  redactField?: string[];
  cors?: boolean;
  tls?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  tlsOut?: string;
  tlsNames?: string;
  allowPlugins?: boolean;
  pluginTimeout?: string;
}

export type OptionsResult = { ok: true; options: ServerOptions } | { ok: false; error: string };

class OptionError extends Error {}

function int(value: string | undefined, what: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new OptionError(`${what} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return n;
}

function bool(value: string | undefined, what: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new OptionError(`${what} must be true or false, not "${value}"`);
}

function publicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') {
    throw new OptionError(`--public-url must be an http(s) URL such as http://mockdock:8080, not "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function proxyUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url === null || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new OptionError(`--proxy must be an http or https URL without a query, such as http://api.internal:8080, not "${value}"`);
  }
  return value;
}

function names(flag: string[] | undefined, env: string | undefined): string[] {
  if (flag !== undefined && flag.length > 0) return flag;
  return (env ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** mockdock.yaml keys set by flags or environment variables (they win over the file, key by key). */
function settingsFromFlags(flags: ServerFlags, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const proxy = proxyUrl(flags.proxy !== undefined ? flags.proxy : env.MOCKDOCK_PROXY);
  if (proxy !== undefined) settings.proxy = proxy;
  const record = flags.record === true ? true : bool(env.MOCKDOCK_RECORD, 'MOCKDOCK_RECORD');
  if (record !== undefined) settings.record = record;
  const headers = names(flags.redact, env.MOCKDOCK_REDACT);
  const fields = flags.redactField ?? [];
  if (headers.length > 0 || fields.length > 0) settings.redact = { headers, fields };
  const cors = flags.cors === true ? true : bool(env.MOCKDOCK_CORS, 'MOCKDOCK_CORS');
  if (cors === true) settings.cors = true;
  return settings;
}

function size(value: string): string {
  if (!/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(value.trim())) {
    throw new OptionError(`--body-limit must be a size such as 512kb or 1mb, not "${value}"`);
  }
  return value.trim().toLowerCase();
}

function storeUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value === 'memory') return undefined;
  if (!/^rediss?:\/\/[^/]/.test(value)) throw new OptionError(`--store must be redis://HOST:PORT[/DB] (or "memory"), not "${value}"`);
  return value;
}

function tlsSettings(flags: ServerFlags, env: NodeJS.ProcessEnv): TlsSettings | undefined {
  const pick = (flag: string | undefined, name: string) => (flag !== undefined && flag !== '' ? flag : env[name] || undefined);
  const mode = pick(flags.tls, 'MOCKDOCK_TLS');
  const cert = pick(flags.tlsCert, 'MOCKDOCK_TLS_CERT');
  const key = pick(flags.tlsKey, 'MOCKDOCK_TLS_KEY');
  const ca = pick(flags.tlsCa, 'MOCKDOCK_TLS_CA');
  const out = pick(flags.tlsOut, 'MOCKDOCK_TLS_OUT');
  if (mode !== undefined && mode !== 'self-signed') throw new OptionError(`--tls takes "self-signed" (or give --tls-cert and --tls-key), not "${mode}"`);
  const selfSigned = mode === 'self-signed';
  if (selfSigned && (cert !== undefined || key !== undefined)) throw new OptionError('--tls self-signed makes its own certificate: leave out --tls-cert and --tls-key, or drop --tls self-signed');
  if (!selfSigned && (cert === undefined) !== (key === undefined)) throw new OptionError(cert === undefined ? '--tls-key needs --tls-cert (the certificate it belongs to)' : '--tls-cert needs --tls-key (its private key)');
  const on = selfSigned || cert !== undefined;
  if (!on && ca !== undefined) throw new OptionError('--tls-ca (client certificates) needs TLS: add --tls-cert and --tls-key, or --tls self-signed');
  if (out !== undefined && !selfSigned) throw new OptionError('--tls-out is where --tls self-signed writes its certificate: add --tls self-signed');
  const names = (pick(flags.tlsNames, 'MOCKDOCK_TLS_NAMES') ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length > 0 && !selfSigned) throw new OptionError('--tls-names are the extra names of a self-signed certificate: add --tls self-signed');
  const bad = names.find((n) => !/^[A-Za-z0-9.:*-]+$/.test(n));
  if (bad !== undefined) throw new OptionError(`--tls-names takes host names or addresses, comma-separated, not "${bad}"`);
  return on ? { selfSigned, cert, key, ca, out, names } : undefined;
}

export function resolveOptions(flags: ServerFlags, env: NodeJS.ProcessEnv): OptionsResult {
  try {
    const pick = (flag: string | undefined, name: string) => (flag !== undefined ? flag : env[name]);
    const logLevel = (pick(flags.logLevel, 'LOG_LEVEL') ?? 'info').toLowerCase();
    if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
      throw new OptionError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
    }
    const watchFromEnv = bool(env.MOCKDOCK_WATCH, 'MOCKDOCK_WATCH');
    const options: ServerOptions = {
      config: pick(flags.config, 'MOCKDOCK_CONFIG') || './config',
      port: int(pick(flags.port, 'PORT'), '--port', 0, 65535) ?? 8080,
      host: pick(flags.host, 'HOST') || '0.0.0.0',
      watch: flags.watch === false ? false : (watchFromEnv ?? true),
      pollMs: int(pick(flags.poll, 'MOCKDOCK_POLL_MS'), '--poll', 10, 3_600_000),
      seed: int(pick(flags.seed, 'MOCKDOCK_SEED'), '--seed', 0, 2 ** 32 - 1),
      logLimit: int(pick(flags.logLimit, 'MOCKDOCK_LOG_LIMIT'), '--log-limit', 0, 10_000_000) ?? 1000,
      adminToken: pick(flags.adminToken, 'MOCKDOCK_ADMIN_TOKEN') || undefined,
      logLevel: logLevel as LogLevel,
      bodyLimit: size(pick(flags.bodyLimit, 'MOCKDOCK_BODY_LIMIT') ?? '1mb'),
      latencyMs: int(pick(flags.latency, 'MOCKDOCK_LATENCY'), '--latency', 0, 3_600_000) ?? 0,
      shutdownTimeoutMs: int(pick(flags.shutdownTimeout, 'MOCKDOCK_SHUTDOWN_TIMEOUT_MS'), '--shutdown-timeout', 0, 3_600_000) ?? 10_000,
      store: storeUrl(pick(flags.store, 'MOCKDOCK_STORE')),
      publicUrl: publicUrl(pick(flags.publicUrl, 'MOCKDOCK_PUBLIC_URL')),
      settings: settingsFromFlags(flags, env),
      tls: tlsSettings(flags, env),
      allowPlugins: pluginsAllowed(flags.allowPlugins, env),
      pluginTimeoutMs: int(pick(flags.pluginTimeout, 'MOCKDOCK_PLUGIN_TIMEOUT'), '--plugin-timeout', 1, 3_600_000) ?? DEFAULT_PLUGIN_TIMEOUT_MS,
    };
    return { ok: true, options: Object.freeze(options) };
  } catch (e) {
    if (e instanceof OptionError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The config folder named by the environment, as `serve` reads it (for `validate` without a folder). */
/** `--allow-plugins`, or MOCKDOCK_ALLOW_PLUGINS (true/false, 1/0, yes/no, on/off; anything else is refused). */
export function pluginsAllowed(flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return flag === true || (bool(env.MOCKDOCK_ALLOW_PLUGINS, 'MOCKDOCK_ALLOW_PLUGINS') ?? false);
}

export function configFolder(env: NodeJS.ProcessEnv): string {
  return env.MOCKDOCK_CONFIG || './config';
}
