/** Form bodies → fields, as the mock handler hands them to validation, templates and the log. */
import { isFormType, parseFormBody } from '../../src/util/form-body';

function multipart(boundary: string, parts: string[]): Buffer {
  return Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`);
}

test('urlencoded fields keep their text; repeated names become lists; a[b]=1 nests, as Koa reads it', async () => {
  const result = await parseFormBody('application/x-www-form-urlencoded; charset=utf-8', Buffer.from('name=Ann+Lee&tag=a&tag=b&filter[age]=3'));
  expect(result).toEqual({ ok: true, fields: { name: 'Ann Lee', tag: ['a', 'b'], filter: { age: '3' } } });
});

test('multipart text fields and file parts become fields; a file part holds its content', async () => {
  const body = multipart('xyz', [
    'Content-Disposition: form-data; name="name"\r\n\r\nAnn',
    'Content-Disposition: form-data; name="tag"\r\n\r\na',
    'Content-Disposition: form-data; name="tag"\r\n\r\nb',
    'Content-Disposition: form-data; name="photo"; filename="me.txt"\r\nContent-Type: text/plain\r\n\r\nhello',
  ]);
  expect(await parseFormBody('multipart/form-data; boundary=xyz', body)).toEqual({ ok: true, fields: { name: 'Ann', tag: ['a', 'b'], photo: 'hello' } });
});

test('a field named __proto__ stays a plain field', async () => {
  const body = multipart('b', ['Content-Disposition: form-data; name="__proto__"\r\n\r\nx']);
  const result = await parseFormBody('multipart/form-data; boundary=b', body);
  expect(result.ok && Object.prototype.hasOwnProperty.call(result.fields, '__proto__')).toBe(true);
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

test('a multipart type without a boundary is a clear problem, not a crash', async () => {
  const result = await parseFormBody('multipart/form-data', Buffer.from('x'));
  expect(result.ok).toBe(false);
  expect(!result.ok && result.message).toMatch(/malformed multipart body/);
});

test('only urlencoded and multipart bodies count as forms', () => {
  expect(isFormType('application/x-www-form-urlencoded')).toBe(true);
  expect(isFormType('Multipart/Form-Data; boundary=1')).toBe(true);
  expect(isFormType('application/json')).toBe(false);
  expect(isFormType(undefined)).toBe(false);
});
