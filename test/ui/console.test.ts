import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, startRegistry, type TestRegistry } from '../support/registry.js';
import { seedContracts } from '../support/seed-contracts.js';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, screenshot, type TestBrowser } from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

let registry: TestRegistry;
let browser: TestBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureConsoleBuilt();
  registry = await startRegistry();
  await seedContracts(registry.url);
  await call(registry.url, 'PUT', '/consumers/billing', { 'order.OrderPlaced': '^2.0.0' });
  await call(registry.url, 'PUT', '/consumers/legacy-reports', { 'order.OrderPlaced': '^1.0.0' });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await registry?.close();
});

/** Loads a console view afresh (each test starts from an address a user could bookmark). */
async function open(hash: string) {
  await page.goto(`${registry.url}/ui/${hash}`);
  await page.reload();
}

/** Each page the tests reach is saved as a screenshot and must pass axe without serious findings. */
async function checkPage(name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(pageErrors).toEqual([]);
}

describe('the console, on a registry seeded with the order contracts', { timeout: 90_000 }, () => {
  it('opens from the registry root and lists the subjects with counts and filters', async () => {
    await page.goto(`${registry.url}/`);
    expect(new URL(page.url()).pathname).toBe('/ui/');
    await page.getByRole('heading', { name: 'Subjects', level: 1 }).waitFor();
    const total = (await call(registry.url, 'GET', '/subjects')).body.length;
    await expect.poll(() => page.locator('#subject-count').textContent()).toBe(`${total} subjects`);
    await page.getByLabel('Name prefix').fill('order.');
    const orders = (await call(registry.url, 'GET', '/subjects?subjectPrefix=order.')).body.length;
    await expect.poll(() => page.locator('#subject-count').textContent()).toBe(`${orders} of ${total} subjects`);
    await checkPage('subjects');
  });

  it('browses to a subject and shows its version timeline, schema, rules, examples and settings', async () => {
    await open('#/subjects?q=order.');
    await page.getByRole('link', { name: 'order.OrderPlaced', exact: true }).click();
    await page.getByRole('heading', { name: 'order.OrderPlaced', level: 1 }).waitFor();
    const timeline = page.getByRole('table', { name: /Version timeline/ });
    await expect.poll(() => timeline.getByRole('row').count()).toBe(5);
    expect(await timeline.getByRole('row').nth(3).textContent()).toContain('2.0.0');
    // 2.1.0, the latest, is 2.0.0's shape on the shared common.Money; the rules and examples of the major are on 2.0.0.
    expect(await timeline.getByRole('row').nth(4).textContent()).toContain('2.1.0');
    await page.getByRole('heading', { name: /Version 2\.1\.0/ }).waitFor();
    await timeline.getByRole('link', { name: '2.0.0', exact: true }).click();
    await page.getByRole('heading', { name: /Version 2\.0\.0/ }).waitFor();
    await page.getByText('order.OrderPlaced-2.0.0-upgrade').waitFor();
    expect(await page.getByRole('region', { name: 'Examples of 2.0.0' }).textContent()).toContain('order_2001');
    await page.getByRole('table', { name: /Who reads which version/ }).waitFor();
    await checkPage('subject');
  });

  it('diffs 1.1.0 and 2.0.0: breaking changes, the major bump and a counterexample for each direction', async () => {
    await open('#/subjects/order.OrderPlaced');
    await page.getByRole('navigation', { name: 'order.OrderPlaced views' }).getByRole('link', { name: 'Diff' }).click();
    await page.getByLabel('From', { exact: true }).selectOption('1.1.0');
    await page.getByLabel('To', { exact: true }).selectOption('2.0.0');
    await page.getByRole('heading', { name: 'Breaking under BACKWARD' }).waitFor();
    expect(await page.locator('.bump').textContent()).toBe('major');
    const changes = page.getByRole('table', { name: 'Changes from 1.1.0 to 2.0.0' });
    const removed = changes.getByRole('row').filter({ hasText: '/properties/totalAmount' });
    expect(await removed.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', 'yes']));
    await page.getByRole('heading', { name: /Backward: an event written with 1\.1\.0/ }).waitFor();
    const counterexample = JSON.parse((await page.getByRole('region', { name: 'backward counterexample' }).textContent())!);
    expect(counterexample).toHaveProperty('totalAmount');
    await page.getByRole('heading', { name: /Forward: an event written with 2\.0\.0/ }).waitFor();
    // The changed path is marked in both schemas.
    expect(await page.locator('.code .line.breaking[data-pointer="/properties/totalAmount"]').count()).toBeGreaterThan(0);
    await checkPage('diff');
  });

  it('runs the playground on a breaking edit: incompatible, with changes, a counterexample and the way out', async () => {
    await open('#/subjects/order.OrderPlaced');
    await page.getByRole('link', { name: 'Playground' }).click();
    const editor = page.getByLabel(/Candidate schema/);
    await expect.poll(async () => (await editor.inputValue()).includes('"region"')).toBe(true);
    const schema = JSON.parse(await editor.inputValue());
    delete schema.properties.region; // old events may carry a region: a closed object may not drop it
    await editor.fill(JSON.stringify(schema, null, 2));
    await page.getByRole('button', { name: 'Check compatibility' }).click();
    await page.getByRole('heading', { name: "Incompatible under the subject's level" }).waitFor();
    await page.getByText('publish it as a new major (3.0.0) with an upgrade rule').waitFor();
    expect(await page.getByRole('table', { name: 'Changes against the latest version' }).textContent()).toContain('/properties/region');
    const counterexample = JSON.parse((await page.getByRole('region', { name: 'Counterexample event' }).textContent())!);
    expect(counterexample).toHaveProperty('region');
    // Authentication is off: everyone may register, so the button is there.
    await page.getByRole('button', { name: 'Register this version' }).waitFor();
    await checkPage('playground');
  });

  it('runs the migration tester from 1.0.0 to 2.0.0 and shows each hop valid', async () => {
    await open('#/subjects/order.OrderPlaced');
    await page.getByRole('link', { name: 'Migration tester' }).click();
    await page.getByLabel('Event of version').selectOption('1.0.0');
    await page.getByLabel('Migrate to').selectOption('2.0.0');
    await expect.poll(async () => (await page.getByLabel(/^Event \(starts/).inputValue()).includes('order_1001')).toBe(true);
    await page.getByRole('button', { name: 'Run the migration' }).click();
    await page.getByRole('heading', { name: 'Migrated: the result is valid' }).waitFor();
    const hops = page.locator('.hops > li');
    expect(await hops.count()).toBe(2);
    expect(await hops.nth(0).getByRole('heading').textContent()).toContain('1.0.0 → 1.1.0: no rule');
    expect(await hops.nth(1).getByRole('heading').textContent()).toContain('1.1.0 → 2.0.0: rule order.OrderPlaced-2.0.0-upgrade');
    const output = JSON.parse((await page.getByRole('region', { name: 'Output of 1.1.0 to 2.0.0' }).textContent())!);
    expect(output).toMatchObject({ orderId: 'order_1001', pricing: { total: 99.99 } });
    await checkPage('migrate');
  });

  it('shows which consumer groups read which version, and how', async () => {
    await open('#/subjects');
    await page.getByRole('link', { name: 'Consumers' }).click();
    const matrix = page.getByRole('table', { name: 'Who reads which version of order.OrderPlaced' });
    const legacy = matrix.getByRole('row').filter({ hasText: 'legacy-reports' });
    await expect.poll(() => legacy.getByRole('cell').allTextContents()).toEqual(['reads directly', 'reads directly', 'through a migration', 'through a migration']);
    await checkPage('consumers');
  });

  it('filters the audit log and shows the global settings', async () => {
    await open('#/subjects');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Subject').fill('order.OrderPlaced');
    const rows = page.getByRole('table', { name: /entries, newest first/ }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(5); // header + four registrations
    expect(await rows.nth(1).textContent()).toContain('schema.register');
    await checkPage('audit');
    await page.getByRole('link', { name: 'Global settings' }).click();
    await page.getByRole('heading', { name: 'Global config and mode' }).waitFor();
    await page.getByRole('button', { name: 'Save level' }).waitFor();
    await checkPage('settings');
  });

  it('is keyboard navigable: skip link, site navigation, filters and links, focus moved to each new view', async () => {
    await open('#/subjects'); // a fresh load: focus starts at the top of the document
    await page.getByRole('heading', { name: 'Subjects', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    // From the content, Tab reaches the prefix filter; typing filters, Tab walks to the first subject.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('filter-name');
    await page.keyboard.type('payment.PaymentProc');
    await expect.poll(() => page.locator('#subject-count').textContent()).toMatch(/^1 of /);
    await page.keyboard.press('Tab'); // owner
    await page.keyboard.press('Tab'); // level
    await page.keyboard.press('Tab'); // the one subject left
    expect(await page.evaluate('document.activeElement.textContent')).toBe('payment.PaymentProcessed');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'payment.PaymentProcessed', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('main');
    // Every interactive element shows a visible focus ring.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
  });
});

describe('how the console is served', () => {
  it('serves the page with a same-origin-only policy, compressed, and its hashed assets cacheable forever', async () => {
    const html = await fetch(`${registry.url}/ui/`, { headers: { 'accept-encoding': 'br' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const page = await html.text();
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${registry.url}${script}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect([asset.status, asset.headers.get('content-encoding'), asset.headers.get('cache-control')]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    // No reference to any other origin anywhere in what the browser loads.
    expect(`${page}${await asset.text()}`).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('answers unknown assets and escapes from the build folder with a 404 error body, never a file', async () => {
    for (const path of ['/ui/assets/nothing.js', '/ui/assets/..%2F..%2Fpackage.json', '/ui/..%2F..%2Fpackage.json']) {
      const response = await call(registry.url, 'GET', path);
      if (response.status === 200) expect(String(response.body)).toContain('<div id="app">');
      else expect([response.status, response.body.error_code]).toEqual([404, 404]);
    }
  });
});

describe('the console with authentication on', { timeout: 90_000 }, () => {
  let secured: TestRegistry;
  let keys: Record<string, string>;
  let removeDir: () => Promise<void>;

  beforeAll(async () => {
    const { tempDir, writeKeys } = await import('../support/auth.js');
    const dir = await tempDir();
    removeDir = dir.remove;
    const authFile = `${dir.path}/auth.json`;
    keys = await writeKeys(authFile, { admin: ['admin'], reader: ['reader'] });
    secured = await startRegistry({ auth: { authFile } });
    await seedContracts(secured.url, keys.admin);
  }, 240_000);
  afterAll(async () => {
    await secured?.close();
    await removeDir?.();
  });

  async function signIn(key: string) {
    await page.goto(`${secured.url}/ui/#/subjects`);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('API key', { exact: true }).fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Subjects', level: 1 }).waitFor();
  }

  it('asks for a credential, and says so when the registry refuses one', async () => {
    await page.goto(`${secured.url}/ui/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage('sign-in');
    await page.getByLabel('API key', { exact: true }).fill('ck_nobody:wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The registry did not accept that credential.').waitFor();
  });

  it('signs a reader in with write actions absent, and the API refuses them too', async () => {
    await signIn(keys.reader!);
    await page.getByText('Signed in as').waitFor();
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${secured.url}/ui/#/subjects/order.OrderPlaced`);
    await page.getByRole('heading', { name: 'Config and mode' }).waitFor();
    await page.getByText('Changing these needs an admin role on this subject.').waitFor();
    expect(await page.getByRole('button', { name: /Save/ }).count()).toBe(0);
    await page.goto(`${secured.url}/ui/#/subjects/order.OrderPlaced/playground`);
    await page.getByRole('button', { name: 'Check compatibility' }).waitFor();
    expect(await page.getByRole('button', { name: 'Register this version' }).count()).toBe(0);
    await checkPage('reader-playground');

    // The same calls the hidden buttons would make, sent from the page with the reader's key.
    const refused = await page.evaluate(`(async () => {
      const auth = { authorization: 'Basic ' + btoa(${JSON.stringify(keys.reader)}), 'content-type': 'application/json' };
      const register = await fetch('/subjects/order.OrderPlaced/versions', { method: 'POST', headers: auth, body: JSON.stringify({ schema: '{"type":"string"}' }) });
      const config = await fetch('/config/order.OrderPlaced', { method: 'PUT', headers: auth, body: JSON.stringify({ compatibility: 'NONE' }) });
      const audit = await fetch('/audit', { headers: auth });
      return [register.status, config.status, audit.status];
    })()`);
    expect(refused).toEqual([403, 403, 403]);
    expect((await call(secured.url, 'GET', '/subjects/order.OrderPlaced/versions', undefined, { authorization: `Basic ${Buffer.from(keys.admin!).toString('base64')}` })).body).toEqual([1, 2, 3, 4]);
  });

  it('lets an admin change a subject level through the console, recorded by the API', async () => {
    await signIn(keys.admin!);
    await page.goto(`${secured.url}/ui/#/subjects/order.OrderPlaced`);
    await page.getByLabel('New compatibility level').selectOption('FULL');
    await page.getByRole('button', { name: 'Save level' }).click();
    await page.getByText('Compatibility set to FULL.').waitFor();
    const admin = { authorization: `Basic ${Buffer.from(keys.admin!).toString('base64')}` };
    expect((await call(secured.url, 'GET', '/config/order.OrderPlaced', undefined, admin)).body.compatibilityLevel).toBe('FULL');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
