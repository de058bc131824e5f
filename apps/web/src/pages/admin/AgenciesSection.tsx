import { type FormEvent, useMemo, useState } from 'react';
import { api, messageOf } from '../../api/client';
import type { Agency } from '../../api/types';
import { Button, ErrorBox, Field, Pagination, useToast } from '../../components/ui';
import { sortByName } from '../../lib/collate';
import { AGENCY_KIND_LABELS, ROLE_LABELS } from '../../lib/labels';
import { useSession } from '../../session';

const LIMIT = 15;
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** Agencies in reach as a tree (parents before children), searchable with or without diacritics. */
function ordered(agencies: Agency[]): Array<{ agency: Agency; depth: number }> {
  const children = new Map<string | null, Agency[]>();
  const ids = new Set(agencies.map((a) => a.id));
  for (const a of agencies) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const out: Array<{ agency: Agency; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of sortByName(children.get(parent) ?? [], (x) => x.name)) {
      out.push({ agency: a, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function AgenciesSection() {
  const session = useSession();
  const toast = useToast();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Agency | null>(null);
  const [creatingUnder, setCreatingUnder] = useState<Agency | null>(null);
  const rows = useMemo(() => {
    const all = ordered(session.agencies);
    const needle = fold(q.trim());
    return needle
      ? all.filter((r) => fold(`${r.agency.name} ${r.agency.shortName ?? ''} ${r.agency.code}`).includes(needle))
      : all;
  }, [session.agencies, q]);

  return (
    <div className="admin-section">
      <div className="search">
        <label htmlFor="agency-search" className="sr-only">
          Tìm cơ quan
        </label>
        <input
          id="agency-search"
          type="search"
          placeholder="Tìm cơ quan theo tên hoặc mã"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Cơ quan</th>
            <th scope="col">Loại</th>
            <th scope="col">Số bước duyệt</th>
            <th scope="col">Vai trò của bạn</th>
            <th scope="col">
              <span className="sr-only">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(offset, offset + LIMIT).map(({ agency, depth }) => (
            <tr key={agency.id}>
              <td data-label="Cơ quan" style={{ paddingLeft: `${0.5 + Math.min(depth, 4) * 1.1}rem` }}>
                {agency.name}
                <div className="muted small">{agency.code}</div>
              </td>
              <td data-label="Loại">{AGENCY_KIND_LABELS[agency.kind] ?? agency.kind}</td>
              <td data-label="Số bước duyệt">
                {agency.requiredApprovals}
                {agency.allowSelfApproval && <span className="muted small"> · được tự duyệt</span>}
              </td>
              <td data-label="Vai trò của bạn">{agency.myRole ? ROLE_LABELS[agency.myRole] : '—'}</td>
              <td className="actions-cell">
                {agency.myRole === 'admin' && (
                  <>
                    <Button small onClick={() => setEditing(agency)}>
                      Sửa
                    </Button>
                    <Button small onClick={() => setCreatingUnder(agency)}>
                      Thêm trực thuộc
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination total={rows.length} limit={LIMIT} offset={offset} onChange={setOffset} label="cơ quan" />
      {editing && (
        <EditAgency
          agency={editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await session.reloadAgencies();
            toast('ok', 'Đã lưu thông tin cơ quan.');
          }}
        />
      )}
      {creatingUnder && (
        <CreateAgency
          parent={creatingUnder}
          onClose={() => setCreatingUnder(null)}
          onSaved={async () => {
            setCreatingUnder(null);
            await session.reloadAgencies();
            toast('ok', 'Đã thêm cơ quan.');
          }}
        />
      )}
    </div>
  );
}

function EditAgency({ agency, onClose, onSaved }: { agency: Agency; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(agency.name);
  const [shortName, setShortName] = useState(agency.shortName ?? '');
  const [approvals, setApprovals] = useState(agency.requiredApprovals);
  const [selfApproval, setSelfApproval] = useState(agency.allowSelfApproval);
  const [recipients, setRecipients] = useState((agency.reportRecipients ?? []).join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/agencies/${agency.id}`, {
        name,
        shortName: shortName || undefined,
        requiredApprovals: approvals,
        allowSelfApproval: selfApproval,
        reportRecipients: recipients
          .split('\n')
          .map((r) =>
            r
              .replace(/^[-–]\s*/, '')
              .replace(/[;.]$/, '')
              .trim(),
          )
          .filter((r) => r !== ''),
      });
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={`Sửa ${agency.name}`}>
      <h2>Sửa: {agency.name}</h2>
      <ErrorBox message={error} />
      <Field label="Tên cơ quan">
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}
      </Field>
      <Field label="Tên viết tắt">
        {(p) => <input {...p} value={shortName} onChange={(e) => setShortName(e.target.value)} />}
      </Field>
      <Field label="Số bước duyệt trước khi đăng">
        {(p) => (
          <select {...p} value={approvals} onChange={(e) => setApprovals(Number(e.target.value))}>
            <option value={1}>1 bước</option>
            <option value={2}>2 bước (hai người duyệt)</option>
          </select>
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={selfApproval} onChange={(e) => setSelfApproval(e.target.checked)} /> Cho phép
        biên tập viên tự duyệt nội dung mình soạn
      </label>
      <Field label="Nơi nhận mặc định của báo cáo (mỗi dòng một nơi)">
        {(p) => (
          <textarea
            {...p}
            rows={3}
            placeholder={'Thường trực Đảng ủy phường\nThường trực HĐND phường'}
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Đang lưu…">
          Lưu
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Thôi
        </Button>
      </div>
    </form>
  );
}

function CreateAgency({ parent, onClose, onSaved }: { parent: Agency; onClose: () => void; onSaved: () => void }) {
  const [form, setForm] = useState({ code: '', name: '', shortName: '', officialCode: '', kind: 'department' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/agencies', {
        code: form.code,
        name: form.name,
        kind: form.kind,
        parentId: parent.id,
        ...(form.shortName ? { shortName: form.shortName } : {}),
        ...(form.officialCode ? { officialCode: form.officialCode } : {}),
      });
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Thêm cơ quan trực thuộc">
      <h2>Thêm cơ quan trực thuộc {parent.name}</h2>
      <ErrorBox message={error} />
      <div className="two">
        <Field label="Mã (chữ thường không dấu, gạch ngang)">
          {(p) => (
            <input
              {...p}
              value={form.code}
              onChange={(e) => set('code', e.target.value)}
              required
              pattern="[a-z0-9][a-z0-9-]{1,80}"
            />
          )}
        </Field>
        <Field label="Loại">
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value)}>
              {Object.entries(AGENCY_KIND_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Tên cơ quan">
        {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} required />}
      </Field>
      <div className="two">
        <Field label="Tên viết tắt">
          {(p) => <input {...p} value={form.shortName} onChange={(e) => set('shortName', e.target.value)} />}
        </Field>
        <Field label="Mã đơn vị hành chính">
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={form.officialCode}
              onChange={(e) => set('officialCode', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Đang thêm…">
          Thêm cơ quan
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Thôi
        </Button>
      </div>
    </form>
  );
}
