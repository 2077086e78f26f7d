/** What `mockdock openapi` makes of a document: endpoints, bodies, validation, variants, comments. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { generateConfig } from '../../src/openapi/generate-config';
import { generate, byName } from './support/generate';

describe('endpoints from operations', () => {
  test('every operation becomes an endpoint, in document order, named by its operationId', async () => {
    const g = await generate('pet-shop.yaml');
    expect(g.errors).toEqual([]);
    expect(g.endpoints.map((e) => `${e.method} ${e.name}`)).toEqual([
      'GET listPets', 'POST createPet', 'GET listMyPets', 'GET getPet', 'PATCH updatePet', 'DELETE deletePet',
      'GET getPetPhoto', 'POST placeOrder', 'GET getInventory', 'GET getCategory', 'GET getFeaturedCategory', 'GET GET /health',
    ]);
  });

  test('{param} becomes :param under the server URL path, with server variables at their defaults', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'getPet').path).toBe('/api/v2/pets/:petId');
    expect(g.text).toContain('Paths are prefixed with "/api/v2" from the server URL');
  });

  test('--base-path replaces the base path, and "/" drops it', async () => {
    expect(byName(await generate('pet-shop.yaml', { basePath: '/mock' }), 'getPet').path).toBe('/mock/pets/:petId');
    const dropped = await generate('pet-shop.yaml', { basePath: '' });
    expect(byName(dropped, 'getPet').path).toBe('/pets/:petId');
    expect(dropped.text).toContain('# Paths are used as the document writes them (--base-path /).');
  });

  test('a segment that is only partly a parameter matches any value, and the comment says so', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'getPetPhoto').path).toBe('/api/v2/pets/:petId/:format');
    expect(g.text).toContain('path segment photo.{format} matches any value');
  });

  test('a literal path outranks a parameter path declared before it', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'getFeaturedCategory').priority).toBeGreaterThan(byName(g, 'getCategory').priority ?? 0);
    expect(byName(g, 'listMyPets').priority).toBeGreaterThan(byName(g, 'getPet').priority ?? 0);
  });

  test('a TRACE operation is named in the header as not mocked', () => {
    const doc = { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/a': { trace: { responses: { 200: { description: 'ok' } } }, get: { responses: { 200: { description: 'ok' } } } } } };
    const result = generateConfig(doc);
    expect(result.files[0].content).toContain('# Not mocked: TRACE /a (mockdock does not serve TRACE).');
    expect(result.files[0].content).toContain('method: GET');
    expect(result.warnings).toContain('TRACE /a is not mocked: mockdock does not serve TRACE');
  });
});

describe('response bodies', () => {
  test('the first example of the first 2xx response is the body, with Content-Type from its media type', async () => {
    const listPets = byName(await generate('pet-shop.yaml'), 'listPets');
    expect(listPets.status).toBe(200);
    expect(listPets.headers?.['Content-Type']).toBe('application/json');
    expect(listPets.response).toEqual([
      { id: 1, name: 'Rex', status: 'available', tag: null },
      { id: 2, name: 'Tom', status: 'sold', tag: 'cat' },
    ]);
  });

  test('without an example the body is sampled from the schema: allOf merged, enum and format honoured, writeOnly left out', async () => {
    const createPet = byName(await generate('pet-shop.yaml'), 'createPet');
    expect(createPet.status).toBe(201);
    expect(createPet.response).toEqual({ name: 'string', status: 'available', tag: 'string', id: 1, bornAt: '2019-08-24T14:15:22Z' });
  });

  test('a recursive schema is sampled without looping, the recursion ending in an empty list', async () => {
    expect(byName(await generate('pet-shop.yaml'), 'getCategory').response).toEqual({ name: 'string', children: [] });
  });

  test('patterns, exclusive bounds and discriminated oneOf give values that fit', async () => {
    const order = byName(await generate('pet-shop.yaml'), 'placeOrder').response as Record<string, unknown>;
    expect(order.note).toMatch(/^[A-Z][a-z]+$/);
    expect(order.quantity).toBeLessThan(10);
    expect(order.item).toEqual({ kind: 'pet', petId: 0 });
  });

  test('a response with no content has no body and no Content-Type', async () => {
    const del = byName(await generate('pet-shop.yaml'), 'deletePet');
    expect(del).toMatchObject({ status: 204 });
    expect(del.response).toBeUndefined();
    expect(del.headers).toBeUndefined();
  });

  test('text bodies are sent as written; a JSON body that is a string is quoted so it stays JSON', async () => {
    expect(byName(await generate('pet-shop.yaml'), 'GET /health')).toMatchObject({ headers: { 'Content-Type': 'text/plain' }, response: 'OK' });
    const doc = {
      openapi: '3.0.0', info: { title: 't', version: '1' },
      paths: { '/s': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } } } } },
    };
    expect(generateConfig(doc).files[0].content).toContain(`response: '"string"'`);
  });

  test('examples given only by URL are not fetched: the body is generated, and the comment says so', () => {
    const doc = {
      openapi: '3.0.0', info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { 200: { description: 'ok', content: { 'application/json': {
        schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
        examples: { remote: { externalValue: 'https://example.com/a.json' } },
      } } } } } } },
    };
    const text = generateConfig(doc).files[0].content;
    expect(text).toContain('examples given only by URL (remote) are not fetched');
    expect(text).toContain('response:\n      n: 0');
  });

  test('a JSON media type is preferred over XML, and the comment names the one left out', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'getPet').headers?.['Content-Type']).toBe('application/json');
    expect(g.text).toContain('the mock answers application/json only (also documented: application/xml)');
  });

  test('response headers with an example are sent; those without one are named in the comment', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'listPets').headers).toEqual({ 'Content-Type': 'application/json', 'X-Total-Count': '2' });
    expect(g.text).toContain('response headers without an example are left out: X-Next-Page');
  });

  test('template syntax inside an example turns templating off, so it is sent as documented', async () => {
    const gone = byName(await generate('pet-shop.yaml', { examples: 'all' }), 'getPet [code=404, example=Gone]');
    expect(gone.template).toBe(false);
    expect(gone.response).toMatchObject({ detail: 'Adopted {{yesterday}}' });
  });
});

describe('request validation', () => {
  test('query parameters carry their types, bounds, enums and required flags; header names are lower-case', async () => {
    const v = byName(await generate('pet-shop.yaml'), 'listPets').validate;
    expect(v?.query).toEqual({
      type: 'object',
      properties: {
        limit: { type: 'integer', minimum: 1, maximum: 100 },
        status: { $ref: '#/$defs/PetStatus' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['status'],
      $defs: { PetStatus: { type: 'string', enum: ['available', 'pending', 'sold'] } },
    });
    expect(v?.headers).toEqual({ type: 'object', properties: { 'x-request-id': { type: 'string', format: 'uuid' } } });
  });

  test('the JSON request body schema is carried over with its components under $defs, nullable as a null type', async () => {
    const body = byName(await generate('pet-shop.yaml'), 'createPet').validate?.body as Record<string, any>;
    expect(body.$ref).toBe('#/$defs/NewPet');
    expect(body.$defs.NewPet.properties.tag).toEqual({ type: ['string', 'null'] });
    expect(body.$defs.PetStatus).toEqual({ type: 'string', enum: ['available', 'pending', 'sold'] });
  });

  test('readOnly properties are not required in requests, and discriminated oneOf is checked as anyOf', async () => {
    const order = (byName(await generate('pet-shop.yaml'), 'placeOrder').validate?.body as any).$defs.Order;
    expect(order.required).toEqual(['item', 'quantity']);
    expect(order.properties.item).toEqual({ anyOf: [{ $ref: '#/$defs/PetItem' }, { $ref: '#/$defs/FoodItem' }] });
    expect(order.properties.quantity).toEqual({ type: 'integer', minimum: 1, exclusiveMaximum: 10 });
  });

  test('an optional request body is also accepted when absent', async () => {
    const body = byName(await generate('pet-shop.yaml'), 'updatePet').validate?.body as any;
    expect(body.anyOf).toHaveLength(2);
    expect(body.anyOf[1]).toEqual({ not: { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] } });
    expect(body.$defs.PetStatus).toBeDefined();
  });

  test('invalid requests get 422 when the operation documents 422 and not 400', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'createPet').validate?.status).toBe(422);
    expect(byName(g, 'listPets').validate?.status).toBeUndefined();
  });

  test('what cannot be validated is named in the comment: cookies', async () => {
    expect((await generate('pet-shop.yaml')).text).toContain('cookie parameters are not validated: session');
  });

  test('a Swagger 2 multipart formData body is validated field by field (a file field is text that must be there)', async () => {
    const upload = byName(await generate('swagger2-store.json'), 'uploadImage');
    expect(upload.validate?.body).toMatchObject({
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, caption: { type: 'string' } },
      required: ['file'],
    });
  });
});

describe('--examples all', () => {
  test('every further example becomes a variant picked by "Prefer: example=NAME", ranked above the plain answer', async () => {
    const g = await generate('pet-shop.yaml', { examples: 'all' });
    const empty = byName(g, 'listPets [example=empty]');
    expect(empty.response).toEqual([]);
    expect(empty.priority).toBe(1);
    const regex = new RegExp((empty.match?.headers?.prefer as { regex: string }).regex);
    expect(regex.test('example=empty')).toBe(true);
    expect(regex.test('code=200, example="empty"')).toBe(true);
    expect(regex.test('example=emptyish')).toBe(false);
  });

  test('every documented status becomes a variant picked by "Prefer: code=N", combinable with an example', async () => {
    const g = await generate('pet-shop.yaml', { examples: 'all' });
    expect(byName(g, 'getPet [code=404]')).toMatchObject({ status: 404, priority: 2, response: { title: 'No such pet', status: 404 } });
    const gone = byName(g, 'getPet [code=404, example=Gone]');
    expect(gone.priority).toBe(3);
    const regex = new RegExp((gone.match?.headers?.prefer as { regex: string }).regex);
    expect(regex.test('code=404, example=Gone')).toBe(true);
    expect(regex.test('example=Gone;code=404')).toBe(true);
    expect(regex.test('code=404')).toBe(false);
  });

  test('another documented media type is answered when Accept asks for it, XML generated from the schema', async () => {
    const g = await generate('pet-shop.yaml', { examples: 'all' });
    const xml = byName(g, 'getPet [accept=application/xml]');
    expect(xml).toMatchObject({ status: 200, priority: 1, headers: { 'Content-Type': 'application/xml' } });
    expect(xml.response).toMatch(/^<Pet>\n  <name>string<\/name>/);
    const regex = new RegExp((xml.match?.headers?.accept as { regex: string }).regex);
    expect(regex.test('application/xml')).toBe(true);
    expect(regex.test('text/html, application/xml;q=0.9')).toBe(true);
    expect(regex.test('application/json')).toBe(false);
    expect(g.text).not.toContain('the mock answers application/json only');
  });

  test('the default response is reachable as code=500 or code=default', async () => {
    const g = await generate('pet-shop.yaml', { examples: 'all' });
    const fallback = byName(g, 'getPet [code=500]');
    expect(fallback.status).toBe(500);
    const regex = new RegExp((fallback.match?.headers?.prefer as { regex: string }).regex);
    expect(regex.test('code=default')).toBe(true);
    expect(regex.test('code=500')).toBe(true);
  });

  test('error variants skip request validation; success variants keep it', async () => {
    const g = await generate('pet-shop.yaml', { examples: 'all' });
    expect(byName(g, 'createPet [code=422]').validate).toBeUndefined();
    expect(byName(g, 'listPets [example=empty]').validate).toEqual(byName(g, 'listPets').validate);
  });
});

describe('the written file', () => {
  test('the same document gives byte-identical output', async () => {
    const a = await generate('pet-shop.yaml', { examples: 'all' });
    const b = await generate('pet-shop.yaml', { examples: 'all' });
    expect(a.text).toBe(b.text);
  });

  test('the header names the title, version and source, and each block starts with the operation', async () => {
    const { text } = await generate('pet-shop.yaml');
    expect(text.startsWith('# Pet Shop 2.1.0\n# Generated by `mockdock openapi` from pet-shop.yaml (OpenAPI 3.0.3).\n')).toBe(true);
    expect(text).toContain('\n  # GET /pets/{petId} — Find a pet\n');
    expect(text).toContain('\n  # DELETE /pets/{petId} (deprecated)\n');
  });

  test('security schemes are named in the header as not enforced', () => {
    const doc = {
      swagger: '2.0', info: { title: 't', version: '1' },
      securityDefinitions: { key: { type: 'apiKey', name: 'X-Key', in: 'header' } },
      paths: { '/a': { get: { responses: { 200: { description: 'ok' } } } } },
    };
    expect(generateConfig(doc).files[0].content).toContain('# Security is not enforced (key (apiKey)): requests need no credentials.');
  });

  test('callbacks are left out with a comment, and the operation is still emitted', async () => {
    const g = await generate('pet-shop.yaml');
    expect(byName(g, 'placeOrder').method).toBe('POST');
    expect(g.text).toContain('callbacks (shipped): mockdock does not make outgoing calls');
    expect(g.warnings).toContain('4 of 12 operations were translated in part; the comment above each says what was left out');
  });

  test('--split-by-tag writes one file per tag, in name order, each with the header', async () => {
    const g = await generate('pet-shop.yaml', { splitByTag: true });
    expect(g.files.map((f) => f.name)).toEqual(['pets.yaml', 'store.yaml', 'untagged.yaml']);
    expect(g.files[1].content).toContain('# Tag: store.');
    expect(g.files[1].content.startsWith('# Pet Shop 2.1.0\n')).toBe(true);
  });

  test('the generated files load as mockdock config without a single issue', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mockdock-openapi-'));
    try {
      for (const fixture of ['pet-shop.yaml', 'swagger2-store.json', 'openapi31.yaml', 'multi-file/openapi.yaml', 'webhooks-only.yaml']) {
        const g = await generate(fixture, { examples: 'all' });
        await writeFile(path.join(dir, `${fixture.replace(/[/.]/g, '-')}.yaml`), g.files[0].content);
      }
      const loaded = await loadConfig(dir);
      expect(loaded.ok ? [] : loaded.issues).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('other dialects', () => {
  test('Swagger 2.0: basePath, body parameters, examples by media type, x-nullable and headers with x-example', async () => {
    const g = await generate('swagger2-store.json');
    const list = byName(g, 'listItems');
    expect(list.path).toBe('/store/v1/items');
    expect(list.headers).toEqual({ 'Content-Type': 'application/json', 'X-Rate-Limit': '100' });
    expect(list.response).toEqual([{ id: 7, name: 'Ball', price: 2.5, discount: null }]);
    expect(list.validate?.query).toMatchObject({ required: ['page'], properties: { ids: { type: 'array', items: { type: 'integer' } } } });
    const item = (byName(g, 'addItem').validate?.body as any).$defs.Item;
    expect(item.required).toEqual(['name', 'price']);
    expect(item.properties.price).toEqual({ type: 'number', exclusiveMinimum: 0 });
    expect(item.properties.discount).toEqual({ type: ['number', 'null'] });
    expect(byName(g, 'GET /ping')).toMatchObject({ headers: { 'Content-Type': 'text/plain' }, response: 'pong' });
  });

  test('OpenAPI 3.1: null in type lists, const, and sibling keywords beside $ref', async () => {
    const g = await generate('openapi31.yaml');
    expect(byName(g, 'getNote')).toMatchObject({ path: '/notes-api/notes/:noteId', response: { id: 'n42', kind: 'note', text: 'string', pinned: false, words: 1 } });
    const body = byName(g, 'putNote').validate?.body as any;
    expect(body.allOf).toEqual([{ $ref: '#/$defs/Note' }, { required: ['text'] }]);
    expect(body.$defs.Note.properties.text).toEqual({ type: ['string', 'null'] });
    expect(g.text).toContain('# Not mocked: 1 webhook operation');
  });

  test('relative-file $refs are followed, including a path item in another file', async () => {
    const g = await generate('multi-file/openapi.yaml');
    expect(g.errors).toEqual([]);
    expect(byName(g, 'getOwner').response).toEqual({ id: 'o1', name: 'Ada', since: '2021-03-04', pets: [{ name: 'Byte' }] });
    expect(byName(g, 'listOwners').response).toEqual([{ id: 'string', name: 'string', since: '2020-02-02', pets: [{ name: 'string' }] }]);
    expect(byName(g, 'listOwners').validate?.query).toEqual({ type: 'object', properties: { pageSize: { type: 'integer', minimum: 1, maximum: 50 } } });
  });

  test('a document with no paths gives an empty endpoint list, a comment saying why, and no error', async () => {
    const g = await generate('webhooks-only.yaml');
    expect(g.errors).toEqual([]);
    expect(g.endpoints).toEqual([]);
    expect(g.text).toContain('# Nothing to mock: the document has no paths.');
    expect(g.warnings).toContain('nothing to mock: the document has no paths');
  });
});
