import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CHANNEL_TYPE_LABELS,
  ChannelAccountService,
  SANDBOX_LABEL,
  type SandboxPost,
  SandboxPostStore,
} from '@nhip/channels';
import { DomainError } from '@nhip/core';
import { Public } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&']);

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour12: false,
});

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#f8fafc}
.sandbox-banner{background:#b45309;color:#fff;padding:.6rem 1rem;font-weight:600}
main{max-width:48rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
article{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
article img{max-width:100%;height:auto}
time{color:#64748b;font-size:.9rem}
audio{width:100%;margin-top:.5rem}
.body{white-space:pre-wrap}`;

function page(title: string, content: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${SANDBOX_LABEL}</title><style>${STYLE}</style></head>
<body><div class="sandbox-banner" role="note">${SANDBOX_LABEL} — nội dung dưới đây không được gửi đến công chúng.</div>
<main>${content}</main></body></html>`;
}

/** HTML only once the page exists: a refusal before it stays the API's JSON error. */
function sendHtml(res: Response, title: string, content: string): void {
  res.type('html').send(page(title, content));
}

function postHtml(post: SandboxPost, link: boolean): string {
  const heading = post.title ? escape(post.title) : 'Bài đăng';
  // The portal's body is already the sanitised article (what WordPress would have stored); the rest is text.
  const body = post.channelType === 'portal' ? post.body : `<div class="body">${escape(post.body)}</div>`;
  return `<article data-testid="sandbox-post"><h2>${link ? `<a href="/api/v1/sandbox/posts/${post.id}">${heading}</a>` : heading}</h2>
<time datetime="${post.createdAt.toISOString()}">Nhận lúc ${TIME.format(post.createdAt)}</time>
${body}${post.hasAudio ? `<audio controls preload="metadata" src="/api/v1/sandbox/posts/${post.id}/audio"></audio>` : ''}</article>`;
}

/**
 * The sandbox's remote side, as people see it: a sandbox account's feed (the portal's list of articles,
 * the Page's or OA's posts, the station's bulletins with their audio) and each post. Public like the
 * real channels' pages; only sandbox accounts have any.
 */
@ApiTags('sandbox')
@Controller('sandbox')
export class SandboxController {
  constructor(
    private readonly posts: SandboxPostStore,
    private readonly accounts: ChannelAccountService,
  ) {}

  private async sandboxAccount(id: string) {
    const account = await this.accounts.get(id);
    if (!account.sandbox)
      throw DomainError.notFound('SANDBOX_NOT_FOUND', `Tài khoản này không thuộc ${SANDBOX_LABEL.toLowerCase()}.`);
    return account;
  }

  @Public()
  @Get('accounts/:id')
  async feed(@Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const account = await this.sandboxAccount(id);
    const posts = await this.posts.listForAccount(id);
    const kind = CHANNEL_TYPE_LABELS[account.type] ?? account.type;
    sendHtml(
      res,
      account.name,
      `<h1>${escape(account.name)}</h1><p>${escape(kind)} · ${SANDBOX_LABEL} · ${posts.length} bài đã nhận</p>
${posts.length ? posts.map((p) => postHtml(p, true)).join('\n') : '<p>Chưa có bài nào được đăng lên kênh thử nghiệm này.</p>'}`,
    );
  }

  @Public()
  @Get('posts/:id')
  async post(@Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const post = await this.posts.get(id);
    if (!post) throw DomainError.notFound('SANDBOX_POST_NOT_FOUND', 'Không tìm thấy bài trên kênh thử nghiệm.');
    const account = await this.sandboxAccount(post.channelAccountId);
    sendHtml(
      res,
      post.title ?? account.name,
      `<p><a href="/api/v1/sandbox/accounts/${account.id}">← ${escape(account.name)}</a></p>${postHtml(post, false)}`,
    );
  }

  @Public()
  @Get('posts/:id/audio')
  async audio(@Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const audio = await this.posts.audio(id);
    if (!audio) throw DomainError.notFound('SANDBOX_AUDIO_NOT_FOUND', 'Bài này không có âm thanh.');
    res.type(audio.mimeType).send(audio.bytes);
  }
}
