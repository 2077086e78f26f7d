/** GET /__schema: the JSON Schema of config files (as `mockdock schema` prints it), for editors and the UI's completion. */
import type { RouteTable } from './route-table';
import { configSchema, settingsSchema } from '../config/schema';

export function addSchemaRoutes(table: RouteTable): void {
  table.add('get', '/__schema', (ctx) => {
    ctx.body = ctx.query.settings !== undefined ? settingsSchema : configSchema;
  });
}
