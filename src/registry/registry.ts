/** Holds the endpoint set in force and swaps it as one reference, so no request sees half a config. */
import type { ConfigIssue } from '../errors/config-issue';
import type { EndpointSet } from '../engine/endpoint-set';
import type { LoadedEndpoint } from '../model/endpoint';
import { buildEndpointSet, type BuildOptions } from './build-endpoint-set';

export type ReloadResult =
  | { ok: true; endpoints: number; files: string[]; durationMs: number; warnings: ConfigIssue[] }
  | { ok: false; issues: ConfigIssue[]; files: string[]; durationMs: number };

export type ReloadListener = (result: ReloadResult) => void;

export class Registry {
  private set: EndpointSet;
  private pending: Promise<ReloadResult> | null = null;
  private again = false;
  private readonly listeners: ReloadListener[] = [];

  private readonly options: BuildOptions;

  /** Every reload builds with the initial set's store and kept resources, so state survives where its definition did not change. */
  constructor(
    private readonly root: string,
    initial: EndpointSet,
    options: BuildOptions,
  ) {
    this.set = initial;
    this.options = { ...options, store: options.store ?? initial.store, resources: options.resources ?? initial.resources, extraEndpoints: () => [...this.sources.values()].flat() };
  }

  /** Endpoints from sources other than the files (runtime endpoints of the admin API, …), by source name. */
  private readonly sources = new Map<string, readonly LoadedEndpoint[]>();

  /**
   * Replaces the endpoints of one source and reloads; they are compiled after the files' endpoints and
   * survive reloads of the files. On a failed reload the source keeps its previous endpoints.
   */
  async setSource(name: string, endpoints: readonly LoadedEndpoint[]): Promise<ReloadResult> {
    const before = this.sources.get(name);
    this.sources.set(name, endpoints);
    const result = await this.reload();
    if (!result.ok) {
      if (before) this.sources.set(name, before);
      else this.sources.delete(name);
    }
    return result;
  }

  source(name: string): readonly LoadedEndpoint[] {
    return this.sources.get(name) ?? [];
  }

  get current(): EndpointSet {
    return this.set;
  }

  onReload(listener: ReloadListener): void {
    this.listeners.push(listener);
  }

  /**
   * Builds a complete new set and swaps it in; on any problem the old set stays.
   * Reloads never overlap: a reload asked for while one runs is done once more after it.
   */
  reload(): Promise<ReloadResult> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = this.runReloads().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async runReloads(): Promise<ReloadResult> {
    let result: ReloadResult;
    do {
      this.again = false;
      result = await this.reloadOnce();
    } while (this.again);
    return result;
  }

  private async reloadOnce(): Promise<ReloadResult> {
    const started = performance.now();
    const built = await buildEndpointSet(this.root, this.options);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    let result: ReloadResult;
    if (built.ok) {
      this.set = built.set;
      result = { ok: true, endpoints: built.set.endpoints.length, files: built.files, durationMs, warnings: [...built.set.warnings] };
    } else {
      result = { ok: false, issues: built.issues, files: built.files, durationMs };
    }
    for (const listener of this.listeners) listener(result);
    return result;
  }
}
