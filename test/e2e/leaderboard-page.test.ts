// The public leaderboard page through the real wiring: a real /compare and real reaction votes through the fake
// Discord, the page served by startHttpServers and loaded in headless Chromium. The table shows every pipeline,
// the charts are drawn, the dataset link returns trl-dpo JSONL, and nothing on the page identifies a voter.
// Only servers whose admins ran /config publish on are published; direct messages never are.
import { stat } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type HttpServers, startHttpServers } from '../../src/app/start-http-servers.ts';
import { publishedDatasetPath } from '../../src/export/published-dataset.ts';
import { TrlDpoLine } from '../../src/export/schemas.ts';
import { PUBLISHED_BOARD } from '../../src/web/leaderboard-snapshot.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
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
  harness = await startHarness({
    discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice', 'bob', 'carol'] },
  });
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await http?.close();
  http = null;
  await harness.stop();
});

/** /config publish on|off as the server's admin, waiting until it is saved. */
async function setPublish(state: 'on' | 'off'): Promise<void> {
  const handle = harness.discord.runSlashCommand({
    name: 'config',
    subcommand: 'publish',
    userId: harness.discord.userId('admin'),
    options: { state },
  });
  const reply = await handle.waitForOriginal();
  if (!reply.content.startsWith('✅ Saved.')) throw new Error(`config not saved: ${reply.content}`);
}

/** A four-slot /compare in the fake Discord (in its server, or in alice's DM), then one reaction per voter naming the pipeline they pick. */
async function compareAndVote(
  votes: Record<string, string>,
  where: { prompt?: string; guildId?: null } = {},
): Promise<string> {
  const { discord, services } = harness;
  const handle = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userId('alice'),
    options: { prompt: where.prompt ?? 'Which cat name is best?' },
    ...(where.guildId === null ? { guildId: null } : {}),
  });
  const message = await handle.waitForOriginal(comparisonDone, 15_000);
  await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, {
    timeoutMs: 10_000,
    description: 'the vote reactions',
  });
  const comparison = (await services.comparisons.findByMessageId(message.id))!;
  for (const [user, pipeline] of Object.entries(votes)) {
    discord.addReaction({
      userId: discord.userId(user),
      messageId: message.id,
      emoji: LETTERS[comparison.slots.findIndex((slot) => slot.pipelineId === pipeline)]!,
    });
  }
  await eventually(
    async () => {
      if ((await services.votes.votesFor(comparison.id)).length !== Object.keys(votes).length)
        throw new Error('votes not stored yet');
    },
    { description: 'every vote in the store' },
  );
  return comparison.id;
}

async function servePage(ports: { METRICS_PORT?: number; WEB_PORT?: number }): Promise<string> {
  http = await startHttpServers({
    settings: {
      METRICS_HOST: '127.0.0.1',
      WEB_HOST: '127.0.0.1',
      METRICS_PORT: undefined,
      WEB_PORT: undefined,
      ...ports,
    },
    shardId: null,
    client: harness.bot.client,
    services: harness.services,
  });
  const line = http.lines.find((candidate) => candidate.includes('leaderboard page'));
  return line!.slice(line!.indexOf('http://'));
}

describe('public leaderboard page', () => {
  it('shows the ratings table, draws the charts and offers the trl-dpo dataset, in Chromium', async () => {
    await setPublish('on');
    const comparisonId = await compareAndVote({ alice: 'cot', bob: 'cot', carol: 'rules' });
    const url = await servePage({ WEB_PORT: 0 });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);

    const rows = await page.locator('#ratings tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t')[1])).toEqual(
      expect.arrayContaining(['plain', 'cot', 'rules', 'constitution']),
    );
    expect(rows.find((row) => row.includes('plain'))).toContain('anchor');
    expect(await page.locator('#counts').innerText()).toContain('3 votes cast');
    expect(await page.locator('#method').innerText()).toContain('Bradley–Terry');
    expect(await page.locator('#position-bias').innerText()).toContain('first decisive pick each');

    const chart = page.locator('#ratings-chart');
    await chart.scrollIntoViewIfNeeded();
    expect(
      await chart.evaluate(
        (image) => (image as unknown as LoadedImage).complete && (image as unknown as LoadedImage).naturalWidth,
      ),
    ).toBeGreaterThan(0);
    const shot = PNG.sync.read(await chart.screenshot({ path: process.env.PAGE_SCREENSHOT }));
    let coloured = 0;
    for (let offset = 0; offset < shot.data.length; offset += 4) {
      if (shot.data[offset + 2]! > shot.data[offset]! + 60) coloured += 1; // the raw intervals are blue
    }
    expect(coloured).toBeGreaterThan(100);
    expect(
      await page.locator('#matrix-chart').evaluate((image) => (image as unknown as LoadedImage).naturalWidth),
    ).toBeGreaterThan(0);

    const html = await page.content();
    for (const user of ['alice', 'bob', 'carol']) expect(html).not.toContain(harness.discord.userId(user));
    for (const vote of await harness.services.votes.votesFor(comparisonId)) expect(html).not.toContain(vote.voterHash);

    const href = await page.locator('#dataset').getAttribute('href');
    const download = await page.request.get(new URL(href!, url).toString());
    expect(download.headers()['content-type']).toContain('application/jsonl');
    const lines = (await download.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => TrlDpoLine.parse(JSON.parse(line)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]!.prompt).toContain('Which cat name is best?');
    await page.close();
  }, 60_000);

  it('shares the metrics server when WEB_PORT equals METRICS_PORT, and recomputes at most once a minute', async () => {
    await setPublish('on');
    await compareAndVote({ alice: 'cot' });
    const url = await servePage({ METRICS_PORT: 0, WEB_PORT: 0 });
    expect(http!.lines).toHaveLength(1);
    expect((await fetch(new URL('/metrics', url))).status).toBe(200);
    const first = await (await fetch(url)).text();
    expect(first).toContain('1 vote cast');

    await compareAndVote({ bob: 'rules' });
    expect(await (await fetch(url)).text()).toContain('1 vote cast');
    expect((await fetch(new URL('/data/trl-dpo.meta.jsonl', url))).status).toBe(404);
  }, 60_000);

  it('publishes nothing from direct messages or from a server that did not opt in; after /config publish on, that server’s comparisons appear with personal details replaced', async () => {
    const { services } = harness;
    const dmPrompt = 'My private DM question: is my card 4111 1111 1111 1111 safe?';
    const serverPrompt = 'Which cat name is best? Mail jane.doe@example.com or call +1 415 555 2671.';
    await compareAndVote({ alice: 'cot' }, { prompt: dmPrompt, guildId: null });
    await compareAndVote({ bob: 'rules' }, { prompt: serverPrompt });
    const everyVote = await services.votes.allVotes();
    expect(everyVote.map((vote) => vote.guildId).sort()).toEqual([harness.discord.guildId, null]);

    let url = await servePage({ WEB_PORT: 0 });
    const closed = {
      page: await (await fetch(url)).text(),
      json: await (await fetch(new URL('/leaderboard.json', url))).text(),
      dataset: await (await fetch(new URL('/data/trl-dpo.jsonl', url))).text(),
    };
    expect(closed.page).toContain('No published votes yet');
    expect(closed.page).toContain('0 votes cast');
    expect(JSON.parse(closed.json)).toMatchObject({ scope: 'published', rows: [], counts: { given: 0 } });
    expect(closed.dataset).toBe('');
    for (const text of Object.values(closed)) {
      expect(text).not.toContain('private DM');
      expect(text).not.toContain('Which cat name');
    }

    await setPublish('on');
    // The background pass would recount it within a minute; here the recount is awaited before the page is asked.
    await (
      await services.leaderboards.get(PUBLISHED_BOARD)
    ).recount;
    await http!.close();
    url = await servePage({ WEB_PORT: 0 });
    const page = await (await fetch(url)).text();
    const json = JSON.parse(await (await fetch(new URL('/leaderboard.json', url))).text()) as {
      counts: { given: number };
      rows: unknown[];
    };
    const dataset = await (await fetch(new URL('/data/trl-dpo.jsonl', url))).text();
    expect(page).toContain('1 vote cast');
    expect(json.counts.given).toBe(1);
    expect(json.rows.length).toBeGreaterThan(0);
    const lines = dataset
      .split('\n')
      .filter(Boolean)
      .map((line) => TrlDpoLine.parse(JSON.parse(line)));
    expect(lines).toHaveLength(3); // the one server vote beats the three other answers
    expect(lines[0]!.prompt).toBe('Which cat name is best? Mail [email] or call [phone].');
    for (const text of [page, JSON.stringify(json), dataset]) {
      expect(text).not.toContain('private DM');
      expect(text).not.toContain('4111');
      expect(text).not.toContain('jane.doe@example.com');
      expect(text).not.toContain('555 2671');
    }

    await setPublish('off'); // the next download waits for the recount that leaves the server out again
    await http!.close();
    url = await servePage({ WEB_PORT: 0 });
    expect(await (await fetch(new URL('/data/trl-dpo.jsonl', url))).text()).toBe('');
  }, 60_000);

  it('serves the dataset from a file written once per recount, with an ETag: unchanged without new votes (304 on If-None-Match), new after a vote and a recount', async () => {
    await setPublish('on');
    await compareAndVote({ alice: 'cot' });
    const url = new URL('/data/trl-dpo.jsonl', await servePage({ WEB_PORT: 0 }));
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    const body = await first.text();
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(body.split('\n').filter(Boolean)).toHaveLength(3);
    const file = publishedDatasetPath(harness.services.settings.DATA_DIR);
    const written = (await stat(file)).mtimeMs;

    const again = await fetch(url);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(body);
    expect((await stat(file)).mtimeMs).toBe(written); // not rewritten per request
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('etag'), head.headers.get('content-length'), await head.text()]).toEqual([
      200,
      etag,
      String(Buffer.byteLength(body)),
      '',
    ]);
    const revalidated = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');

    await compareAndVote({ bob: 'rules' });
    expect((await fetch(url)).headers.get('etag')).toBe(etag); // the file changes with a recount, not with a request
    expect(await harness.services.leaderboards.refresh()).toMatchObject({ recounted: 1 });
    const recounted = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(recounted.status).toBe(200);
    expect(recounted.headers.get('etag')).not.toBe(etag);
    expect((await recounted.text()).split('\n').filter(Boolean)).toHaveLength(2 * 3);
  }, 60_000);
});
