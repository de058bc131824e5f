import type { ChannelType } from '@nhip/database';
import { normaliseForSpeech } from '@nhip/speech';
import type {
  ChannelAccountContext,
  ChannelAdapter,
  ConnectionCheck,
  PublishOptions,
  PublishResult,
  ValidationProblem,
} from '../../channel';
import { ChannelError } from '../../channel-error';
import type { ChannelContentByType } from '../../content/channel-content';
import { type TextToSpeech, TextToSpeechError } from '../../tts/text-to-speech';
import { validateLoudspeakerBulletin } from '../loudspeaker/loudspeaker.rules';
import { sanitizePortalHtml } from '../portal/portal-html';
import { type SandboxPost, SandboxPostStore } from './sandbox-post.store';

/** Shown wherever the sandbox appears: nothing here reaches the public. */
export const SANDBOX_LABEL = 'Môi trường thử nghiệm';

export interface SandboxChannelOptions<T extends ChannelType> {
  /** The real channel of the same type: its rules are the sandbox's rules. */
  real: ChannelAdapter<T>;
  posts: SandboxPostStore;
  /** Where the sandbox pages are served (`NHIP_PUBLIC_URL`), for the post's address. */
  publicUrl: string;
  /** Loudspeaker only: the same text-to-speech as a real bulletin. */
  tts?: TextToSpeech;
}

/** A sandbox post's own page. */
export function sandboxPostUrl(publicUrl: string, postId: string): string {
  return `${publicUrl}/api/v1/sandbox/posts/${postId}`;
}

/** A sandbox account's feed (portal list, page feed, OA articles, station log). */
export function sandboxAccountUrl(publicUrl: string, accountId: string): string {
  return `${publicUrl}/api/v1/sandbox/accounts/${accountId}`;
}

/**
 * A channel whose remote side is Nhịp itself (`sandbox_posts`, served under /api/v1/sandbox): it checks
 * the content with the real channel's rules, honours the idempotency key like the real one, and keeps
 * what it received so people can open it. It serves only accounts the demo seed marked `sandbox`; the
 * registry never gives it a real account, and it refuses one if asked.
 */
export class SandboxChannel<T extends ChannelType> implements ChannelAdapter<T> {
  readonly type: T;
  readonly visibilityWindowMs = 0;

  constructor(private readonly options: SandboxChannelOptions<T>) {
    this.type = options.real.type;
  }

  validate(content: unknown): ValidationProblem[] {
    return this.options.real.validate(content);
  }

  private problemsFor(account: ChannelAccountContext, content: unknown): ValidationProblem[] {
    if (this.type !== 'loudspeaker') return this.options.real.validate(content);
    // A sandbox station has no endpoint to read; its groups and slot length are the only settings that matter.
    const { stationGroups, slotSeconds } = account.settings;
    return validateLoudspeakerBulletin(content, {
      defaultStationGroups: Array.isArray(stationGroups) ? stationGroups.map(String) : undefined,
      slotSeconds: typeof slotSeconds === 'number' ? slotSeconds : undefined,
    });
  }

  private requireSandbox(account: ChannelAccountContext) {
    if (!account.sandbox)
      throw new ChannelError(
        'permanent',
        'sandbox.real_account',
        `${SANDBOX_LABEL} chỉ dùng cho tài khoản thử nghiệm, không dùng cho tài khoản thật.`,
      );
  }

  async publish(
    account: ChannelAccountContext,
    content: ChannelContentByType[T],
    options: PublishOptions,
  ): Promise<PublishResult> {
    this.requireSandbox(account);
    const problems = this.problemsFor(account, content);
    if (problems.length > 0)
      throw new ChannelError('permanent', 'sandbox.invalid_content', problems.map((p) => p.message).join(' '), {
        details: { problems },
      });
    const shaped = await this.shape(account, content);
    const { post, duplicate } = await this.options.posts.insert({
      channelAccountId: account.id,
      channelType: this.type,
      idempotencyKey: options.idempotencyKey,
      content: content as unknown as Record<string, unknown>,
      ...shaped,
    });
    return { ...this.result(post), response: { sandbox: true, duplicate } };
  }

  async lookup(account: ChannelAccountContext, idempotencyKey: string): Promise<PublishResult | null> {
    this.requireSandbox(account);
    const post = await this.options.posts.findByKey(account.id, idempotencyKey);
    return post ? this.result(post) : null;
  }

  async remove(account: ChannelAccountContext, externalId: string): Promise<void> {
    this.requireSandbox(account);
    await this.options.posts.remove(account.id, externalId);
  }

  async checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck> {
    if (!account.sandbox) return { ok: false, message: `${SANDBOX_LABEL} không phục vụ tài khoản thật.` };
    return {
      ok: true,
      message: `Đã kết nối với ${SANDBOX_LABEL.toLowerCase()} của Nhịp: bài đăng không đến công chúng.`,
      details: { sandbox: true, url: sandboxAccountUrl(this.options.publicUrl, account.id) },
    };
  }

  private result(post: SandboxPost): PublishResult {
    return { externalId: post.id, url: sandboxPostUrl(this.options.publicUrl, post.id) };
  }

  /** What the channel would show: the portal's sanitised article, the post's text, the bulletin's audio. */
  private async shape(
    account: ChannelAccountContext,
    content: ChannelContentByType[ChannelType],
  ): Promise<{ title: string | null; body: string; audio?: { bytes: Buffer; mimeType: string } }> {
    switch (this.type) {
      case 'portal': {
        const article = content as ChannelContentByType['portal'];
        return { title: article.title.normalize('NFC').trim(), body: sanitizePortalHtml(article.html) };
      }
      case 'facebook':
        return { title: null, body: (content as ChannelContentByType['facebook']).message.normalize('NFC') };
      case 'zalo': {
        const article = content as ChannelContentByType['zalo'];
        const text = article.body.filter((b) => b.type === 'text').map((b) => b.content);
        return { title: article.title.normalize('NFC').trim(), body: [article.description, ...text].join('\n\n') };
      }
      case 'loudspeaker': {
        const bulletin = content as ChannelContentByType['loudspeaker'];
        if (!this.options.tts) throw new Error('The sandbox station needs a text-to-speech');
        try {
          const audio = await this.options.tts.synthesize(normaliseForSpeech(bulletin.script), {
            voice: typeof account.settings.voice === 'string' ? account.settings.voice : undefined,
          });
          return {
            title: bulletin.title.normalize('NFC').trim(),
            body: bulletin.script,
            audio: { bytes: audio.audio, mimeType: audio.mimeType },
          };
        } catch (error) {
          if (!(error instanceof TextToSpeechError)) throw error;
          throw new ChannelError(error.kind, `tts.${error.code}`, error.message, { retryAfterMs: error.retryAfterMs });
        }
      }
      default:
        throw new Error(`No sandbox shape for channel type "${this.type}"`);
    }
  }
}
