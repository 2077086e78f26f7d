/**
 * The one table of built-in routes (/__*, /metrics, and any a capability adds, such as OIDC discovery):
 * the router, which of them stay open when an admin token is set, and which paths are built-in at all.
 */
import Router from '@koa/router';
import type { Context } from 'koa';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AdminHandler = (ctx: Context) => unknown | Promise<unknown>;

export class RouteTable {
  readonly router = new Router();
  private readonly openExact = new Set<string>();
  private readonly openPrefixes: string[] = [];
  /** Built-in paths outside /__ (e.g. /metrics): the mock endpoints never see them. */
  private readonly outside = new Set<string>();
  private readonly listed: string[] = [];

  /** Adds a route; `open` routes need no admin token (health, metrics, the OIDC provider's public routes). */
  add(method: Method, path: string, handler: AdminHandler, opts: { open?: boolean } = {}): this {
    this.router[method](path, async (ctx) => {
      await handler(ctx as unknown as Context);
    });
    if (!path.startsWith('/__')) this.outside.add(path);
    if (opts.open) {
      const cut = path.search(/[:*(]/);
      if (cut === -1) this.openExact.add(path);
      else this.openPrefixes.push(path.slice(0, cut));
    }
    if (!this.listed.includes(path)) this.listed.push(path);
    return this;
  }

  isBuiltIn(path: string): boolean {
    return path.startsWith('/__') || this.outside.has(path);
  }

  isOpen(path: string): boolean {
    return this.openExact.has(path) || this.openPrefixes.some((p) => path.startsWith(p));
  }

  /** Every built-in path, for hints. */
  paths(): readonly string[] {
    return this.listed;
  }
}
