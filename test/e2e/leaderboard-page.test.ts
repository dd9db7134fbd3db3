// The public leaderboard page through the real wiring: a real /compare and real reaction votes through the fake
// Discord, the page served by startHttpServers and loaded in headless Chromium. The table shows every pipeline,
// the charts are drawn, the dataset link returns trl-dpo JSONL, and nothing on the page identifies a voter.
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type HttpServers, startHttpServers } from '../../src/app/start-http-servers.js';
import { TrlDpoLine } from '../../src/export/schemas.js';
import { type Harness, startHarness } from '../fixtures/bot-harness.js';
import { eventually } from '../fixtures/eventually.js';
import { pipelineAnswers } from '../fixtures/pipeline-answers.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LETTERS = ['🇦', '🇧', '🇨', '🇩'];

/** The part of the browser's HTMLImageElement checked here (the project compiles without the DOM types). */
interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
}

let browser: Browser;
let harness: Harness;
let http: HttpServers | null = null;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  harness = await startHarness({ discord: { users: ['alice', 'bob', 'carol'] } });
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await http?.close();
  http = null;
  await harness.stop();
});

/** A four-slot /compare in the fake Discord, then one reaction per voter naming the pipeline they pick. */
async function compareAndVote(votes: Record<string, string>): Promise<string> {
  const { discord, services } = harness;
  const handle = discord.runSlashCommand({ name: 'compare', userId: discord.userId('alice'), options: { prompt: 'Which cat name is best?' } });
  const message = await handle.waitForOriginal((candidate) => candidate.components.length > 0 && !JSON.stringify(candidate.embeds).includes('Working'), 15_000);
  await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, { timeoutMs: 10_000, description: 'the vote reactions' });
  const comparison = (await services.comparisons.findByMessageId(message.id))!;
  for (const [user, pipeline] of Object.entries(votes)) {
    discord.addReaction({ userId: discord.userId(user), messageId: message.id, emoji: LETTERS[comparison.slots.findIndex((slot) => slot.pipelineId === pipeline)]! });
  }
  await eventually(async () => {
    if ((await services.votes.votesFor(comparison.id)).length !== Object.keys(votes).length) throw new Error('votes not stored yet');
  }, { description: 'every vote in the store' });
  return comparison.id;
}

async function servePage(ports: { METRICS_PORT?: number; WEB_PORT?: number }): Promise<string> {
  http = await startHttpServers({ settings: { METRICS_HOST: '127.0.0.1', WEB_HOST: '127.0.0.1', METRICS_PORT: undefined, WEB_PORT: undefined, ...ports }, shardId: null, client: harness.bot.client, services: harness.services });
  const line = http.lines.find((candidate) => candidate.includes('leaderboard page'));
  return line!.slice(line!.indexOf('http://'));
}

describe('public leaderboard page', () => {
  it('shows the ratings table, draws the charts and offers the trl-dpo dataset, in Chromium', async () => {
    const comparisonId = await compareAndVote({ alice: 'cot', bob: 'cot', carol: 'rules' });
    const url = await servePage({ WEB_PORT: 0 });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);

    const rows = await page.locator('#ratings tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t')[1])).toEqual(expect.arrayContaining(['plain', 'cot', 'rules', 'constitution']));
    expect(rows.find((row) => row.includes('plain'))).toContain('anchor');
    expect(await page.locator('#counts').innerText()).toContain('3 votes cast');
    expect(await page.locator('#method').innerText()).toContain('Bradley–Terry');
    expect(await page.locator('#position-bias').innerText()).toContain('first decisive pick each');

    const chart = page.locator('#ratings-chart');
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.evaluate((image) => (image as unknown as LoadedImage).complete && (image as unknown as LoadedImage).naturalWidth)).toBeGreaterThan(0);
    const shot = PNG.sync.read(await chart.screenshot({ path: process.env.PAGE_SCREENSHOT }));
    let coloured = 0;
    for (let offset = 0; offset < shot.data.length; offset += 4) {
      if (shot.data[offset + 2]! > shot.data[offset]! + 60) coloured += 1; // the raw intervals are blue
    }
    expect(coloured).toBeGreaterThan(100);
    expect(await page.locator('#matrix-chart').evaluate((image) => (image as unknown as LoadedImage).naturalWidth)).toBeGreaterThan(0);

    const html = await page.content();
    for (const user of ['alice', 'bob', 'carol']) expect(html).not.toContain(harness.discord.userId(user));
    for (const vote of await harness.services.votes.votesFor(comparisonId)) expect(html).not.toContain(vote.voterHash);

    const href = await page.locator('#dataset').getAttribute('href');
    const download = await page.request.get(new URL(href!, url).toString());
    expect(download.headers()['content-type']).toContain('application/jsonl');
    const lines = (await download.text()).split('\n').filter(Boolean).map((line) => TrlDpoLine.parse(JSON.parse(line)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]!.prompt).toContain('Which cat name is best?');
    await page.close();
  }, 60_000);

  it('shares the metrics server when WEB_PORT equals METRICS_PORT, and recomputes at most once a minute', async () => {
    await compareAndVote({ alice: 'cot' });
    const url = await servePage({ METRICS_PORT: 0, WEB_PORT: 0 });
    expect(http!.lines).toHaveLength(1);
    expect((await fetch(new URL('/metrics', url))).status).toBe(200);
    const first = await (await fetch(url)).text();
    expect(first).toContain('1 vote cast');

    await compareAndVote({ bob: 'rules' });
    expect(await (await fetch(url)).text()).toContain('1 vote cast');
    const dataset = await (await fetch(new URL('/data/trl-dpo.jsonl', url))).text();
    expect(dataset.split('\n').filter(Boolean)).toHaveLength(2 * 3); // live, not cached: each vote beats the three others
    expect((await fetch(new URL('/data/trl-dpo.meta.jsonl', url))).status).toBe(404);
  }, 60_000);
});
