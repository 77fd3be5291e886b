// Browser tests of the annalist web UI: Debian's Chromium, driven by
// playwright-core (never a downloaded browser). Run by ./run.sh, which
// starts a server and sets ANNALIST_URL; SCREENSHOTS=dir saves a PNG of
// each page there.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = process.env.ANNALIST_URL || 'http://127.0.0.1:7878';
const SHOTS = process.env.SCREENSHOTS || '';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let ctx, profile;
const cspViolations = [];

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'annalist-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (ctx) await ctx.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

async function open(url) {
  const page = await ctx.newPage();
  page.on('console', (m) => {
    // The vendored vis-timeline standalone build tries to inject its
    // stylesheet as <style> elements; the CSP blocks that on purpose (the
    // same CSS is served as a file), so only other violations count.
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()) && !/Applying inline style/.test(m.text())) {
      cspViolations.push(url + ': ' + m.text());
    }
  });
  const res = await page.goto(BASE + url, { waitUntil: 'load' });
  assert.equal(res.status(), 200, url);
  return page;
}

async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: false });
}

async function api(url) {
  const r = await fetch(BASE + url);
  assert.equal(r.status, 200, url);
  return r.json();
}

async function trotsky() {
  const r = await api('/api/entities?type=person&q=trotsky&limit=5');
  assert.ok(r.items.length > 0, 'an entity named Trotsky exists');
  return r.items[0];
}

test('the overview loads', async () => {
  const page = await open('/');
  assert.equal(await page.locator('h1').first().textContent(), 'Overview');
  const cards = await page.locator('.card .big').allTextContents();
  assert.equal(cards.length, 4);
  assert.ok(parseInt(cards[0], 10) > 0, 'some sources');
  await shot(page, 'overview');
  await page.close();
});

test("Leon Trotsky's page draws a timeline", async () => {
  const t = await trotsky();
  const page = await open('/entities/' + encodeURIComponent(t.id));
  await page.waitForSelector('#timeline[data-ready]', { timeout: 15000 });
  const n = await page.locator('#timeline .vis-item').count();
  assert.ok(n > 0, 'the timeline has items');
  await shot(page, 'entity');
  await page.close();
});

test('the timeline shows his death in 1940', async () => {
  const t = await trotsky();
  const page = await open('/entities/' + encodeURIComponent(t.id));
  await page.waitForSelector('#timeline[data-ready]', { timeout: 15000 });
  const starts = await page.locator('#timeline .tl-item[data-type="death"]').evaluateAll(
    (els) => els.map((e) => e.getAttribute('data-start')));
  assert.ok(starts.some((s) => s && s.startsWith('1940')), 'a death event in 1940, got ' + JSON.stringify(starts));
  await page.close();
});

test('clicking an event shows highlighted evidence', async () => {
  const t = await trotsky();
  const page = await open('/entities/' + encodeURIComponent(t.id));
  await page.waitForSelector('#timeline[data-ready]', { timeout: 15000 });
  const death = page.locator('#timeline .vis-item:has(.tl-item[data-type="death"])');
  const item = (await death.count()) > 0 ? death.first() : page.locator('#timeline .vis-item').first();
  await item.click();
  const mark = page.locator('#evidence mark.hl').first();
  await mark.waitFor({ state: 'visible', timeout: 10000 });
  assert.ok((await mark.textContent()).trim().length > 0, 'the evidence is not empty');
  await shot(page, 'entity-evidence');
  // The event page shows the same evidence in its source, highlighted.
  await page.locator('#evidence h3 a').click();
  await page.waitForSelector('article.evidence mark.hl');
  assert.ok(await page.locator('article.evidence mark.hl').count() > 0);
  await shot(page, 'event');
  await page.close();
});

test('a document carrying a script payload renders inert', async () => {
  const sources = await api('/api/sources');
  const evils = sources.filter((s) => /payload/.test(s.file));
  assert.ok(evils.length > 0, 'the payload documents were built');
  const evil = evils.find((s) => /\.txt$/.test(s.file)) || evils[0];
  const urls = ['/sources/' + encodeURIComponent(evil.id), '/search?q=pwned',
    '/search?q=' + encodeURIComponent('<script>'), '/entities?q=script', '/sources', '/'];
  for (const s of evils) {
    const id = encodeURIComponent(s.id);
    urls.push('/sources/' + id, '/sources/' + id + '?view=raw');
    const detail = await api('/api/sources/' + id);
    for (const m of detail.mentions) if (m.entity_id) urls.push('/entities/' + encodeURIComponent(m.entity_id));
    for (const e of detail.events) urls.push('/events/' + encodeURIComponent(e));
  }
  for (const u of [...new Set(urls)]) {
    const page = await open(u);
    await page.waitForTimeout(150);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, u + ' ran the payload');
    assert.equal(await page.locator('main img, main script').count(), 0, u + ' has payload elements');
    if (u === urls[0]) {
      const text = await page.locator('article.doc').innerText();
      assert.ok(text.includes('<script>window.__pwned=1</script>'), 'the payload shows as text');
      await shot(page, 'source');
    }
    await page.close();
  }
});

test('conflicts, graph, events and search pages render', async () => {
  for (const [u, name] of [['/conflicts', 'conflicts'], ['/graph', 'graph'], ['/events', 'events'],
    ['/search?q=Mercader', 'search'], ['/sources', 'sources'], ['/entities?type=person', 'entities']]) {
    const page = await open(u);
    if (name === 'graph') {
      await page.waitForFunction(() => {
        const g = document.getElementById('graph');
        return g && (g.hasAttribute('data-ready') || g.textContent.includes('No events'));
      }, null, { timeout: 15000 });
    }
    await shot(page, name);
    await page.close();
  }
});

test('no Content-Security-Policy violations', () => {
  assert.equal(cspViolations.length, 0, cspViolations.slice(0, 3).join('\n'));
});
