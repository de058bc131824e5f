import { useState } from 'react';
import type { ChannelAccount, Preview, VariantContent } from '../../api/types';
import { LEVEL_LABELS } from '../../lib/labels';
import { formatDateTime, formatDuration } from '../../lib/time';

/** An image that may not load (an address outside the office network): a labelled placeholder instead. */
export function Picture({ url, alt, className }: { url: string; alt?: string; className?: string }) {
  const [failed, setFailed] = useState(false);
  if (!url) return null;
  if (failed) {
    return (
      <div className={`img-fallback ${className ?? ''}`} role="img" aria-label={alt || 'Ảnh'}>
        Ảnh: {alt || url.split('/').pop()}
      </div>
    );
  }
  return <img className={className} src={url} alt={alt ?? ''} loading="lazy" onError={() => setFailed(true)} />;
}

function hostOf(url: unknown): string {
  try {
    return new URL(String(url)).host;
  } catch {
    return 'cổng thông tin';
  }
}

export function ChannelPreview({
  preview,
  content,
  account,
  at,
}: {
  preview: Preview | null;
  content: VariantContent;
  account: ChannelAccount | undefined;
  at: string | null;
}) {
  const type = account?.type ?? preview?.channel;
  const when = at ? formatDateTime(at) : 'Chưa đặt giờ';
  const name = account?.name ?? '';
  if (type === 'portal') {
    const image = content.featuredImage?.url as string | undefined;
    return (
      <article className="pv pv-portal" aria-label="Xem trước trên cổng thông tin">
        <div className="pv-portal-bar">{hostOf(account?.settings.siteUrl)}</div>
        <div className="pv-portal-body">
          <h3 className="pv-portal-title">{content.title || 'Tiêu đề bài viết'}</h3>
          <p className="pv-meta">{when}</p>
          {image && <Picture url={image} alt={content.featuredImage?.alt} className="pv-hero" />}
          {content.excerpt && <p className="pv-excerpt">{content.excerpt}</p>}
          {/* The API sanitises the portal HTML exactly as WordPress will receive it. */}
          <div className="pv-html" dangerouslySetInnerHTML={{ __html: preview?.html ?? '' }} />
          {(content.categories?.length > 0 || content.tags?.length > 0) && (
            <p className="pv-meta">
              {content.categories?.length > 0 && <>Chuyên mục: {content.categories.join(', ')}. </>}
              {content.tags?.length > 0 && <>Thẻ: {content.tags.join(', ')}</>}
            </p>
          )}
        </div>
      </article>
    );
  }
  if (type === 'facebook') {
    const photos = (content.photos ?? []) as Array<{ url: string; alt?: string }>;
    return (
      <article className="pv pv-facebook" aria-label="Xem trước trên Facebook">
        <header className="pv-fb-head">
          <span className="pv-avatar" aria-hidden="true">
            {name.slice(0, 1)}
          </span>
          <div>
            <strong>{name}</strong>
            <p className="pv-meta">{when} · Công khai</p>
          </div>
        </header>
        <p className="pv-text">{content.message || 'Nội dung bài đăng'}</p>
        {photos.length > 0 && (
          <div className={`pv-photos n${Math.min(photos.length, 4)}`}>
            {photos.slice(0, 4).map((p, i) => (
              <div key={p.url + i} className="pv-photo">
                <Picture url={p.url} alt={p.alt} />
                {i === 3 && photos.length > 4 && <span className="pv-more">+{photos.length - 4}</span>}
              </div>
            ))}
          </div>
        )}
        {content.link && photos.length === 0 && (
          <div className="pv-link">
            <span className="pv-meta">{hostOf(content.link)}</span>
            <span>{content.link}</span>
          </div>
        )}
        <footer className="pv-fb-actions" aria-hidden="true">
          <span>Thích</span>
          <span>Bình luận</span>
          <span>Chia sẻ</span>
        </footer>
      </article>
    );
  }
  if (type === 'zalo') {
    const body = (content.body ?? []) as Array<{ type: string; content?: string; url?: string; caption?: string }>;
    return (
      <article className="pv pv-zalo" aria-label="Xem trước trên Zalo OA">
        {content.cover?.url ? (
          <Picture url={content.cover.url} alt="Ảnh bìa" className="pv-cover" />
        ) : (
          <div className="pv-cover pv-cover-empty">Chưa có ảnh bìa</div>
        )}
        <div className="pv-zalo-body">
          <h3>{content.title || 'Tiêu đề bài viết'}</h3>
          <p className="pv-meta">
            {content.author || name} · {when}
          </p>
          <p className="pv-desc">{content.description}</p>
          {body.map((block, i) =>
            block.type === 'image' ? (
              <Picture key={i} url={block.url ?? ''} alt={block.caption} className="pv-inline-img" />
            ) : (
              <p key={i}>{block.content}</p>
            ),
          )}
        </div>
      </article>
    );
  }
  if (type === 'loudspeaker') {
    const seconds = Number(preview?.readingSeconds ?? 0);
    const slot = preview?.slot as { seconds: number; fit?: { fits?: boolean } } | null | undefined;
    const ratio = slot ? Math.min(1, seconds / slot.seconds) : 0;
    const over = slot ? seconds > slot.seconds : false;
    return (
      <article className="pv pv-loudspeaker" aria-label="Xem trước bản tin truyền thanh">
        <header>
          <span className={`badge level-${content.level ?? 'normal'}`}>{LEVEL_LABELS[content.level ?? 'normal']}</span>
          <strong>{content.title || 'Tiêu đề bản tin'}</strong>
          <p className="pv-meta">
            {name} · {when}
          </p>
        </header>
        <div className="reading" data-testid="reading-time">
          <p>
            Thời lượng đọc: <strong>{preview ? formatDuration(seconds) : '…'}</strong>
            {slot && <> / khung phát {formatDuration(slot.seconds)}</>}
            {preview?.syllables !== undefined && (
              <span className="muted">
                {' '}
                · {preview.syllables} âm tiết, {preview.syllablesPerMinute} âm tiết/phút
              </span>
            )}
          </p>
          {slot && (
            <div
              className={`meter${over ? ' meter-over' : ''}`}
              role="meter"
              aria-valuemin={0}
              aria-valuemax={slot.seconds}
              aria-valuenow={Math.round(seconds)}
              aria-label="Thời lượng đọc so với khung phát"
            >
              <div style={{ width: `${ratio * 100}%` }} />
            </div>
          )}
          {over && <p className="field-error">Bản tin dài hơn khung phát; hãy rút gọn kịch bản.</p>}
        </div>
        <p className="pv-script">{content.script || 'Kịch bản đọc'}</p>
        {content.stations?.length > 0 && <p className="pv-meta">Cụm loa: {content.stations.join(', ')}</p>}
      </article>
    );
  }
  return null;
}
