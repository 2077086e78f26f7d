import request from 'supertest';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';
import { configSchema, settingsSchema } from '../../src/config/schema';

const fixture = path.join(__dirname, '../fixtures/server-basic');

describe('GET /__schema', () => {
  it('answers the JSON Schema of config files that `mockdock schema` prints, and of mockdock.yaml with ?settings', async () => {
    const t = await createTestApp({ config: fixture, adminToken: 'T' });
    const agent = request(t.app.callback());
    expect((await agent.get('/__schema')).status).toBe(401);
    expect((await agent.get('/__schema').set('Authorization', 'Bearer T')).body).toEqual(JSON.parse(JSON.stringify(configSchema)));
    expect((await agent.get('/__schema?settings').set('Authorization', 'Bearer T')).body).toEqual(JSON.parse(JSON.stringify(settingsSchema)));
  });
});
