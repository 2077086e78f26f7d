/** What templates see for one request: its parts, plus any variables the behaviour stages added. */
import type { TemplateContext } from '../model/answer';
import type { Exchange } from '../model/pipeline';

export function templateContext(x: Exchange): TemplateContext {
  const { req } = x;
  const ctx: TemplateContext = { params: x.params, query: req.query, headers: req.headers, body: req.body, method: req.method, path: req.path };
  return x.vars === null ? ctx : Object.assign(ctx, x.vars);
}
