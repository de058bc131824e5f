import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { Campaign, ChannelAccount, ChannelRules, Comment, MediaItem, StoryDetail, Variant } from '../api/types';
import { Button, ChannelBadge, ErrorBox, Field, Loading, StateBadge, Tabs, useToast } from '../components/ui';
import { useAction, useResource } from '../lib/hooks';
import { AUDIENCE_LABELS, CHANNEL_LABELS, FORMAT_LABELS, LANGUAGE_LABELS, STATE_LABELS } from '../lib/labels';
import { Link, navigate, setQuery, useLeaveGuard, useLocation } from '../lib/router';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';
import { PlanLinkFields } from './composer/PlanLinkFields';
import { RelayPanel } from './relay/RelayPanel';
import { Picture } from './composer/ChannelPreview';
import { draftOf, scheduleOf, SUBMITTABLE_STATES, type VariantDraft } from './composer/draft';
import { VariantEditor } from './composer/VariantEditor';

interface StoryForm {
  title: string;
  summary: string;
  body: string;
  format: string;
  audiences: string[];
  language: string;
  campaignId: string;
  planTaskId: string;
  peakId: string;
  media: MediaItem[];
}

const emptyForm: StoryForm = {
  title: '',
  summary: '',
  body: '',
  format: 'news',
  audiences: [],
  language: 'vi',
  campaignId: '',
  planTaskId: '',
  peakId: '',
  media: [],
};

function formOf(story: StoryDetail): StoryForm {
  return {
    title: story.title,
    summary: story.summary ?? '',
    body: story.body ?? '',
    format: story.format,
    audiences: story.audiences ?? [],
    language: story.language ?? 'vi',
    campaignId: story.campaignId ?? '',
    planTaskId: story.planTaskId ?? '',
    peakId: story.peakId ?? '',
    media: story.media ?? [],
  };
}

function lastReturnComment(thread: Comment[], variantId: string): string | null {
  const flat: Comment[] = [];
  const walk = (list: Comment[]) => list.forEach((c) => (flat.push(c), walk(c.replies ?? [])));
  walk(thread);
  const mine = flat.filter((c) => c.variantId === variantId);
  return mine.length ? mine[mine.length - 1].body : null;
}

export default function ComposerPage({ storyId }: { storyId?: string }) {
  const session = useSession();
  const toast = useToast();
  const { query } = useLocation();
  const defaultDay = query.get('date');
  const [story, setStory] = useState<StoryDetail | null>(null);
  const [form, setForm] = useState<StoryForm>(emptyForm);
  const [formDirty, setFormDirty] = useState(false);
  useLeaveGuard(formDirty, 'Tin bài có thay đổi chưa lưu. Rời trang và bỏ các thay đổi này?');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, VariantDraft>>({});
  const [busy, setBusy] = useState<Record<string, string | null>>({});
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [saving, setSaving] = useState(false);
  const [storyError, setStoryError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [generating, setGenerating] = useState(false);
  const [bulk, setBulk] = useState<{
    done: number;
    total: number;
    results: Array<{ id: string; ok: boolean; text: string }>;
  } | null>(null);

  const agencyId = story?.agencyId ?? session.agency?.id ?? '';
  const canEdit = session.can('officer', agencyId);
  const canSettle = session.can('editor', agencyId);
  const accounts = useResource(
    () => (agencyId ? api.get<ChannelAccount[]>(`/agencies/${agencyId}/channel-accounts`) : Promise.resolve([])),
    [agencyId],
  );
  const rules = useResource(() => api.get<ChannelRules>('/channel-rules'), []);
  const campaigns = useResource(
    () => (agencyId ? api.get<Campaign[]>(`/agencies/${agencyId}/campaigns`) : Promise.resolve([])),
    [agencyId],
  );
  const thread = useResource(
    () => (storyId ? api.get<Comment[]>(`/stories/${storyId}/comments`) : Promise.resolve([])),
    [storyId],
  );

  const variants = story?.variants ?? [];
  const activeId =
    (query.get('variant') && variants.some((v) => v.id === query.get('variant'))
      ? query.get('variant')
      : variants[0]?.id) ?? null;
  const active = variants.find((v) => v.id === activeId) ?? null;
  const accountById = useMemo(() => new Map((accounts.data ?? []).map((a) => [a.id, a])), [accounts.data]);

  const load = useCallback(async () => {
    if (!storyId) return;
    setLoadError(null);
    try {
      const s = await api.get<StoryDetail>(`/stories/${storyId}`);
      setStory(s);
      setForm(formOf(s));
      setFormDirty(false);
      setDrafts(Object.fromEntries(s.variants.map((v) => [v.id, draftOf(v)])));
      document.title = `${s.title} — Nhịp`;
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [storyId]);

  useEffect(() => {
    if (storyId) void load();
    else document.title = 'Viết tin mới — Nhịp';
  }, [storyId, load]);

  const replaceVariant = (updated: Variant, keepDraft = false) => {
    setStory((s) => (s ? { ...s, variants: s.variants.map((v) => (v.id === updated.id ? updated : v)) } : s));
    if (!keepDraft) setDrafts((d) => ({ ...d, [updated.id]: draftOf(updated) }));
  };

  const setField = <K extends keyof StoryForm>(key: K, value: StoryForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setFormDirty(true);
  };

  async function saveStory(event?: FormEvent) {
    event?.preventDefault();
    setSaving(true);
    setStoryError(null);
    const body = {
      title: form.title,
      summary: form.summary,
      body: form.body,
      format: form.format,
      audiences: form.audiences,
      language: form.language,
      // Cleared on an existing story, a link is sent as null: the api unlinks it.
      ...(form.campaignId ? { campaignId: form.campaignId } : story ? { campaignId: null } : {}),
      ...(form.planTaskId ? { planTaskId: form.planTaskId } : story ? { planTaskId: null } : {}),
      ...(form.peakId ? { peakId: form.peakId } : story ? { peakId: null } : {}),
      media: form.media.map((m) => ({
        kind: m.kind,
        url: m.url,
        ...(m.caption ? { caption: m.caption } : {}),
        ...(m.alt ? { alt: m.alt } : {}),
      })),
    };
    try {
      if (!story) {
        if (!agencyId) throw new Error('Chọn cơ quan trước khi viết tin.');
        const created = await api.post<{ id: string }>(`/agencies/${agencyId}/stories`, body);
        toast('ok', 'Đã lưu tin bài. Chọn kênh để tạo nội dung theo từng kênh.');
        navigate(`/stories/${created.id}${defaultDay ? `?date=${defaultDay}` : ''}`, { replace: true, force: true });
        return;
      }
      const updated = await api.patch<StoryDetail>(`/stories/${story.id}`, body);
      setStory((s) => (s ? { ...s, ...updated, variants: s.variants } : s));
      setFormDirty(false);
      toast('ok', 'Đã lưu tin bài.');
    } catch (e) {
      setStoryError(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  const usedAccounts = new Set(variants.filter((v) => v.state !== 'cancelled').map((v) => v.channelAccountId));
  const freeAccounts = (accounts.data ?? []).filter((a) => !usedAccounts.has(a.id));
  const selected = chosen ?? freeAccounts.map((a) => a.id);

  async function generate() {
    if (!story || selected.length === 0) return;
    setGenerating(true);
    try {
      const created = await api.post<Variant[]>(`/stories/${story.id}/variants/generate`, {
        channelAccountIds: selected,
      });
      setStory((s) => (s ? { ...s, variants: [...s.variants, ...created] } : s));
      setDrafts((d) => ({ ...d, ...Object.fromEntries(created.map((v) => [v.id, draftOf(v, defaultDay)])) }));
      setChosen(null);
      if (created[0]) setQuery({ variant: created[0].id });
      toast('ok', `Đã tạo ${created.length} nội dung theo kênh. Kiểm tra từng thẻ rồi gửi duyệt.`);
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setGenerating(false);
    }
  }

  /** Saves a variant's edits when it has any; returns the variant as the API now has it. */
  async function saveVariant(variant: Variant, draft: VariantDraft): Promise<Variant> {
    if (!draft.dirty) return variant;
    const { schedule, error } = scheduleOf(draft);
    if (error) throw new Error(error);
    const updated = await api.patch<Variant>(`/variants/${variant.id}`, {
      content: draft.content,
      schedule,
      revision: variant.revision,
    });
    replaceVariant(updated);
    return updated;
  }

  const runVariant = (variant: Variant, kind: string, action: () => Promise<void>) => async () => {
    setBusy((b) => ({ ...b, [variant.id]: kind }));
    setErrors((e) => ({ ...e, [variant.id]: null }));
    try {
      await action();
    } catch (err) {
      setErrors((e) => ({
        ...e,
        [variant.id]: err instanceof Error && !('status' in err) ? err.message : messageOf(err),
      }));
    } finally {
      setBusy((b) => ({ ...b, [variant.id]: null }));
    }
  };

  const actionsFor = (variant: Variant) => {
    const draft = drafts[variant.id];
    return {
      busy: busy[variant.id] ?? null,
      error: errors[variant.id] ?? null,
      save: runVariant(variant, 'save', async () => {
        const updated = await saveVariant(variant, draft);
        toast(
          'ok',
          updated.state === 'submitted' && variant.state !== 'submitted'
            ? 'Đã lưu; nội dung quay lại hàng chờ duyệt.'
            : 'Đã lưu.',
        );
      }),
      submit: runVariant(variant, 'submit', async () => {
        const saved = await saveVariant(variant, draft);
        const submitted = await api.post<Variant>(`/variants/${saved.id}/submit`);
        replaceVariant(submitted);
        toast('ok', `Đã gửi duyệt nội dung ${CHANNEL_LABELS[variant.channelType]}.`);
      }),
      schedule: runVariant(variant, 'schedule', async () => {
        const { schedule, error } = scheduleOf(draft);
        if (error) throw new Error(error);
        const scheduled = await api.post<Variant>(`/variants/${variant.id}/schedule`, schedule);
        replaceVariant(scheduled);
        toast('ok', 'Đã lên lịch đăng.');
      }),
      cancel: runVariant(variant, 'cancel', async () => {
        if (
          !window.confirm(`Hủy đăng nội dung ${CHANNEL_LABELS[variant.channelType]}? Các lượt đăng đang chờ sẽ bị hủy.`)
        )
          return;
        const cancelled = await api.post<Variant>(`/variants/${variant.id}/cancel`);
        replaceVariant(cancelled);
        toast('ok', 'Đã hủy đăng kênh này.');
      }),
    };
  };

  const submittable = variants.filter((v) => SUBMITTABLE_STATES.has(v.state));
  async function submitAll() {
    const total = submittable.length;
    setBulk({ done: 0, total, results: [] });
    for (const variant of submittable) {
      let result: { id: string; ok: boolean; text: string };
      try {
        const saved = await saveVariant(variant, drafts[variant.id]);
        const submitted = await api.post<Variant>(`/variants/${saved.id}/submit`);
        replaceVariant(submitted);
        result = { id: variant.id, ok: true, text: `${CHANNEL_LABELS[variant.channelType]}: đã gửi duyệt` };
      } catch (e) {
        result = {
          id: variant.id,
          ok: false,
          text: `${CHANNEL_LABELS[variant.channelType]}: ${e instanceof Error && !('status' in e) ? e.message : messageOf(e)}`,
        };
      }
      setBulk((b) => (b ? { ...b, done: b.done + 1, results: [...b.results, result] } : b));
    }
  }

  async function addComment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('comment') as HTMLTextAreaElement;
    if (!story || !input.value.trim()) return;
    try {
      await api.post(`/stories/${story.id}/comments`, {
        body: input.value.trim(),
        ...(activeId ? { variantId: activeId } : {}),
      });
      input.value = '';
      thread.reload();
    } catch (e) {
      toast('error', messageOf(e));
    }
  }

  if (storyId && !story) {
    return loadError ? <ErrorBox message={loadError} onRetry={load} /> : <Loading label="Đang mở tin bài…" />;
  }

  return (
    <section className="page page-composer" aria-labelledby="composer-title">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/stories">Tin bài</Link> › {story ? 'Soạn nội dung' : 'Viết tin mới'}
          </p>
          <h1 id="composer-title">{story ? story.title : 'Viết tin mới'}</h1>
          <p className="muted small">
            {session.agencies.find((a) => a.id === agencyId)?.name}
            {story && <> · cập nhật {formatDateTime(story.updatedAt)}</>}
          </p>
        </div>
      </div>

      <form className="panel story-form" onSubmit={saveStory} aria-label="Tin bài gốc">
        <h2>1. Tin bài gốc</h2>
        <ErrorBox message={storyError} />
        <fieldset className="plain" disabled={!canEdit}>
          <Field label="Tiêu đề" id="story-title">
            {(p) => (
              <input
                {...p}
                required
                minLength={2}
                value={form.title}
                onChange={(e) => setField('title', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Tóm tắt"
            id="story-summary"
            hint="Câu mở đầu; dùng làm sapo, mô tả Zalo và phần đầu bài Facebook."
          >
            {(p) => (
              <textarea {...p} rows={2} value={form.summary} onChange={(e) => setField('summary', e.target.value)} />
            )}
          </Field>
          <Field label="Nội dung" id="story-body" hint="Mỗi đoạn cách nhau một dòng trống.">
            {(p) => <textarea {...p} rows={7} value={form.body} onChange={(e) => setField('body', e.target.value)} />}
          </Field>
          <div className="three">
            <Field label="Thể loại" id="story-format">
              {(p) => (
                <select {...p} value={form.format} onChange={(e) => setField('format', e.target.value)}>
                  {Object.entries(FORMAT_LABELS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Ngôn ngữ" id="story-language">
              {(p) => (
                <select {...p} value={form.language} onChange={(e) => setField('language', e.target.value)}>
                  {Object.entries(LANGUAGE_LABELS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Chiến dịch" id="story-campaign">
              {(p) => (
                <select {...p} value={form.campaignId} onChange={(e) => setField('campaignId', e.target.value)}>
                  <option value="">Không thuộc chiến dịch</option>
                  {(campaigns.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <PlanLinkFields
              planTaskId={form.planTaskId}
              peakId={form.peakId}
              onChange={(link) => {
                if (link.planTaskId !== undefined) setField('planTaskId', link.planTaskId);
                if (link.peakId !== undefined) setField('peakId', link.peakId);
              }}
            />
          </div>
          <fieldset className="audiences">
            <legend>Đối tượng</legend>
            {Object.entries(AUDIENCE_LABELS).map(([k, v]) => (
              <label key={k} className="check">
                <input
                  type="checkbox"
                  checked={form.audiences.includes(k)}
                  onChange={() =>
                    setField(
                      'audiences',
                      form.audiences.includes(k) ? form.audiences.filter((a) => a !== k) : [...form.audiences, k],
                    )
                  }
                />{' '}
                {v}
              </label>
            ))}
          </fieldset>
          <MediaEditor agencyId={agencyId} media={form.media} onChange={(media) => setField('media', media)} />
        </fieldset>
        {canEdit && (
          <div className="form-actions">
            <Button
              type="submit"
              variant={story ? 'default' : 'primary'}
              busy={saving}
              busyLabel="Đang lưu…"
              disabled={story !== null && !formDirty}
            >
              {story ? 'Lưu tin bài' : 'Lưu và chọn kênh'}
            </Button>
            {formDirty && story && (
              <span className="muted small">Có thay đổi chưa lưu. Nội dung theo kênh đã tạo không tự đổi theo.</span>
            )}
          </div>
        )}
      </form>

      {story && (
        <section className="panel" aria-labelledby="channels-title">
          <h2 id="channels-title">2. Nội dung theo kênh</h2>
          {canEdit && freeAccounts.length > 0 && (
            <div className="generate">
              <fieldset>
                <legend>Tạo nội dung cho kênh</legend>
                {freeAccounts.map((a) => (
                  <label key={a.id} className="check">
                    <input
                      type="checkbox"
                      checked={selected.includes(a.id)}
                      onChange={() =>
                        setChosen(selected.includes(a.id) ? selected.filter((id) => id !== a.id) : [...selected, a.id])
                      }
                    />{' '}
                    <ChannelBadge type={a.type} /> {a.name}
                  </label>
                ))}
              </fieldset>
              <Button
                variant="primary"
                onClick={() => void generate()}
                busy={generating}
                busyLabel="Đang tạo nội dung…"
                disabled={selected.length === 0}
              >
                Tạo nội dung theo kênh ({selected.length})
              </Button>
            </div>
          )}
          {accounts.data && accounts.data.length === 0 && (
            <p className="muted">Cơ quan chưa có tài khoản kênh nào. Quản trị viên thêm kênh ở mục Quản trị › Kênh.</p>
          )}

          {variants.length > 0 && (
            <>
              <Tabs
                label="Kênh đăng"
                active={activeId ?? ''}
                onChange={(id) => setQuery({ variant: id })}
                tabs={variants.map((v) => ({
                  id: v.id,
                  label: (
                    <>
                      <span className={`dot ch-${v.channelType}`} aria-hidden="true" />
                      {CHANNEL_LABELS[v.channelType]}
                      <span className={`tab-state state-${v.state}`}>{STATE_LABELS[v.state]}</span>
                      {drafts[v.id]?.dirty && (
                        <span className="tab-dirty" aria-label="chưa lưu">
                          •
                        </span>
                      )}
                    </>
                  ),
                }))}
              />
              {active && drafts[active.id] && (
                <VariantEditor
                  key={active.id}
                  variant={active}
                  draft={drafts[active.id]}
                  setDraft={(update) => setDrafts((d) => ({ ...d, [active.id]: update(d[active.id]) }))}
                  account={accountById.get(active.channelAccountId)}
                  rules={rules.data}
                  media={form.media}
                  canEdit={canEdit}
                  canSettle={canSettle}
                  actions={actionsFor(active)}
                  returnComment={
                    active.state === 'changes_requested' ? lastReturnComment(thread.data ?? [], active.id) : null
                  }
                />
              )}
              {canEdit && submittable.length > 0 && (
                <div className="submit-all">
                  <Button
                    variant="primary"
                    onClick={() => void submitAll()}
                    busy={bulk !== null && bulk.done < bulk.total}
                    busyLabel={`Đang gửi duyệt ${bulk?.done ?? 0}/${bulk?.total ?? 0}…`}
                  >
                    Lưu và gửi duyệt tất cả ({submittable.length})
                  </Button>
                </div>
              )}
              {bulk && (
                <div className="bulk-results" role="status" aria-live="polite">
                  {bulk.done < bulk.total && (
                    <progress max={bulk.total} value={bulk.done} aria-label="Tiến độ gửi duyệt" />
                  )}
                  <ul>
                    {bulk.results.map((r) => (
                      <li key={r.id} className={r.ok ? 'ok-line' : 'field-error'}>
                        {r.ok ? '✓' : '✕'} {r.text}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <ul className="variant-summary" aria-label="Tóm tắt trạng thái các kênh">
                {variants.map((v) => (
                  <li key={v.id}>
                    <ChannelBadge type={v.channelType} /> <StateBadge state={v.state} />{' '}
                    {v.schedule.at
                      ? formatDateTime(v.schedule.at)
                      : v.schedule.nextFreeSlot
                        ? 'Khung giờ trống kế tiếp'
                        : 'Chưa đặt giờ'}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {story && session.agencies.some((a) => a.parentId === story.agencyId) && (
        <RelayPanel storyId={story.id} canOffer={canEdit} />
      )}

      {story && (
        <section className="panel" aria-labelledby="comments-title">
          <h2 id="comments-title">Trao đổi</h2>
          <CommentThread comments={thread.data ?? []} variants={variants} />
          {canEdit && (
            <form className="comment-form" onSubmit={addComment}>
              <label htmlFor="comment">
                Thêm ý kiến{active ? ` (về nội dung ${CHANNEL_LABELS[active.channelType]})` : ''}
              </label>
              <textarea id="comment" name="comment" rows={2} />
              <button type="submit" className="btn">
                Gửi ý kiến
              </button>
            </form>
          )}
        </section>
      )}
    </section>
  );
}

function CommentThread({ comments, variants }: { comments: Comment[]; variants: Variant[] }) {
  if (comments.length === 0) return <p className="muted">Chưa có trao đổi nào.</p>;
  const channelOf = (id: string | null) => variants.find((v) => v.id === id)?.channelType;
  return (
    <ul className="comments">
      {comments.map((c) => (
        <li key={c.id}>
          <p className="muted small">
            <strong>{c.author.name}</strong> · {formatDateTime(c.createdAt)}
            {channelOf(c.variantId) && <> · {CHANNEL_LABELS[channelOf(c.variantId)!]}</>}
          </p>
          <p className="pre">{c.body}</p>
          {c.replies?.length > 0 && <CommentThread comments={c.replies} variants={variants} />}
        </li>
      ))}
    </ul>
  );
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Pictures attached to the story by address (the channels fetch them from there): an address on the web,
 * or a picture uploaded from this computer, which the API stores and gives an address.
 */
function MediaEditor({
  agencyId,
  media,
  onChange,
}: {
  agencyId: string;
  media: MediaItem[];
  onChange: (media: MediaItem[]) => void;
}) {
  const [url, setUrl] = useState('');
  const upload = useAction(async (file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) throw new Error('Ảnh quá lớn: tối đa 10 MB.');
    const form = new FormData();
    form.append('file', file);
    const uploaded = await api.upload<{ url: string }>(`/agencies/${agencyId}/media`, form);
    setUrl(uploaded.url);
  });
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    if (!/^https?:\/\/\S+$/.test(url.trim())) return setError('Địa chỉ ảnh phải bắt đầu bằng http:// hoặc https://.');
    if (!alt.trim()) return setError('Hãy mô tả ảnh cho người dùng trình đọc màn hình.');
    onChange([
      ...media,
      { kind: 'image', url: url.trim(), alt: alt.trim(), ...(caption.trim() ? { caption: caption.trim() } : {}) },
    ]);
    setUrl('');
    setAlt('');
    setCaption('');
    setError(null);
  };
  return (
    <fieldset className="media-editor">
      <legend>Ảnh ({media.filter((m) => m.kind === 'image').length})</legend>
      {media.length > 0 && (
        <ul className="media-list">
          {media.map((m, i) => (
            <li key={m.url + i}>
              <Picture url={m.url} alt={m.alt} className="thumb" />
              <div>
                <p>{m.caption || m.alt}</p>
                <p className="muted small break">{m.url}</p>
              </div>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => onChange(media.filter((_, j) => j !== i))}
                aria-label={`Bỏ ảnh ${m.alt ?? m.url}`}
              >
                Bỏ
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="media-add">
        <label>
          Địa chỉ ảnh
          <input
            type="url"
            inputMode="url"
            placeholder="https://…/anh.jpg"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label>
          Hoặc tải ảnh từ máy
          <input
            type="file"
            accept="image/jpeg,image/png,image/gif,image/webp"
            disabled={upload.busy || !agencyId}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload.run(file);
            }}
          />
        </label>
        <label>
          Mô tả ảnh
          <input value={alt} onChange={(e) => setAlt(e.target.value)} />
        </label>
        <label>
          Chú thích
          <input value={caption} onChange={(e) => setCaption(e.target.value)} />
        </label>
        <button type="button" className="btn" onClick={add}>
          Thêm ảnh
        </button>
      </div>
      {upload.busy && <p className="muted small">Đang tải ảnh lên…</p>}
      {(error ?? upload.error) && (
        <p className="field-error" role="alert">
          {error ?? upload.error}
        </p>
      )}
    </fieldset>
  );
}
