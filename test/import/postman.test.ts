/** `mockdock import postman`: saved examples of a v2.1 collection answer their own original requests. */
import path from 'node:path';
import request from 'supertest';
import { importInto, type Imported } from './support/import-into';

const FILE = path.join(__dirname, '../fixtures/import/postman/library.postman_collection.json');
let imported: Imported;
beforeAll(async () => {
  imported = await importInto('postman', FILE);
});
afterAll(() => imported.cleanup());

function asText(res: unknown, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (c: string) => { text += c; });
  stream.on('end', () => done(null, text));
}

describe('mockdock import postman', () => {
  it('exits 0, writes one file per folder that validates, and reports what it leaves out', async () => {
    expect(imported.code).toBe(0);
    expect(await imported.validates()).toBe(true);
    expect(imported.read('library-api.yaml')).toContain('Loan created');
    expect(imported.read('library-api/books.yaml')).toContain('All books');
    expect(imported.read('library-api/books/reviews.yaml')).toContain('path: /books/:bookId/reviews');
    expect(imported.lines.filter((l) => l.includes('cannot carry'))).toEqual([
      expect.stringMatching(/library\.postman_collection\.json: Health \/ Up: cannot carry a variable in the body: \{\{notAVariableHere\}\} has no mockdock counterpart/),
      expect.stringMatching(/library\.postman_collection\.json: Delete everything: cannot carry a request without saved examples/),
    ]);
    expect(imported.lines[imported.lines.length - 1]).toMatch(/8 endpoints from 9 stubs written .*\(3 files, 0 body files\); 2 constructs not carried$/);
  });

  it('answers each example\'s original request with its status, headers and body', async () => {
    const { app } = await imported.serve();
    const call = () => request(app.callback());
    const all = await call().get('/books').buffer(true).parse(asText);
    expect(all.status).toBe(200);
    expect(all.body).toBe(JSON.stringify([{ id: 1, title: 'Dune' }, { id: 2, title: 'Emma' }], null, 2));
    expect(all.headers['content-type']).toBe('application/json');
    expect(all.headers['content-length']).toBe(String(Buffer.byteLength(all.body as string)));
    expect((await call().get('/books?q=dune').buffer(true).parse(asText)).body).toBe('[{"id": 1, "title": "Dune"}]');
    expect((await call().get('/books/1')).body).toEqual({ id: 1, title: 'Dune' });
    expect((await call().get('/books/999')).status).toBe(404);
    expect((await call().get('/books/5')).status).toBe(404);
    const health = await call().get('/health');
    expect(health.text).toBe('ok {{notAVariableHere}}');
  });

  it('tells examples of one route apart by their JSON body', async () => {
    const { app } = await imported.serve();
    const made = await request(app.callback()).post('/loans').send({ member: 'ann', bookId: 1 });
    expect(made.status).toBe(201);
    expect(made.headers.location).toBe('/loans/10');
    expect((await request(app.callback()).post('/loans').send({ bookId: 2, member: 'ann' })).status).toBe(409);
  });

  it('turns Postman dynamic variables into mockdock helpers', async () => {
    const { app } = await imported.serve();
    const res = await request(app.callback()).get('/books/7/reviews');
    expect(res.body.reviewer).toMatch(/^\S+$/);
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
