import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SseEvents } from '../../src/ui/sse-events';
import { copyName, definitionOf, endpointYaml, sourceOf, type ListedEndpoint } from '../../src/ui/endpoint-yaml';

describe('the live log reader', () => {
  it('gives the data of each complete event, across chunk boundaries, skipping comments', () => {
    const events = new SseEvents();
    expect(events.push(': mockdock request log\n\ndata: {"id":1')).toEqual([]);
    expect(events.push('}\n\ndata: {"id":2}\r\n\r\n: keep-alive\n\nevent: skipped\ndata: {"skipped":3}\n\n')).toEqual([
      { event: 'message', data: '{"id":1}' },
      { event: 'message', data: '{"id":2}' },
      { event: 'skipped', data: '{"skipped":3}' },
    ]);
  });
});

describe('an endpoint shown as YAML', () => {
  const listed: ListedEndpoint = { name: 'get-user', method: 'GET', path: '/users/:id', response: { id: '{{params.id}}' }, priority: 0, source: 'file', file: 'users.yaml', line: 3, col: 3 };

  it('holds the definition only, so it can be sent back as it is', () => {
    expect(Object.keys(parse(endpointYaml(listed)))).toEqual(['name', 'method', 'path', 'response']);
    expect(parse(endpointYaml(listed))).toEqual({ name: 'get-user', method: 'GET', path: '/users/:id', response: { id: '{{params.id}}' } });
    expect(definitionOf(listed, 'get-user copy').name).toBe('get-user copy');
  });

  it('says where it comes from', () => {
    expect(sourceOf(listed)).toBe('users.yaml:3');
    expect(sourceOf({ ...listed, source: 'runtime' })).toBe('runtime');
  });

  it('gets a free name when duplicated', () => {
    expect(copyName('a', ['a'])).toBe('a copy');
    expect(copyName('a', ['a', 'a copy', 'a copy 2'])).toBe('a copy 3');
  });
});

describe('src/ui', () => {
  const UI = path.join(__dirname, '../../src/ui');
  it('imports nothing of the server side but types from model/', () => {
    const bad = fs.readdirSync(UI).flatMap((f) => {
      const text = fs.readFileSync(path.join(UI, f), 'utf8');
      return [...text.matchAll(/^(import(?:\s+type)?)[^'"]*from\s+['"](\.\.\/[^'"]+)['"]/gm)]
        .filter((m) => !(m[1].endsWith('type') && m[2].startsWith('../model/')))
        .map((m) => `${f}: ${m[0]}`);
    });
    expect(bad).toEqual([]);
  });
});

describe('a new endpoint', () => {
  it('starts from a template the server takes as it is', async () => {
    const { NEW_ENDPOINT } = await import('../../src/ui/endpoint-yaml');
    const { readRuntimeEndpoints } = await import('../../src/admin/runtime-endpoints');
    const read = readRuntimeEndpoints({ text: NEW_ENDPOINT, json: false, taken: [] });
    expect(read.ok && read.endpoints.map((e) => [e.def.name, e.def.status, e.def.response])).toEqual([['hello', 200, { message: 'Hello from mockdock' }]]);
  });
});
