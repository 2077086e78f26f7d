import Koa from 'koa';
import * as client from 'openid-client';
import { chromium, type Browser } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createTestApp } from '../helpers/test-app';
import { authConfigFolder, listen, STANDARD_AUTH } from './provider-app';

// A person signs in through mockdock's login page in a real Chromium, on behalf of a small web app.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let mock: Awaited<ReturnType<typeof listen>>;
let webApp: Awaited<ReturnType<typeof listen>>;

/** The app under test: /login sends the browser to the provider, /callback redeems the code and greets the user. */
function appUnderTest(issuer: string, redirectUri: () => string): Koa {
  const app = new Koa();
  const pending = new Map<string, string>();
  let config: client.Configuration | undefined;
  app.use(async (ctx) => {
    config ??= await client.discovery(new URL(issuer), 'app', 's3cret', undefined, { execute: [client.allowInsecureRequests] });
    if (ctx.path === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      pending.set(state, verifier);
      ctx.redirect(
        client.buildAuthorizationUrl(config, { redirect_uri: redirectUri(), scope: 'openid email', state, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }).href,
      );
    } else if (ctx.path === '/callback') {
      const state = ctx.query.state as string;
      const tokens = await client.authorizationCodeGrant(config, new URL(ctx.href), { pkceCodeVerifier: pending.get(state), expectedState: state });
      const info = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub as string);
      ctx.type = 'html';
      ctx.body = `<h1>Signed in as ${info.sub} (${info.email})</h1>`;
    }
  });
  return app;
}

beforeAll(async () => {
  // the whole server; its client's redirect URI is known once the app listens, then put in force by a reload
  const dir = authConfigFolder(STANDARD_AUTH);
  const { app, registry } = await createTestApp({ config: dir });
  mock = await listen(app);
  let callback = '';
  webApp = await listen(appUnderTest(mock.url, () => callback));
  callback = `${webApp.url}/callback`;
  fs.writeFileSync(path.join(dir, 'mockdock.yaml'), JSON.stringify({ auth: { ...STANDARD_AUTH, clients: [{ client_id: 'app', client_secret: 's3cret', redirect_uris: [callback] }] } }));
  const reloaded = await registry.reload();
  if (!reloaded.ok) throw new Error(JSON.stringify(reloaded.issues));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await webApp?.close();
  await mock?.close();
});

it('lets a person pick a user on the login page and lands them signed in at the app', async () => {
  const page = await browser.newPage();
  await page.goto(`${webApp.url}/login`);
  await page.getByRole('heading', { name: /Sign in to app/ }).waitFor();
  await page.getByRole('button', { name: /bob/ }).click();
  await page.getByRole('heading', { name: 'Signed in as bob (bob@example.com)' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/callback');
  await page.close();
});

it('shows the login page again, with a notice, for an unknown login_hint', async () => {
  const page = await browser.newPage();
  const url = new URL(`${mock.url}/__auth/authorize`);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'app', login_hint: 'mallory' })) url.searchParams.set(k, v);
  await page.goto(url.href);
  expect(await page.getByRole('alert').textContent()).toBe('Unknown user "mallory".');
  expect(await page.getByRole('button').allTextContents()).toEqual(['alice alice@example.com', 'bob bob@example.com']);
  await page.close();
});
