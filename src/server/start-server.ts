/** Composition root: builds the parts, listens, watches the config folder, and shuts down gracefully. */
import path from 'node:path';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { formatIssue } from '../errors/config-issue';
import { buildEndpointSet } from '../registry/build-endpoint-set';
import type { Registry, ReloadResult } from '../registry/registry';
import { createRuntime } from './runtime';
import { randomSeed } from '../behaviours/random';
import { watchConfig, type ConfigWatcher } from '../config/watch';
import { isRelevantChange } from '../config/relevant-change';
import { InFlight } from '../http/in-flight';
import { createApp } from './create-app';
import { createUpgradeListener } from '../http/upgrade';
import { serverHub } from '../streams/server-hub';
import { closeStreams } from '../streams/close-streams';
import { logConnections } from '../logs/connection-entries';
import { randomInt, randomUUID } from 'node:crypto';
import { AUTH_RESOURCE, type AuthProvider } from '../auth/provider';
import type { RedisStore } from '../state/redis-store';
import { SharedLog } from '../logs/shared-log';
import type { RequestLog } from '../logs/request-log';
import { restartRandomStreams } from '../engine/endpoint-set';
import { createLogger, type Logger } from './logger';
import type { ServerOptions } from './options';
import { WEBHOOKS_RESOURCE, WebhookService } from '../webhooks/webhook-service';
import { Resources } from '../engine/resources';
import { recordAttempts } from '../webhooks/record-attempts';
import { shareRuntimeEndpoints } from '../admin/share-runtime';
import { createListeningServer } from './listener-server';
import { prepareTls } from '../tls/prepare-tls';
import { guardRejections } from './guard-rejections';
import { DEFAULT_PLUGIN_TIMEOUT_MS } from '../plugins/plugin-set';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly registry: Registry;
  readonly logger: Logger;
  /** Stops accepting, lets requests in progress finish (bounded by shutdownTimeoutMs), closes the watcher. */
  shutdown(reason: string): Promise<void>;
}

export type StartResult = { ok: true; server: RunningServer } | { ok: false; lines: string[] };

function listen(server: NetServer, port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') resolve(`port ${port} is already in use on ${host}: stop what uses it or choose another with --port / PORT`);
      else if (err.code === 'EACCES') resolve(`no permission to listen on ${host}:${port}: choose a port above 1023 with --port / PORT`);
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') resolve(`cannot listen on host "${host}": it is not an address of this machine (--host / HOST)`);
      else resolve(`cannot listen on ${host}:${port}: ${err.message}`);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(null);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function logStore(logger: Logger, health: 'up' | 'down', err?: Error): void {
  if (health === 'up') logger.info({ store: 'up' }, 'state store connected');
  else logger.warn({ store: 'down', err: err?.message }, 'state store unreachable: endpoints that need state answer 503 until it is back; retrying');
}

/** The Redis store; its client library is required only when `--store` asks for it. */
function openRedis(url: string, logger: Logger): RedisStore {
  const { RedisStore: Store } = require('../state/redis-store') as typeof import('../state/redis-store');
  return new Store({ url, onHealth: (health, err) => logStore(logger, health, err) });
}

/** Another replica rotated the provider's keys: this one follows, so both sign and publish the same keys. */
async function rotateKeys(registry: Registry, logger: Logger): Promise<void> {
  const provider = registry.current.resources.get<AuthProvider>(AUTH_RESOURCE);
  if (!provider) return;
  try {
    await provider.keys.rotate();
  } catch (err) {
    logger.warn({ err }, 'could not rotate the auth keys as another replica did');
  }
}

const AUTH_SEED_KEY = 'mockdock:auth:seed';

/**
 * With Redis and no --seed: the seed the provider derives its keys from, set by the first replica to start and
 * read by the others, so a token any replica issues verifies on all of them. Undefined (keys of its own) when
 * Redis does not answer within a few seconds.
 */
async function sharedAuthSeed(redis: RedisStore, logger: Logger): Promise<number | undefined> {
  if (await redis.whenReady(3000)) {
    try {
      await redis.command(['SET', AUTH_SEED_KEY, String(randomInt(1, 2 ** 31)), 'NX']);
      const seed = Number(await redis.command(['GET', AUTH_SEED_KEY]));
      if (Number.isSafeInteger(seed)) return seed;
    } catch {
      // falls through to the warning
    }
  }
  logger.warn('state store not reachable at start: the built-in OIDC provider uses keys of this replica only');
  return undefined;
}

/** With Redis: one log for all replicas, and reloads and resets told to the other replicas. */
function shareAcrossReplicas(redis: RedisStore, registry: Registry, log: RequestLog, logLimit: number, logger: Logger) {
  const me = randomUUID();
  void redis.subscribe('admin', (message) => {
    const { from, what } = JSON.parse(message) as { from: string; what: 'reload' | 'reset' | 'rotate' };
    if (from === me) return;
    logger.debug({ what, from }, 'told by another replica');
    if (what === 'reload') void registry.reload();
    else if (what === 'rotate') void rotateKeys(registry, logger);
    else restartRandomStreams(registry.current);
  });
  return {
    log: new SharedLog(redis, logLimit, log),
    runtimeChanged: shareRuntimeEndpoints(redis, registry, me, logger),
    announce(what: 'reload' | 'reset' | 'rotate') {
      void Promise.resolve(redis.publish('admin', JSON.stringify({ from: me, what }))).catch(() => undefined);
    },
  };
}

function logReload(logger: Logger, result: ReloadResult): void {
  if (result.ok) {
    logger.info({ endpoints: result.endpoints, files: result.files, duration_ms: result.durationMs }, `config reloaded: ${result.endpoints} endpoints`);
    for (const warning of result.warnings) logger.warn({ ...warning }, `config warning: ${formatIssue(warning)}`);
  } else {
    for (const issue of result.issues) logger.error({ ...issue }, `config reload failed, keeping the last good config: ${formatIssue(issue)}`);
  }
}

export async function startServer(options: ServerOptions, logger: Logger = createLogger(options.logLevel)): Promise<StartResult> {
  // TLS first: a bad certificate stops the start before anything else is opened
  const tls = options.tls ? await prepareTls(options.tls) : null;
  if (tls && !tls.ok) return { ok: false, lines: [tls.message] };
  const seed = options.seed ?? randomSeed();
  const redis = options.store ? openRedis(options.store, logger) : null;
  redis?.connect();
  // The webhook queue outlives reloads: kept before the first load, so every endpoint with webhooks finds it.
  const webhooks = new WebhookService();
  const resources = new Resources();
  resources.keep(WEBHOOKS_RESOURCE, () => webhooks);
  const authSeed = options.seed ?? (redis ? await sharedAuthSeed(redis, logger) : undefined);
  const plugins = { allow: options.allowPlugins === true, timeoutMs: options.pluginTimeoutMs ?? DEFAULT_PLUGIN_TIMEOUT_MS, logger };
  const buildOptions = { seed, globalLatencyMs: options.latencyMs, settingsOverrides: options.settings, store: redis ?? undefined, publicUrl: options.publicUrl, authSeed, resources, plugins };
  const stopGuard = options.allowPlugins ? guardRejections(logger) : () => undefined;
  const root = options.config;

  // Watch before the first load: a change made while loading is then seen, not lost.
  let registry: Registry | null = null;
  let changedWhileLoading = false;
  const watcher: ConfigWatcher | null = options.watch
    ? await watchConfig(root, {
        pollMs: options.pollMs,
        onChange: (paths) => {
          const bodyFiles = new Set(
            (registry?.current.endpoints ?? []).flatMap((ep) => [
              ...[ep.def.body_file, ep.def.crud?.seed_file].flatMap((f) => (f ? [path.posix.normalize(f)] : [])),
              ...(ep.responder.files ?? []).map((f) => path.posix.normalize(f)),
            ]),
          );
          for (const f of registry?.current.hooks.files ?? []) bodyFiles.add(path.posix.normalize(f));
          if (registry && !paths.some((p) => isRelevantChange(p, bodyFiles))) {
            logger.debug({ paths }, 'config change ignored: no config or body file among the changed paths');
            return;
          }
          logger.debug({ paths }, 'config change seen');
          if (registry) void registry.reload();
          else changedWhileLoading = true;
        },
        onError: (err) => logger.warn({ err }, `config watcher: ${err.message}`),
      })
    : null;

  const first = await buildEndpointSet(root, buildOptions);
  if (!first.ok) {
    await watcher?.close();
    await redis?.close();
    stopGuard();
    return { ok: false, lines: [`invalid config in ${root}:`, ...first.issues.map((i) => `  ${formatIssue(i)}`)] };
  }

  const runtime = createRuntime(root, first.set, buildOptions, { logLimit: options.logLimit });
  const { log, metrics } = runtime;
  registry = runtime.registry;
  registry.onReload((result) => logReload(logger, result));
  for (const warning of first.set.warnings) logger.warn({ ...warning }, `config warning: ${formatIssue(warning)}`);
  recordAttempts(webhooks, { log, metrics, logger });

  const shared = redis ? shareAcrossReplicas(redis, registry, log, options.logLimit, logger) : undefined;
  const inFlight = new InFlight();
  const app = createApp({ registry, log, metrics, logger, inFlight, adminToken: options.adminToken, bodyLimit: options.bodyLimit, shared });
  const listening = createListeningServer(app.callback(), tls ? tls.tls.material : null);
  const server = listening.server;
  // (over TLS too: an HTTP/1.1 client may still upgrade to a WebSocket)
  server.on('upgrade', createUpgradeListener({ registry, logger, inFlight, clock: Date.now }));
  const stopLoggingConnections = logConnections(serverHub, log, Date.now);
  const failure = await listen(server, options.port, options.host);
  if (failure) {
    await watcher?.close();
    await redis?.close();
    stopGuard();
    return { ok: false, lines: [failure] };
  }
  if (changedWhileLoading) void registry.reload();

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${listening.scheme}://${shownHost}:${address.port}`;
  logger.info(
    { url, ...tls?.tls.description, endpoints: first.set.endpoints.length, config: path.resolve(root), files: first.files.length, seed, watch: options.watch ? (options.pollMs ? `poll ${options.pollMs}ms` : 'events') : 'off' },
    `mockdock listening on ${url} with ${first.set.endpoints.length} endpoints from ${root} (seed ${seed})`,
  );

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason, in_flight: inFlight.count }, 'shutting down');
      inFlight.draining = true;
      // Webhooks due within the bound are still sent (those the last requests trigger too); the rest are dropped and logged.
      const webhooksDone = webhooks.close(options.shutdownTimeoutMs);
      const streamsClosed = closeStreams(serverHub, options.shutdownTimeoutMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Upgraded sockets (WebSocket, graphql-ws) are no longer the HTTP server's: their responders close them.
      for (const ep of registry.current.endpoints) ep.responder.close?.();
      inFlight.releaseHeld();
      listening.closeIdle();
      if (watcher) await watcher.close();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), options.shutdownTimeoutMs);
      });
      const forced = await Promise.race([inFlight.idle().then(() => false), timedOut]);
      if (forced) {
        logger.warn({ in_flight: inFlight.count }, `requests still running after ${options.shutdownTimeoutMs} ms; closing them`);
        inFlight.cancelTimers();
        listening.closeAll();
      }
      listening.closeIdle();
      const lingering = setTimeout(() => listening.closeAll(), 500);
      await streamsClosed;
      stopLoggingConnections();
      await closed;
      await registry!.current.resources.close();
      clearTimeout(lingering);
      clearTimeout(timer);
      await webhooksDone;
      await redis?.close();
      stopGuard();
      logger.info('stopped');
    })();
    return stopping;
  };

  const running = registry;
  return { ok: true, server: { url, port: address.port, registry: running, logger, shutdown } };
}
