import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { type ChannelAccount, CHANNEL_TYPES, type ChannelType, type ConnectionCheck } from '../../api/types';
import { Button, ChannelBadge, Empty, ErrorBox, Field, Loading, useToast } from '../../components/ui';
import { useAction, useResource } from '../../lib/hooks';
import { AccountBadges, CoolingDownNotice, SandboxFeedLink } from '../../components/AccountBadges';
import { CHANNEL_LABELS, SANDBOX_LABEL } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../session';
import { PostingSlots } from './PostingSlots';

interface FieldSpec {
  key: string;
  label: string;
  kind?: 'text' | 'url' | 'number' | 'list' | 'select';
  options?: Array<[string, string]>;
  hint?: string;
}

/** What each channel needs: public settings, and secrets that are stored encrypted and never shown again. */
const SETTINGS: Record<ChannelType, FieldSpec[]> = {
  portal: [
    { key: 'siteUrl', label: 'Địa chỉ trang WordPress', kind: 'url' },
    {
      key: 'publishMode',
      label: 'Cách đăng',
      kind: 'select',
      options: [
        ['dispatch', 'Nhịp đăng đúng giờ'],
        ['wordpress-schedules', 'WordPress tự hẹn giờ'],
      ],
    },
  ],
  facebook: [{ key: 'pageId', label: 'Mã Trang (Page ID)' }],
  zalo: [
    { key: 'oaId', label: 'Mã Official Account (OA ID)' },
    { key: 'appId', label: 'Mã ứng dụng (App ID)' },
  ],
  loudspeaker: [
    { key: 'endpoint', label: 'Địa chỉ nhận bản tin của hệ thống truyền thanh', kind: 'url' },
    { key: 'slotSeconds', label: 'Độ dài khung phát (giây)', kind: 'number' },
    { key: 'stationGroups', label: 'Cụm loa mặc định', kind: 'list', hint: 'Cách nhau bằng dấu phẩy' },
    {
      key: 'voice',
      label: 'Giọng đọc',
      kind: 'select',
      options: [
        ['vi', 'Tiếng Việt (mặc định)'],
        ['vi-vn-x-central', 'Giọng miền Trung'],
        ['vi-vn-x-south', 'Giọng miền Nam'],
      ],
    },
  ],
};

const SECRETS: Record<ChannelType, FieldSpec[]> = {
  portal: [
    { key: 'username', label: 'Tên đăng nhập WordPress' },
    {
      key: 'applicationPassword',
      label: 'Mật khẩu ứng dụng WordPress',
      hint: 'Tạo trong trang quản trị WordPress: Thành viên › Hồ sơ › Mật khẩu ứng dụng',
    },
  ],
  facebook: [
    {
      key: 'pageAccessToken',
      label: 'Mã truy cập Trang',
      hint: 'Mã truy cập dài hạn của Trang, cấp cho ứng dụng Meta của cơ quan',
    },
  ],
  zalo: [
    { key: 'accessToken', label: 'Mã truy cập OA' },
    {
      key: 'refreshToken',
      label: 'Mã làm mới',
      hint: 'Mỗi mã chỉ dùng được một lần; Nhịp tự lưu mã mới sau mỗi lần làm mới',
    },
    { key: 'appSecret', label: 'Khóa bí mật của ứng dụng Zalo' },
  ],
  loudspeaker: [{ key: 'apiKey', label: 'Khóa API của hệ thống truyền thanh' }],
};

function settingValue(spec: FieldSpec, raw: string): unknown {
  if (spec.kind === 'number') return raw === '' ? undefined : Number(raw);
  if (spec.kind === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return raw === '' ? undefined : raw;
}

/** An account's stored settings as the text the form fields show. */
function settingText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function SettingFields({
  type,
  values,
  onChange,
}: {
  type: ChannelType;
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
}) {
  return (
    <>
      {SETTINGS[type].map((s) => (
        <Field key={s.key} label={s.label} hint={s.hint}>
          {(p) =>
            s.kind === 'select' ? (
              <select
                {...p}
                value={values[s.key] || s.options![0][0]}
                onChange={(e) => onChange(s.key, e.target.value)}
              >
                {s.options!.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...p}
                type={s.kind === 'number' ? 'number' : s.kind === 'url' ? 'url' : 'text'}
                value={values[s.key] ?? ''}
                onChange={(e) => onChange(s.key, e.target.value)}
              />
            )
          }
        </Field>
      ))}
    </>
  );
}

/** Name, settings and the per-account limits the publishing engine applies (concurrency, calls per minute). */
function EditAccount({
  account,
  onSaved,
  onCancel,
}: {
  account: ChannelAccount;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const [name, setName] = useState(account.name);
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(SETTINGS[account.type].map((s) => [s.key, settingText(account.settings[s.key])])),
  );
  const [concurrency, setConcurrency] = useState(String(account.concurrency));
  const [rate, setRate] = useState(account.rateLimitPerMinute === null ? '' : String(account.rateLimitPerMinute));
  const save = useAction(async () => {
    // Settings this form does not show are kept; a field left empty is removed.
    const merged: Record<string, unknown> = { ...account.settings };
    for (const s of SETTINGS[account.type]) {
      const value = settingValue(s, settings[s.key] ?? '');
      if (value === undefined) delete merged[s.key];
      else merged[s.key] = value;
    }
    await api.patch(`/channel-accounts/${account.id}`, {
      name,
      settings: merged,
      concurrency: Number(concurrency),
      rateLimitPerMinute: rate === '' ? null : Number(rate),
    });
    toast('ok', `Đã lưu cài đặt kênh ${name}.`);
    onSaved();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <form className="credentials-form" onSubmit={submit} aria-label={`Sửa cài đặt ${account.name}`}>
      <ErrorBox message={save.error} />
      <Field label="Tên hiển thị">
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required minLength={2} />}
      </Field>
      <SettingFields
        type={account.type}
        values={settings}
        onChange={(k, v) => setSettings((s) => ({ ...s, [k]: v }))}
      />
      <div className="two">
        <Field label="Số bài đăng cùng lúc" hint="Từ 1 đến 50">
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={50}
              step={1}
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label="Giới hạn lượt gọi mỗi phút" hint="Để trống nếu kênh không giới hạn">
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={10000}
              step={1}
              value={rate}
              onChange={(e) => setRate(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="card-actions">
        <Button type="submit" variant="primary" busy={save.busy} busyLabel="Đang lưu…">
          Lưu cài đặt
        </Button>
        <Button type="button" onClick={onCancel}>
          Hủy
        </Button>
      </div>
    </form>
  );
}

function SecretFields({
  type,
  values,
  onChange,
}: {
  type: ChannelType;
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
}) {
  return (
    <>
      {SECRETS[type].map((s) => (
        <Field key={s.key} label={s.label} hint={s.hint}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="off"
              value={values[s.key] ?? ''}
              onChange={(e) => onChange(s.key, e.target.value)}
            />
          )}
        </Field>
      ))}
    </>
  );
}

function AccountCard({
  account,
  isAdmin,
  canPause,
  onChanged,
}: {
  account: ChannelAccount;
  isAdmin: boolean;
  canPause: boolean;
  onChanged: () => void;
}) {
  const toast = useToast();
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [editingSettings, setEditingSettings] = useState(false);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const run = async (kind: string, action: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <li className="panel account-card" data-testid="channel-account">
      <div className="account-head">
        <ChannelBadge type={account.type} />
        <h3>{account.name}</h3>
        <AccountBadges account={account} />
      </div>
      {account.statusReason && <p className="notice notice-warn">{account.statusReason}</p>}
      <CoolingDownNotice account={account} />
      {account.sandbox && (
        <p className="notice">
          {SANDBOX_LABEL}: bài đăng lên tài khoản này được Nhịp lưu và hiển thị tại trang thử nghiệm, không đến công
          chúng. Nhập thông tin đăng nhập thật sẽ đưa tài khoản ra khỏi môi trường thử nghiệm.{' '}
          <SandboxFeedLink account={account} />
        </p>
      )}
      {account.rehearsal && (
        <p className="notice">
          Đang diễn tập: các bài vẫn được kiểm tra, xếp lịch và chờ lượt như thật, nhưng không gửi lên kênh; kết quả ghi
          là “Đã diễn tập”.
        </p>
      )}
      <dl className="facts">
        {SETTINGS[account.type].map((s) => (
          <div key={s.key}>
            <dt>{s.label}</dt>
            <dd>
              {Array.isArray(account.settings[s.key])
                ? (account.settings[s.key] as string[]).join(', ')
                : String(account.settings[s.key] ?? '—') || '—'}
            </dd>
          </div>
        ))}
        <div>
          <dt>Số bài đăng cùng lúc</dt>
          <dd>{account.concurrency}</dd>
        </div>
        <div>
          <dt>Giới hạn lượt gọi mỗi phút</dt>
          <dd>{account.rateLimitPerMinute ?? 'Không giới hạn'}</dd>
        </div>
        <div>
          <dt>Thông tin đăng nhập</dt>
          <dd>{account.hasCredentials ? 'Đã lưu (mã hóa, không hiển thị lại)' : 'Chưa có'}</dd>
        </div>
        <div>
          <dt>Cập nhật</dt>
          <dd>{formatDateTime(account.updatedAt)}</dd>
        </div>
      </dl>
      <PostingSlots account={account} canEdit={isAdmin} onChanged={onChanged} />
      {check && (
        <p className={check.ok ? 'notice notice-ok' : 'notice notice-warn'} role="status">
          {check.ok ? '✓ ' : '✕ '}
          {check.message}
        </p>
      )}
      <ErrorBox message={error} />
      <div className="card-actions">
        {isAdmin && (
          <Button
            small
            busy={busy === 'check'}
            busyLabel="Đang kiểm tra kết nối…"
            onClick={() =>
              void run('check', async () => {
                setCheck(await api.post<ConnectionCheck>(`/channel-accounts/${account.id}/check`));
                // The check may have changed the account's status: show the one the api recorded.
                onChanged();
              })
            }
          >
            Kiểm tra kết nối
          </Button>
        )}
        {isAdmin && (
          <Button small onClick={() => setEditingSettings(!editingSettings)} aria-expanded={editingSettings}>
            Sửa cài đặt
          </Button>
        )}
        {isAdmin && (
          <Button small onClick={() => setEditing(!editing)} aria-expanded={editing}>
            {account.hasCredentials ? 'Thay thông tin đăng nhập' : 'Nhập thông tin đăng nhập'}
          </Button>
        )}
        {isAdmin && (
          <Button
            small
            busy={busy === 'rehearsal'}
            aria-pressed={account.rehearsal}
            onClick={() =>
              void run('rehearsal', async () => {
                await api.patch(`/channel-accounts/${account.id}`, { rehearsal: !account.rehearsal });
                toast('ok', account.rehearsal ? 'Đã tắt diễn tập: bài sẽ được đăng thật.' : 'Đã bật diễn tập.');
                onChanged();
              })
            }
          >
            {account.rehearsal ? 'Tắt diễn tập' : 'Bật diễn tập'}
          </Button>
        )}
        {canPause && account.status !== 'needs_reconnection' && account.status !== 'not_connected' && (
          <Button
            small
            busy={busy === 'pause'}
            onClick={() =>
              void run('pause', async () => {
                await api.post(`/channel-accounts/${account.id}/${account.status === 'paused' ? 'resume' : 'pause'}`);
                toast('ok', account.status === 'paused' ? 'Đã tiếp tục đăng.' : 'Đã tạm dừng đăng lên kênh này.');
                onChanged();
              })
            }
          >
            {account.status === 'paused' ? 'Tiếp tục đăng' : 'Tạm dừng đăng'}
          </Button>
        )}
      </div>
      {editingSettings && (
        <EditAccount
          account={account}
          onCancel={() => setEditingSettings(false)}
          onSaved={() => {
            setEditingSettings(false);
            onChanged();
          }}
        />
      )}
      {editing && (
        <form
          className="credentials-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('secrets', async () => {
              await api.put(`/channel-accounts/${account.id}/credentials`, {
                credentials: Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== '')),
              });
              setSecrets({});
              setEditing(false);
              toast('ok', 'Đã lưu thông tin đăng nhập (mã hóa). Các bài chờ sẽ được đăng tiếp.');
              onChanged();
            });
          }}
        >
          <SecretFields
            type={account.type}
            values={secrets}
            onChange={(k, v) => setSecrets((s) => ({ ...s, [k]: v }))}
          />
          <Button type="submit" variant="primary" busy={busy === 'secrets'} busyLabel="Đang lưu…">
            Lưu thông tin đăng nhập
          </Button>
        </form>
      )}
    </li>
  );
}

export function ChannelsSection({ agencyId }: { agencyId: string }) {
  const session = useSession();
  const isAdmin = session.can('admin', agencyId);
  const accounts = useResource(() => api.get<ChannelAccount[]>(`/agencies/${agencyId}/channel-accounts`), [agencyId]);
  return (
    <div className="admin-section">
      <ErrorBox message={accounts.error} onRetry={accounts.reload} />
      {accounts.loading && !accounts.data && <Loading />}
      {accounts.data && accounts.data.length === 0 && <Empty>Cơ quan chưa có tài khoản kênh.</Empty>}
      <ul className="account-cards">
        {accounts.data?.map((a) => (
          <AccountCard
            key={a.id}
            account={a}
            isAdmin={isAdmin}
            canPause={session.can('editor', agencyId)}
            onChanged={accounts.reload}
          />
        ))}
      </ul>
      {isAdmin && <CreateAccount agencyId={agencyId} onCreated={accounts.reload} />}
    </div>
  );
}

function CreateAccount({ agencyId, onCreated }: { agencyId: string; onCreated: () => void }) {
  const toast = useToast();
  const [type, setType] = useState<ChannelType>('portal');
  const [name, setName] = useState('');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {
        type,
        name,
        settings: Object.fromEntries(
          SETTINGS[type].map((s) => [s.key, settingValue(s, settings[s.key] ?? '')]).filter(([, v]) => v !== undefined),
        ),
      };
      const credentials = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
      if (Object.keys(credentials).length) body.credentials = credentials;
      await api.post(`/agencies/${agencyId}/channel-accounts`, body);
      toast('ok', `Đã thêm kênh ${name}.`);
      setName('');
      setSettings({});
      setSecrets({});
      onCreated();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-account-title">
      <h2 id="new-account-title">Thêm tài khoản kênh</h2>
      <ErrorBox message={error} />
      <div className="two">
        <Field label="Loại kênh">
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
              {CHANNEL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {CHANNEL_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tên hiển thị">
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required minLength={2} />}
        </Field>
      </div>
      <SettingFields type={type} values={settings} onChange={(k, v) => setSettings((s) => ({ ...s, [k]: v }))} />
      <fieldset>
        <legend>Thông tin đăng nhập (được mã hóa, không hiển thị lại)</legend>
        <SecretFields type={type} values={secrets} onChange={(k, v) => setSecrets((s) => ({ ...s, [k]: v }))} />
      </fieldset>
      <Button type="submit" variant="primary" busy={busy} busyLabel="Đang thêm…">
        Thêm kênh
      </Button>
    </form>
  );
}
