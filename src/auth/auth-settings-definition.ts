/** `auth` in mockdock.yaml as a settings capability: its schema. The provider itself outlives reloads (registry). */
import type { SettingsDefinition } from '../model/pipeline';
import { authSettingsSchema } from './auth-schema';

export const authSettings: SettingsDefinition = {
  name: 'auth',
  keys: { auth: { $ref: '#/definitions/authSettings' } },
  definitions: { authSettings: authSettingsSchema as unknown as Record<string, unknown> },
};
