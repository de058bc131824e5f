import { useEffect, useState } from 'react';
import { api, messageOf, postForBlob } from '../../api/client';
import type { ChannelAccount, ChannelRules, MediaItem, Preview, Problem, Publication, Variant } from '../../api/types';
import { PublicationRow } from '../../components/PublicationList';
import { Button, ErrorBox, Field, StateBadge } from '../../components/ui';
import { charCount, useDebounced, useResource } from '../../lib/hooks';
import { CHANNEL_LABELS, fieldLabel, LEVEL_LABELS } from '../../lib/labels';
import { Link } from '../../lib/router';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../session';
import { ChannelPreview } from './ChannelPreview';
import { draftAt, REAPPROVAL_STATES, scheduleOf, SUBMITTABLE_STATES, type VariantDraft } from './draft';
import { RecurrenceEditor } from './RecurrenceEditor';

const list = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
const paragraphsOf = (body: Array<{ type: string; content?: string }>) =>
  body
    .filter((b) => b.type === 'text')
    .map((b) => b.content ?? '')
    .join('\n\n');

export interface VariantActions {
  save: () => Promise<void>;
  submit: () => Promise<void>;
  schedule: () => Promise<void>;
  cancel: () => Promise<void>;
  busy: string | null;
  error: string | null;
}

export function VariantEditor({
  variant,
  draft,
  setDraft,
  account,
  rules,
  media,
  canEdit,
  canSettle,
  actions,
  returnComment,
}: {
  variant: Variant;
  draft: VariantDraft;
  setDraft: (update: (d: VariantDraft) => VariantDraft) => void;
  account: ChannelAccount | undefined;
  rules: ChannelRules | undefined;
  media: MediaItem[];
  canEdit: boolean;
  canSettle: boolean;
  actions: VariantActions;
  returnComment: string | null;
}) {
  const c = draft.content;
  const setContent = (changes: Record<string, unknown>) =>
    setDraft((d) => ({ ...d, content: { ...d.content, ...changes }, dirty: true }));
  const setSchedule = (changes: Partial<VariantDraft>) => setDraft((d) => ({ ...d, ...changes, dirty: true }));
  const images = media.filter((m) => m.kind === 'image');
  const id = (name: string) => `v-${variant.id.slice(0, 8)}-${name}`;
  const slots = account?.postingSlots ?? [];
  // The account's station groups, as its administrator named them: picked, not typed.
  const stationGroups = Array.isArray(account?.settings.stationGroups)
    ? (account.settings.stationGroups as unknown[]).map(String)
    : [];
  const canManageAccounts = useSession().can('admin', account?.agencyId);

  // The live preview and the channel's rules, checked by the API on what is typed (not saved).
  const settled = useDebounced(draft.content, 350);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    api.post<Preview>(`/variants/${variant.id}/preview`, { content: settled }).then(
      (p) => {
        if (stale) return;
        setPreview(p);
        setPreviewError(null);
      },
      (e) => !stale && setPreviewError(messageOf(e)),
    );
    return () => {
      stale = true;
    };
  }, [settled, variant.id]);

  const problems: Problem[] = preview?.problems ?? variant.problems;
  const problemOf = (field: string) =>
    problems
      .filter((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`))
      .map((p) => p.message)
      .join(' ') || null;
  const scheduleCheck = scheduleOf(draft);
  const at = draftAt(draft);
  const editable = canEdit && !['publishing', 'published', 'cancelled'].includes(variant.state);
  const pubs = useResource(
    () =>
      ['scheduled', 'publishing', 'published', 'failed', 'unknown', 'cancelled'].includes(variant.state)
        ? api.get<Publication[]>(`/variants/${variant.id}/publications`)
        : Promise.resolve([]),
    [variant.id, variant.state, variant.revision],
  );

  const imageToggle = (selected: Array<{ url: string }>, image: MediaItem) =>
    selected.some((p) => p.url === image.url)
      ? selected.filter((p) => p.url !== image.url)
      : [
          ...selected,
          {
            url: image.url,
            ...(image.alt ? { alt: image.alt } : {}),
            ...(image.caption ? { caption: image.caption } : {}),
          },
        ];

  return (
    <div className="variant-editor" role="tabpanel" id={`panel-${variant.id}`} aria-labelledby={`tab-${variant.id}`}>
      <div className="variant-status">
        <StateBadge state={variant.state} />
        <span className="muted small">
          {account?.name} · phiên bản {variant.revision}
          {variant.schedule.at && <> · lịch: {formatDateTime(variant.schedule.at)}</>}
          {variant.schedule.nextFreeSlot && !variant.schedule.at && <> · khung giờ trống kế tiếp</>}
        </span>
        {draft.dirty && <span className="badge badge-dirty">Chưa lưu</span>}
      </div>
      {variant.state === 'changes_requested' && returnComment && (
        <div className="notice notice-warn" role="note">
          <strong>Biên tập viên yêu cầu chỉnh sửa:</strong> {returnComment}
        </div>
      )}
      {REAPPROVAL_STATES.has(variant.state) && editable && (
        <p className="notice">
          Nội dung này đã được duyệt. Lưu thay đổi sẽ đưa nó quay lại hàng chờ duyệt (lượt đăng đang chờ sẽ bị hủy).
        </p>
      )}
      {account?.status && account.status !== 'active' && (
        <p className="notice notice-warn">
          Tài khoản kênh đang ở trạng thái “{account.status === 'paused' ? 'tạm dừng' : 'cần kết nối lại'}”
          {account.statusReason ? `: ${account.statusReason}` : ''}.
        </p>
      )}

      <div className="editor-grid">
        <fieldset className="editor-fields" disabled={!editable}>
          <legend className="sr-only">Nội dung cho {account ? CHANNEL_LABELS[account.type] : 'kênh'}</legend>
          {variant.channelType === 'portal' && (
            <>
              <Field
                id={id('title')}
                label="Tiêu đề"
                counter={{ value: charCount(c.title), max: rules?.portal.titleMaxLength ?? 200 }}
                error={problemOf('title')}
              >
                {(p) => <input {...p} value={c.title ?? ''} onChange={(e) => setContent({ title: e.target.value })} />}
              </Field>
              <Field
                id={id('excerpt')}
                label="Tóm tắt (sapo)"
                counter={{ value: charCount(c.excerpt), max: rules?.portal.excerptMaxLength ?? 500 }}
                error={problemOf('excerpt')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    value={c.excerpt ?? ''}
                    onChange={(e) => setContent({ excerpt: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id={id('html')}
                label="Nội dung bài (HTML)"
                hint="Các thẻ được giữ: đoạn văn, tiêu đề, in đậm, nghiêng, liên kết, danh sách, ảnh."
                error={problemOf('html')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={8}
                    className="mono"
                    value={c.html ?? ''}
                    onChange={(e) => setContent({ html: e.target.value })}
                  />
                )}
              </Field>
              <div className="two">
                <Field
                  id={id('categories')}
                  label="Chuyên mục"
                  hint="Cách nhau bằng dấu phẩy"
                  error={problemOf('categories')}
                >
                  {(p) => (
                    <input
                      {...p}
                      value={(c.categories ?? []).join(', ')}
                      onChange={(e) => setContent({ categories: list(e.target.value) })}
                    />
                  )}
                </Field>
                <Field id={id('tags')} label="Thẻ" hint="Cách nhau bằng dấu phẩy" error={problemOf('tags')}>
                  {(p) => (
                    <input
                      {...p}
                      value={(c.tags ?? []).join(', ')}
                      onChange={(e) => setContent({ tags: list(e.target.value) })}
                    />
                  )}
                </Field>
              </div>
              <Field id={id('featured')} label="Ảnh đại diện" error={problemOf('featuredImage')}>
                {(p) => (
                  <select
                    {...p}
                    value={c.featuredImage?.url ?? ''}
                    onChange={(e) => {
                      const image = images.find((i) => i.url === e.target.value);
                      setContent({
                        featuredImage: image ? { url: image.url, ...(image.alt ? { alt: image.alt } : {}) } : undefined,
                      });
                    }}
                  >
                    <option value="">Không có ảnh đại diện</option>
                    {images.map((i) => (
                      <option key={i.url} value={i.url}>
                        {i.caption || i.alt || i.url}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}

          {variant.channelType === 'facebook' && (
            <>
              <Field
                id={id('message')}
                label="Nội dung bài đăng"
                counter={{ value: charCount(c.message), max: rules?.facebook.messageMaxLength ?? 63000 }}
                error={problemOf('message')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={9}
                    value={c.message ?? ''}
                    onChange={(e) => setContent({ message: e.target.value })}
                  />
                )}
              </Field>
              <Field id={id('link')} label="Liên kết (không dùng cùng ảnh)" error={problemOf('link')}>
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    inputMode="url"
                    placeholder="https://"
                    value={c.link ?? ''}
                    onChange={(e) => setContent({ link: e.target.value || undefined })}
                  />
                )}
              </Field>
              <fieldset className="image-picks">
                <legend>
                  Ảnh đăng kèm{' '}
                  <span
                    className={`counter${(c.photos?.length ?? 0) > (rules?.facebook.maxPhotos ?? 10) ? ' counter-over' : ''}`}
                    data-testid={`count-${id('photos')}`}
                  >
                    {c.photos?.length ?? 0}/{rules?.facebook.maxPhotos ?? 10} ảnh
                  </span>
                </legend>
                {images.length === 0 && <p className="hint">Tin bài chưa có ảnh. Thêm ảnh ở phần tin bài.</p>}
                {images.map((image) => (
                  <label key={image.url} className="check">
                    <input
                      type="checkbox"
                      checked={(c.photos ?? []).some((p: { url: string }) => p.url === image.url)}
                      onChange={() => setContent({ photos: imageToggle(c.photos ?? [], image) })}
                    />{' '}
                    {image.caption || image.alt || image.url}
                  </label>
                ))}
                {problemOf('photos') && <p className="field-error">{problemOf('photos')}</p>}
              </fieldset>
            </>
          )}

          {variant.channelType === 'zalo' && (
            <>
              <Field
                id={id('title')}
                label="Tiêu đề"
                counter={{ value: charCount(c.title), max: rules?.zalo.titleMaxLength ?? 150 }}
                error={problemOf('title')}
              >
                {(p) => <input {...p} value={c.title ?? ''} onChange={(e) => setContent({ title: e.target.value })} />}
              </Field>
              <Field
                id={id('author')}
                label="Tác giả"
                counter={{ value: charCount(c.author), max: rules?.zalo.authorMaxLength ?? 50 }}
                error={problemOf('author')}
              >
                {(p) => (
                  <input {...p} value={c.author ?? ''} onChange={(e) => setContent({ author: e.target.value })} />
                )}
              </Field>
              <Field
                id={id('description')}
                label="Mô tả"
                counter={
                  // The api's limit is Zalo's 300 less the marker; until it has answered, no number is shown.
                  rules ? { value: charCount(c.description), max: rules.zalo.descriptionMaxLength } : undefined
                }
                hint="Zalo giới hạn 300 ký tự; Nhịp giữ vài ký tự cho mã chống đăng trùng."
                error={problemOf('description')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    value={c.description ?? ''}
                    onChange={(e) => setContent({ description: e.target.value })}
                  />
                )}
              </Field>
              <Field id={id('cover')} label="Ảnh bìa" error={problemOf('cover')}>
                {(p) => (
                  <select
                    {...p}
                    value={c.cover?.url ?? ''}
                    onChange={(e) => setContent({ cover: { url: e.target.value } })}
                  >
                    <option value="">Chưa chọn ảnh bìa</option>
                    {images.map((i) => (
                      <option key={i.url} value={i.url}>
                        {i.caption || i.alt || i.url}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={id('body')}
                label="Nội dung bài viết"
                hint="Mỗi đoạn cách nhau một dòng trống."
                error={problemOf('body')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={7}
                    value={paragraphsOf(c.body ?? [])}
                    onChange={(e) => {
                      const text = e.target.value
                        .split(/\n\s*\n/)
                        .map((t) => t.trim())
                        .filter(Boolean)
                        .map((content) => ({ type: 'text', content }));
                      const pics = (c.body ?? []).filter((b: { type: string }) => b.type === 'image');
                      setContent({ body: [...text, ...pics] });
                    }}
                  />
                )}
              </Field>
              {images.length > 0 && (
                <fieldset className="image-picks">
                  <legend>Ảnh trong bài</legend>
                  {images.map((image) => {
                    const on = (c.body ?? []).some(
                      (b: { type: string; url?: string }) => b.type === 'image' && b.url === image.url,
                    );
                    return (
                      <label key={image.url} className="check">
                        <input
                          type="checkbox"
                          checked={on}
                          onChange={() =>
                            setContent({
                              body: on
                                ? (c.body ?? []).filter((b: { url?: string }) => b.url !== image.url)
                                : [
                                    ...(c.body ?? []),
                                    {
                                      type: 'image',
                                      url: image.url,
                                      ...(image.caption ? { caption: image.caption } : {}),
                                    },
                                  ],
                            })
                          }
                        />{' '}
                        {image.caption || image.alt || image.url}
                      </label>
                    );
                  })}
                </fieldset>
              )}
              <label className="check">
                <input
                  type="checkbox"
                  checked={c.comment !== false}
                  onChange={(e) => setContent({ comment: e.target.checked })}
                />{' '}
                Cho phép bình luận
              </label>
            </>
          )}

          {variant.channelType === 'loudspeaker' && (
            <>
              <Field
                id={id('title')}
                label="Tiêu đề bản tin"
                counter={{ value: charCount(c.title), max: rules?.loudspeaker.titleMaxLength ?? 200 }}
                error={problemOf('title')}
              >
                {(p) => <input {...p} value={c.title ?? ''} onChange={(e) => setContent({ title: e.target.value })} />}
              </Field>
              <Field
                id={id('script')}
                label="Kịch bản đọc"
                hint={
                  preview?.readingTime
                    ? `Đọc khoảng ${preview.readingTime}${preview.slot ? ` trong khung ${Math.round(preview.slot.seconds / 60)} phút` : ''}. Số, ngày tháng và chữ viết tắt nên viết thành chữ.`
                    : 'Số, ngày tháng và chữ viết tắt nên viết thành chữ để đọc cho dễ nghe.'
                }
                error={problemOf('script')}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={9}
                    value={c.script ?? ''}
                    onChange={(e) => setContent({ script: e.target.value })}
                  />
                )}
              </Field>
              <AudioPreview variantId={variant.id} content={c} />
              {account && (
                <Recording
                  agencyId={account.agencyId}
                  audio={typeof c.audio === 'string' ? c.audio : undefined}
                  onChange={(audio) => setContent({ audio })}
                />
              )}
              <fieldset className="radios">
                <legend>Mức độ</legend>
                {(['normal', 'priority', 'emergency'] as const).map((level) => (
                  <label key={level} className="check">
                    <input
                      type="radio"
                      name={id('level')}
                      checked={(c.level ?? 'normal') === level}
                      onChange={() => setContent({ level })}
                    />{' '}
                    {LEVEL_LABELS[level]}
                  </label>
                ))}
              </fieldset>
              {stationGroups.length > 0 ? (
                <fieldset className="radios" aria-describedby={id('stations-error')}>
                  <legend>Cụm loa phát</legend>
                  {stationGroups.map((group) => (
                    <label key={group} className="check">
                      <input
                        type="checkbox"
                        checked={(c.stations ?? []).includes(group)}
                        onChange={(e) =>
                          setContent({
                            stations: e.target.checked
                              ? [...(c.stations ?? []), group]
                              : (c.stations ?? []).filter((g: string) => g !== group),
                          })
                        }
                      />{' '}
                      {group}
                    </label>
                  ))}
                  {problemOf('stations') && (
                    <p id={id('stations-error')} className="field-error">
                      {problemOf('stations')}
                    </p>
                  )}
                </fieldset>
              ) : (
                <Field
                  id={id('stations')}
                  label="Cụm loa phát"
                  hint="Mã cụm loa, cách nhau bằng dấu phẩy (ví dụ: cum-loa-to-dan-pho-1)."
                  error={problemOf('stations')}
                >
                  {(p) => (
                    <input
                      {...p}
                      value={(c.stations ?? []).join(', ')}
                      onChange={(e) => setContent({ stations: list(e.target.value) })}
                    />
                  )}
                </Field>
              )}
            </>
          )}

          <fieldset className="schedule">
            <legend>Thời điểm đăng (giờ Việt Nam)</legend>
            <div className="row">
              <label className="inline">
                Ngày
                <input
                  id={id('date')}
                  type="text"
                  inputMode="numeric"
                  className="input-date"
                  placeholder="dd/mm/yyyy"
                  value={draft.date}
                  disabled={draft.nextFreeSlot}
                  onChange={(e) => setSchedule({ date: e.target.value })}
                  aria-describedby={id('schedule-error')}
                />
              </label>
              <label className="inline">
                Giờ
                <input
                  id={id('time')}
                  type="text"
                  inputMode="numeric"
                  className="input-time"
                  placeholder="HH:mm"
                  value={draft.time}
                  disabled={draft.nextFreeSlot}
                  onChange={(e) => setSchedule({ time: e.target.value })}
                  aria-describedby={id('schedule-error')}
                />
              </label>
            </div>
            {slots.length > 0 || draft.nextFreeSlot ? (
              <label className="check">
                <input
                  type="checkbox"
                  checked={draft.nextFreeSlot}
                  onChange={(e) => setSchedule({ nextFreeSlot: e.target.checked })}
                />{' '}
                Dùng khung giờ trống kế tiếp của kênh khi được duyệt
                {slots.length > 0 ? (
                  <span className="muted"> ({slots.join(', ')})</span>
                ) : (
                  <span className="field-error"> — tài khoản này chưa có khung giờ đăng nào; hãy chọn ngày giờ.</span>
                )}
              </label>
            ) : (
              <p className="muted small" data-testid="no-slots">
                Tài khoản này chưa có khung giờ đăng cố định, nên cần chọn ngày giờ.{' '}
                {canManageAccounts && <Link to="/admin/channels">Khai báo khung giờ đăng</Link>}
              </p>
            )}
            <RecurrenceEditor
              value={draft.recurrence}
              onChange={(recurrence) => setSchedule({ recurrence })}
              startAt={at}
              disabled={draft.nextFreeSlot}
            />
            <p id={id('schedule-error')} className="field-error" aria-live="polite">
              {scheduleCheck.error ?? ''}
            </p>
          </fieldset>
        </fieldset>

        <div className="editor-preview">
          <h3 className="preview-title">Xem trước trên {account ? CHANNEL_LABELS[account.type] : 'kênh'}</h3>
          <ChannelPreview preview={preview} content={draft.content} account={account} at={at ?? variant.schedule.at} />
          <ErrorBox message={previewError} />
          <div className="problems" aria-live="polite" data-testid="problems">
            {problems.length === 0 ? (
              <p className="ok-line">✓ Đạt các quy định của kênh.</p>
            ) : (
              <>
                <p className="problems-title">Cần sửa trước khi gửi duyệt:</p>
                <ul>
                  {problems.map((p, i) => (
                    <li key={i}>
                      {p.field && <span className="muted">{fieldLabel(p.field.replace(/^/, 'content.'))}: </span>}
                      {p.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>
      </div>

      <ErrorBox message={actions.error} />
      {variant.warnings && variant.warnings.length > 0 && (
        <div className="notice notice-warn" role="status">
          {variant.warnings.map((w) => (
            <p key={w.code}>{w.message}</p>
          ))}
        </div>
      )}
      {editable && (
        <div className="variant-actions">
          <Button
            onClick={() => void actions.save()}
            busy={actions.busy === 'save'}
            busyLabel="Đang lưu…"
            disabled={!draft.dirty || actions.busy !== null}
          >
            {REAPPROVAL_STATES.has(variant.state) ? 'Lưu và gửi duyệt lại' : 'Lưu'}
          </Button>
          {SUBMITTABLE_STATES.has(variant.state) && (
            <Button
              variant="primary"
              onClick={() => void actions.submit()}
              busy={actions.busy === 'submit'}
              busyLabel="Đang gửi duyệt…"
              disabled={actions.busy !== null}
            >
              Gửi duyệt
            </Button>
          )}
          {variant.state === 'approved' && (
            <Button
              variant="primary"
              onClick={() => void actions.schedule()}
              busy={actions.busy === 'schedule'}
              busyLabel="Đang lên lịch…"
              disabled={actions.busy !== null}
            >
              Lên lịch đăng
            </Button>
          )}
          {['approved', 'scheduled', 'submitted', 'changes_requested', 'draft'].includes(variant.state) && (
            <Button
              variant="danger"
              onClick={() => void actions.cancel()}
              busy={actions.busy === 'cancel'}
              busyLabel="Đang hủy…"
              disabled={actions.busy !== null}
            >
              Hủy đăng kênh này
            </Button>
          )}
        </div>
      )}

      {(pubs.data?.length ?? 0) > 0 && (
        <section className="variant-pubs" aria-label="Lượt đăng">
          <h3>Lượt đăng</h3>
          <ul className="pub-list">
            {pubs.data!.map((p) => (
              <PublicationRow
                key={p.id}
                publication={p}
                showStory={false}
                canAct={canEdit}
                canSettle={canSettle}
                onChanged={pubs.reload}
              />
            ))}
          </ul>
        </section>
      )}
      {pubs.error && variant.state !== 'draft' && <p className="muted small">Chưa xem được lượt đăng: {pubs.error}</p>}
    </div>
  );
}

/**
 * "Nghe thử": the bulletin read by the same voice, rate and normalisation the station will air, from the
 * text as it stands in the editor (saved or not).
 */
function AudioPreview({ variantId, content }: { variantId: string; content: Record<string, unknown> }) {
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  const listen = async () => {
    setBusy(true);
    setError(null);
    try {
      const audio = await postForBlob(`/variants/${variantId}/audio-preview`, { content });
      setUrl(URL.createObjectURL(audio));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="audio-preview">
      <Button small busy={busy} busyLabel="Đang đọc thử…" onClick={() => void listen()}>
        Nghe thử
      </Button>
      {url && <audio controls autoPlay src={url} aria-label="Bản nghe thử" data-testid="audio-preview" />}
      <ErrorBox message={error} />
    </div>
  );
}

/**
 * A bulletin recorded by a person (a language no voice reads, or a voice of their own): WAV, MP3, or a
 * phone's M4A or OGG, which the server converts to MP3; the script stays as its transcript.
 */
function Recording({
  agencyId,
  audio,
  onChange,
}: {
  agencyId: string;
  audio: string | undefined;
  onChange: (audio: string | undefined) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const uploaded = await api.upload<{ url: string; durationSeconds: number }>(
        `/agencies/${agencyId}/recordings`,
        form,
      );
      setMeasured(uploaded.durationSeconds);
      onChange(uploaded.url);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="recording">
      <label className="stacked">
        Bản thu âm (thay giọng đọc máy; WAV, MP3, M4A hoặc OGG, tối đa 20 MB)
        <input
          type="file"
          accept="audio/wav,audio/mpeg,audio/mp4,audio/x-m4a,audio/ogg,.wav,.mp3,.m4a,.ogg"
          disabled={busy}
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </label>
      {busy && <span className="muted small">Đang tải lên và đo thời lượng…</span>}
      {audio && (
        <p className="small">
          <audio controls src={audio} aria-label="Bản thu âm" />
          {measured !== null && <span className="muted"> Dài {Math.round(measured)} giây.</span>}{' '}
          <Button small variant="ghost" onClick={() => onChange(undefined)}>
            Bỏ bản thu âm
          </Button>
        </p>
      )}
      <ErrorBox message={error} />
    </div>
  );
}
