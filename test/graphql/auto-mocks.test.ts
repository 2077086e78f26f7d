import { post, responder } from './helpers';

const QUERY = '{ users { id name age role posts { id title likes tags } friends { name } } hello }';

describe('auto-mocked answers', () => {
  it('answers every field with a value of its type, enums from their values and lists of two', () => {
    const { status, json } = post(responder(), { query: QUERY });
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    const users = json.data.users;
    expect(users).toHaveLength(2);
    for (const user of users) {
      expect(typeof user.id).toBe('string');
      expect(typeof user.name).toBe('string');
      expect(['ADMIN', 'EDITOR', 'VIEWER']).toContain(user.role);
      expect(user.age === null || Number.isInteger(user.age)).toBe(true);
      expect(user.posts).toHaveLength(2);
      for (const p of user.posts) {
        expect(Number.isInteger(p.likes)).toBe(true);
        expect(p.tags).toHaveLength(2);
      }
      expect(user.friends).toHaveLength(2);
    }
  });

  it('makes lists list_length long, nested ones included', () => {
    const { json } = post(responder({ list_length: 3 }), { query: '{ users { posts { tags } } }' });
    expect(json.data.users).toHaveLength(3);
    expect(json.data.users[0].posts).toHaveLength(3);
    expect(json.data.users[0].posts[0].tags).toHaveLength(3);
    const empty = post(responder({ list_length: 0 }), { query: '{ users { id } }' });
    expect(empty.json.data.users).toEqual([]);
  });

  it('gives the same query the same answer, and a different seed a different one', () => {
    const a = post(responder({}, 42), { query: QUERY }).json;
    const b = post(responder({}, 42), { query: QUERY }).json;
    const again = responder({}, 42);
    expect(post(again, { query: QUERY }).json).toEqual(post(again, { query: QUERY }).json);
    expect(a).toEqual(b);
    expect(post(responder({}, 43), { query: QUERY }).json).not.toEqual(a);
  });

  it('varies the answer with the variables', () => {
    const r = responder();
    const q = 'query Q($id: ID!) { user(id: $id) { name age role } }';
    const answers = ['1', '2', '3', '4'].map((id) => JSON.stringify(post(r, { query: q, variables: { id } }).json));
    expect(new Set(answers).size).toBeGreaterThan(1);
  });

  it('uses mocks per type: a scalar value, an enum value and an object type\'s fields, templates included', () => {
    const r = responder({
      mocks: {
        Int: 42,
        Role: 'EDITOR',
        User: { name: "{{faker 'person.firstName'}}", friends: [{ name: 'Bo' }] },
        Post: { title: 'Post about {{query.topic}}' },
      },
    });
    const answer = r.respond({ method: 'GET', query: { query: '{ users { name age role friends { name } posts { title likes } } }', topic: 'cats' }, headers: {}, body: undefined }, { now: 0, random: Math.random });
    const json = JSON.parse(answer.body.toString());
    const user = json.data.users[0];
    expect(user.age).toBe(42);
    expect(user.role).toBe('EDITOR');
    expect(user.name).toMatch(/^[A-Z][a-z]+/);
    expect(user.name).not.toBe('Hello World');
    expect(user.friends).toEqual([{ name: 'Bo' }]);
    expect(user.posts[0]).toEqual({ title: 'Post about cats', likes: 42 });
  });

  it('renders templated mocks per request, so an answer that depends on the request is never reused', () => {
    const r = responder({ mocks: { String: '{{headers.x-who}}' } });
    const ask = (who: string) => JSON.parse(r.respond({ method: 'POST', query: {}, headers: { 'content-type': 'application/json', 'x-who': who }, body: { query: '{ hello }' } }, { now: 0, random: Math.random }).body.toString());
    expect(ask('ann').data.hello).toBe('ann');
    expect(ask('bo').data.hello).toBe('bo');
  });

  it('answers __typename and unions or interfaces with one of their member types', () => {
    const sdl = 'interface Node { id: ID! } type A implements Node { id: ID! a: Int! } type B implements Node { id: ID! b: String! } union AB = A | B type Query { node: Node! any: [AB!]! }';
    const r = responder({ schema: sdl, list_length: 6 });
    const { json } = post(r, { query: '{ node { __typename id ... on A { a } } any { __typename ... on A { a } ... on B { b } } }' });
    expect(json.errors).toBeUndefined();
    expect(['A', 'B']).toContain(json.data.node.__typename);
    for (const item of json.data.any) expect(item.__typename === 'A' ? typeof item.a : typeof item.b).toBe(item.__typename === 'A' ? 'number' : 'string');
  });
});
