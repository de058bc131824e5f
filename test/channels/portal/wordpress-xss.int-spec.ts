import { randomUUID } from 'node:crypto';
import axios from 'axios';
import type { Browser } from 'playwright-core';
import type { ChannelAccountContext } from '@nhip/channels';
import { WordPressChannel } from '../../../libs/channels/src/adapters/portal';
import { startWordPress, TestWordPress } from '../../support/wordpress/wordpress-server';
import { launchChromium } from '../../web/support/web-stack';
import { makePng, startFileServer } from './http-helpers';
import { localOutbound } from '../../support/outbound';

/*
 * Stored XSS on the public portal (issue #14, F3): WordPress prints a post's title and excerpt, and an
 * attachment's caption and alt text, as HTML. Whatever an officer types there must reach the published
 * pages as text, never as markup: checked on the HTML the real WordPress serves, and in chromium, where
 * no script of ours may run and no element may carry an event attribute.
 */

const PNG = makePng(32, 24, [0x1d, 0x25, 0xda]);
const SCRIPT = '<script>window.nhipXss=1</script>';
const IMG = '<img src=x onerror="window.nhipXss=2">';

let site: TestWordPress;
let images: Awaited<ReturnType<typeof startFileServer>>;
let browser: Browser;

beforeAll(async () => {
  [site, images, browser] = await Promise.all([
    startWordPress({ permalinks: 'plain' }),
    startFileServer({ '/anh.png': { body: PNG, contentType: 'image/png' } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await Promise.all([site?.stop(), images?.stop(), browser?.close()]);
});

const account = (): ChannelAccountContext => ({
  id: randomUUID(),
  type: 'portal',
  settings: { siteUrl: site.siteUrl, allowCreateTerms: true },
  credentials: { username: site.username, applicationPassword: site.applicationPassword },
  credentialsVersion: 1,
});

const page = async (url: string) => {
  const response = await axios.get<string>(url, { responseType: 'text', validateStatus: () => true });
  expect(response.status).toBe(200);
  return response.data;
};

/** The page as served, and as chromium builds it: none of the hostile markup may exist or run. */
const expectNoMarkup = async (url: string) => {
  const html = await page(url);
  expect(html).not.toMatch(/<script>window\.nhipXss/i);
  expect(html).not.toMatch(/<img src=x/i);
  const tab = await browser.newPage();
  try {
    await tab.goto(url, { waitUntil: 'load' });
    // A string, run in the page: this file is compiled without the DOM's types.
    const found = await tab.evaluate(`({
      ran: window.nhipXss ?? null,
      scripts: [...document.scripts].filter((s) => s.textContent.includes('nhipXss')).length,
      handlers: document.querySelectorAll('[onerror]').length,
    })`);
    expect(found).toEqual({ ran: null, scripts: 0, handlers: 0 });
  } finally {
    await tab.close();
  }
  return html;
};

describe('what an officer types never becomes markup on the real WordPress', () => {
  it('title, excerpt, tag, image caption and alt text reach the post, the home page and the attachment page as text', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const result = await channel.publish(
      account(),
      {
        title: `Ngày hội số ${SCRIPT} tỷ lệ < 5% & "tốt"`,
        html: `<p>Nội dung an toàn.</p>${SCRIPT}${IMG}`,
        excerpt: `Tóm tắt ${IMG} ${SCRIPT}`,
        tags: [`Thẻ ${SCRIPT}`],
        featuredImage: { url: `${images.url}/anh.png`, caption: `Chú thích ${SCRIPT}${IMG}`, alt: `Ảnh ${IMG}` },
      },
      { idempotencyKey: `pub-${randomUUID()}` },
    );

    const post = await expectNoMarkup(result.url as string);
    // Shown as the officer typed it, escaped once.
    expect(post).toContain('Ngày hội số &lt;script&gt;window.nhipXss=1&lt;/script&gt; tỷ lệ &lt; 5%');
    expect(post).toContain('Nội dung an toàn.');

    await expectNoMarkup(`${site.siteUrl}/`);

    const rest = await axios.get(`${site.siteUrl}/`, {
      params: { rest_route: `/wp/v2/posts/${result.externalId}`, context: 'edit' },
      auth: { username: site.username, password: site.applicationPassword },
    });
    const mediaId = rest.data.featured_media as number;
    expect(mediaId).toBeGreaterThan(0);
    expect(rest.data.excerpt.raw).not.toMatch(/<img|<script/i);
    const attachment = await expectNoMarkup(`${site.siteUrl}/?attachment_id=${mediaId}`);
    expect(attachment).toContain('Chú thích &lt;script&gt;');
    for (const tagId of rest.data.tags as number[]) await expectNoMarkup(`${site.siteUrl}/?tag_id=${tagId}`);
  });
});
