import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { type IntrospectionQuery, buildClientSchema, buildSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { GraphQLClient, ClientError } from 'graphql-request';
import { ApolloClient, HttpLink, InMemoryCache, gql, ApolloLink } from '@apollo/client/core';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import { SDL } from './helpers';
import { type LiveServer, startLive } from './live-server';

const sha256 = async (text: string) => createHash('sha256').update(text).digest('hex');

describe('real GraphQL clients against a mocked endpoint', () => {
  let live: LiveServer;

  beforeAll(async () => {
    live = await startLive();
  });
  afterAll(() => live.close());

  it('answers graphql-request with fixed data, and its errors as a ClientError', async () => {
    const client = new GraphQLClient(live.url);
    const data = await client.request<{ user: { id: string; name: string; role: string } }>('query GetUser($id: ID!) { user(id: $id) { id name role } }', { id: '1' });
    expect(data.user).toMatchObject({ id: '1', name: 'Ann' });
    expect(['ADMIN', 'EDITOR', 'VIEWER']).toContain(data.user.role);
    const failure = await client.request('mutation DeleteUser { deleteUser(id: "1") }').catch((e) => e);
    expect(failure).toBeInstanceOf(ClientError);
    expect((failure as ClientError).response.errors?.[0]).toMatchObject({ message: 'forbidden', extensions: { code: 'FORBIDDEN' } });
  });

  it('answers graphql-request over GET too', async () => {
    const client = new GraphQLClient(live.url, { method: 'GET' });
    expect(await client.request('{ hello }')).toEqual({ hello: 'Hello World' });
  });

  it('answers Apollo Client through an HttpLink, normalised by its cache', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: live.url }), cache: new InMemoryCache() });
    const result = await client.query<{ user: { id: string; name: string; posts: Array<{ id: string; title: string }> } }>({
      query: gql`query GetUser($id: ID!) { user(id: $id) { id name posts { id title } } }`,
      variables: { id: '1' },
    });
    expect(result.data?.user.name).toBe('Ann');
    expect(result.data?.user.posts).toHaveLength(2);
    const mutation = await client.mutate({ mutation: gql`mutation DeleteUser { deleteUser(id: "1") }` }).catch((e) => e);
    expect(String(mutation.message ?? mutation)).toMatch(/forbidden/);
  });

  it('serves Apollo\'s automatic persisted queries: the hash first, the query once, then the hash alone', async () => {
    const bodies: unknown[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const link = ApolloLink.from([new PersistedQueryLink({ sha256 }), new HttpLink({ uri: live.url, fetch: fetchSpy })]);
    const first = new ApolloClient({ link, cache: new InMemoryCache() });
    const query = gql`query Hello { hello }`;
    expect((await first.query({ query })).data).toEqual({ hello: 'Hello World' });
    const second = new ApolloClient({ link, cache: new InMemoryCache() });
    expect((await second.query({ query })).data).toEqual({ hello: 'Hello World' });
    const withQuery = bodies.map((b) => typeof (b as { query?: string }).query === 'string');
    // Hash alone (unknown) → hash with query (registered) → hash alone (known).
    expect(withQuery).toEqual([false, true, false]);
  });

  it('answers urql\'s core client', async () => {
    const client = new Client({ url: live.url, exchanges: [cacheExchange, fetchExchange], preferGetMethod: false });
    const result = await client.query('query GetUser($id: ID!) { user(id: $id) { id name } }', { id: '1' }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject({ user: { id: '1', name: 'Ann' } });
  });

  it('streams a subscription to graphql-ws\'s client', async () => {
    const client = createClient({ url: live.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const events: unknown[] = [];
    await new Promise<void>((resolve, reject) => client.subscribe({ query: 'subscription { ticks }' }, { next: (e) => events.push(e), error: reject, complete: resolve }));
    await client.dispose();
    expect(events).toEqual([{ data: { ticks: 7 } }, { data: { ticks: 7 } }, { data: { ticks: 7 } }]);
  });

  it('serves introspection that buildClientSchema rebuilds into the served schema', async () => {
    const res = await fetch(live.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: getIntrospectionQuery() }) });
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const { data } = (await res.json()) as { data: IntrospectionQuery };
    expect(printSchema(buildClientSchema(data))).toBe(printSchema(buildSchema(SDL)));
  });
});
