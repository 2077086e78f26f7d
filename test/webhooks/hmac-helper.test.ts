import { createHmac } from 'node:crypto';
import { compileTemplate } from '../../src/response/compile-template';
import { requestData } from './support';

const env = { now: 0, random: () => 0.5 };
const hmac = (key: string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

function render(source: string, body: unknown, headers: Record<string, string> = {}): string {
  const result = compileTemplate(source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.template.render(requestData({ body, headers }), env);
}

describe('the hmac_sha256 template helper', () => {
  it('signs a string as it is, in lower-case hex', () => {
    expect(render("{{hmac_sha256 'secret' body.text}}", { text: 'order 7 paid' })).toBe(hmac('secret', 'order 7 paid'));
    expect(render("{{hmac_sha256 'secret' body.text}}", { text: 'order 7 paid' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs an object as its compact JSON text, the very text {{json body}} sends', () => {
    const body = { id: 'o-1', items: [1, 2], note: 'naïve' };
    expect(render("{{hmac_sha256 'k' body}}", body)).toBe(hmac('k', render('{{json body}}', body)));
  });

  it('takes its key from request data too, and gives the same result inside a block', () => {
    const headers = { 'x-key': 'k2' };
    const plain = render('{{hmac_sha256 headers.[x-key] body.id}}', { id: 'a' }, headers);
    expect(plain).toBe(hmac('k2', 'a'));
    expect(render('{{#if body}}{{hmac_sha256 headers.[x-key] body.id}}{{/if}}', { id: 'a' }, headers)).toBe(plain);
  });

  it('signs missing text as the empty string rather than failing', () => {
    expect(render("{{hmac_sha256 'k' body.missing}}", {})).toBe(hmac('k', ''));
  });

  it('is a config error with a wrong number of arguments', () => {
    const result = compileTemplate("{{hmac_sha256 'k'}}");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0].message).toBe('"hmac_sha256" takes 2 arguments, got 1');
  });
});
