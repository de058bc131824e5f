import axios, { AxiosError } from 'axios';
import type {
  ChannelAccountContext,
  ChannelAdapter,
  ConnectionCheck,
  PublishOptions,
  PublishResult,
  ValidationProblem,
} from '@nhip/channels';
import { ChannelError } from '@nhip/channels';
import type { ChannelType } from '@nhip/database';

/**
 * The configurable local test channel the engine is tested against: it speaks plain JSON to a
 * FakeChannelServer at `settings.endpoint` and maps answers to typed errors the way real adapters do.
 */
export class TestChannelAdapter implements ChannelAdapter {
  // The fake channel server lists a post as soon as it has made it.
  readonly visibilityWindowMs = 0;

  constructor(
    readonly type: ChannelType = 'portal',
    private readonly timeoutMs = 2000,
  ) {}

  validate(content: unknown): ValidationProblem[] {
    return content && typeof content === 'object'
      ? []
      : [{ field: '', code: 'TEST_CONTENT_INVALID', message: 'Nội dung không hợp lệ.' }];
  }

  async publish(account: ChannelAccountContext, content: unknown, options: PublishOptions): Promise<PublishResult> {
    try {
      const res = await axios.post(
        `${account.settings.endpoint}/posts`,
        { key: options.idempotencyKey, content },
        { timeout: this.timeoutMs, headers: this.auth(account) },
      );
      return { externalId: res.data.id, url: res.data.url, response: { status: res.status } };
    } catch (error) {
      throw this.map(error, true);
    }
  }

  async lookup(account: ChannelAccountContext, idempotencyKey: string): Promise<PublishResult | null> {
    try {
      const res = await axios.get(`${account.settings.endpoint}/posts`, {
        params: { key: idempotencyKey },
        timeout: this.timeoutMs,
        headers: this.auth(account),
      });
      const [post] = res.data.posts as Array<{ id: string }>;
      return post ? { externalId: post.id, url: `${account.settings.endpoint}/p/${post.id}` } : null;
    } catch (error) {
      throw this.map(error, false);
    }
  }

  async remove(): Promise<void> {}

  async checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck> {
    try {
      const res = await axios.get(`${account.settings.endpoint}/me`, {
        timeout: this.timeoutMs,
        headers: this.auth(account),
      });
      return { ok: true, message: `Đã kết nối: ${res.data.name}` };
    } catch (error) {
      return { ok: false, message: this.map(error, false).message };
    }
  }

  private auth(account: ChannelAccountContext) {
    const token = account.credentials?.token;
    return typeof token === 'string' ? { Authorization: `Bearer ${token}` } : {};
  }

  private map(error: unknown, sent: boolean): ChannelError {
    const e = error as AxiosError<{ error?: string; message?: string }>;
    const status = e.response?.status;
    const reason = e.response?.data?.message ?? e.message;
    if (status === 429)
      return new ChannelError('rate_limited', 'test.429', `Kênh yêu cầu chờ: ${reason}`, {
        retryAfterMs: Number(e.response?.headers['retry-after'] ?? 1) * 1000,
      });
    if (status === 401) return new ChannelError('auth_expired', 'test.401', `Kênh từ chối đăng nhập: ${reason}`);
    if (status && status >= 400 && status < 500)
      return new ChannelError('permanent', `test.${status}`, `Kênh từ chối nội dung: ${reason}`);
    if (status && status >= 500)
      return new ChannelError('retryable', `test.${status}`, `Kênh gặp lỗi tạm thời: ${reason}`);
    // No answer: before sending (refused) nothing happened; after sending, anything may have.
    if (e.code === 'ECONNREFUSED') return new ChannelError('retryable', 'test.refused', 'Không kết nối được tới kênh.');
    return sent
      ? new ChannelError(
          'unknown',
          'test.no_answer',
          `Kênh không trả lời sau khi nhận yêu cầu (${e.code ?? e.message}).`,
        )
      : new ChannelError('retryable', 'test.no_answer', 'Kênh không trả lời.');
  }
}
