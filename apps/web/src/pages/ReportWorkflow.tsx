import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { Button, ErrorBox, useToast } from '../components/ui';
import { useAction } from '../lib/hooks';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

export type ReportState = 'draft' | 'submitted' | 'approved';

/** The text of a report people write, and where it stands; the api's `narrative` and `lifecycle`. */
interface ReportNarrative {
  taskResults: Record<string, string>;
  shortcomings: string;
  causes: string;
  nextTasks: string;
  proposals: string;
}

interface ReportLifecycle {
  state: ReportState;
  revision: number;
  submittedAt: string | null;
  approvedAt: string | null;
  finalSha256: string | null;
}

export interface WorkflowReport {
  id: string;
  agency: { id: string };
  plans: Array<{ id: string; tasks: Array<{ taskId: string | null; number: string; name: string }> }>;
  narrative?: ReportNarrative;
  lifecycle: ReportLifecycle;
  document: { signer: { authority: string | null; deputy: string | null; title: string; name: string | null } };
}

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  draft: 'Dự thảo',
  submitted: 'Đã trình ký',
  approved: 'Đã duyệt, phát hành',
};

const PARTS: Array<{ key: Exclude<keyof ReportNarrative, 'taskResults'>; label: string; hint: string }> = [
  { key: 'shortcomings', label: 'II.1. Tồn tại, hạn chế', hint: 'Mỗi ý một dòng, bắt đầu bằng "- ".' },
  { key: 'causes', label: 'II.2. Nguyên nhân', hint: 'Nguyên nhân khách quan, chủ quan của các tồn tại.' },
  { key: 'nextTasks', label: 'III. Phương hướng, nhiệm vụ kỳ tới', hint: 'Đã điền sẵn từ kế hoạch; sửa cho kỳ tới.' },
  { key: 'proposals', label: 'IV. Đề xuất, kiến nghị', hint: 'Kiến nghị với cấp trên, nếu có.' },
];

interface Change {
  what: string;
  before: number | null;
  after: number | null;
}

/**
 * Where the report stands and what the person may do with it: the drafting officer writes the parts
 * the data cannot know, refreshes the figures and submits; the signer returns or approves. Approved,
 * the document is frozen and its checksum shown.
 */
export function ReportWorkflow({ report, onChanged }: { report: WorkflowReport; onChanged: () => void }) {
  const session = useSession();
  const toast = useToast();
  const { state, revision } = report.lifecycle;
  const canWrite = session.can('officer', report.agency.id);
  const canSign = session.can('editor', report.agency.id);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [reason, setReason] = useState('');
  const [returning, setReturning] = useState(false);

  const act = useAction(async (path: 'submit' | 'approve' | 'return' | 'refresh') => {
    const body = path === 'return' ? { revision, reason } : { revision };
    const answer = await api.post<{ changes?: Change[] }>(`/reports/${report.id}/${path}`, body);
    if (path === 'refresh') setChanges(answer.changes ?? []);
    toast(
      'ok',
      {
        submit: 'Đã trình ký báo cáo.',
        approve: 'Đã duyệt: văn bản được lưu cố định như khi ký.',
        return: 'Đã trả lại dự thảo cho người soạn.',
        refresh: 'Đã cập nhật số liệu.',
      }[path],
    );
    setReturning(false);
    onChanged();
  });

  return (
    <section className="report-workflow" aria-label="Trạng thái báo cáo">
      <p>
        <span className={`badge report-${state}`} data-testid="report-state">
          {REPORT_STATE_LABELS[state]}
        </span>{' '}
        {state === 'submitted' && report.lifecycle.submittedAt && (
          <span className="muted small">trình ký lúc {formatDateTime(report.lifecycle.submittedAt)}</span>
        )}
        {state === 'approved' && report.lifecycle.approvedAt && (
          <span className="muted small">
            duyệt lúc {formatDateTime(report.lifecycle.approvedAt)} · mã kiểm tra văn bản{' '}
            <code title={report.lifecycle.finalSha256 ?? ''}>{report.lifecycle.finalSha256?.slice(0, 16)}</code>
          </span>
        )}
      </p>
      {state === 'draft' && (
        <p className="muted small">
          Số liệu của dự thảo được tính lại khi bấm "Cập nhật số liệu"; khi trình ký, số liệu và nội dung được giữ
          nguyên.
        </p>
      )}
      <ErrorBox message={act.error} />
      <div className="form-actions">
        {state === 'draft' && canWrite && (
          <>
            <Button small busy={act.busy} onClick={() => void act.run('refresh')}>
              Cập nhật số liệu
            </Button>
            <Button small variant="primary" busy={act.busy} onClick={() => void act.run('submit')}>
              Trình ký
            </Button>
          </>
        )}
        {state === 'submitted' && canSign && (
          <>
            <Button small variant="primary" busy={act.busy} onClick={() => void act.run('approve')}>
              Duyệt và phát hành
            </Button>
            <Button small onClick={() => setReturning(true)}>
              Trả lại để sửa
            </Button>
          </>
        )}
        {state === 'submitted' && !canSign && <span className="muted small">Đang chờ lãnh đạo duyệt.</span>}
      </div>
      {returning && (
        <form
          className="target-entry"
          aria-label="Trả lại dự thảo"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run('return');
          }}
        >
          <label htmlFor="return-reason">Lý do trả lại</label>
          <textarea id="return-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="form-actions">
            <Button type="submit" small variant="primary" busy={act.busy}>
              Trả lại
            </Button>
            <Button small variant="ghost" onClick={() => setReturning(false)}>
              Hủy
            </Button>
          </div>
        </form>
      )}
      {changes && (
        <div className="notice" role="status" data-testid="report-changes">
          {changes.length === 0 ? (
            'Số liệu không thay đổi so với lần trước.'
          ) : (
            <>
              Số liệu đã thay đổi:
              <ul>
                {changes.map((c) => (
                  <li key={c.what}>
                    {c.what}: {c.before ?? '—'} → {c.after ?? '—'}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {state === 'draft' && canWrite && report.narrative && <NarrativeForm report={report} onSaved={onChanged} />}
    </section>
  );
}

type SignerForm = 'TM' | 'KT' | 'Q' | '';

/** The signing form the document block shows: KT. or Q. before the title, TM. above it, or none. */
function formOf(signer: WorkflowReport['document']['signer']): SignerForm {
  if (signer.deputy?.startsWith('KT.')) return 'KT';
  if (signer.deputy?.startsWith('Q.')) return 'Q';
  return signer.authority ? 'TM' : '';
}

/** The parts the data cannot know, pre-filled where it can, saved against the revision the officer saw. */
function NarrativeForm({ report, onSaved }: { report: WorkflowReport; onSaved: () => void }) {
  const toast = useToast();
  const [text, setText] = useState<ReportNarrative>(report.narrative!);
  const [signerName, setSignerName] = useState(report.document.signer.name ?? '');
  const [signerForm, setSignerForm] = useState(formOf(report.document.signer));
  const [signerTitle, setSignerTitle] = useState(report.document.signer.title);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setText(report.narrative!);
    setSignerName(report.document.signer.name ?? '');
    setSignerForm(formOf(report.document.signer));
    setSignerTitle(report.document.signer.title);
    setDirty(false);
  }, [report]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const signerChanged =
    signerName.trim() !== (report.document.signer.name ?? '') ||
    signerForm !== formOf(report.document.signer) ||
    signerTitle.trim() !== report.document.signer.title;
  const save = useAction(async () => {
    await api.patch(`/reports/${report.id}`, {
      revision: report.lifecycle.revision,
      narrative: text,
      ...(signerChanged
        ? {
            signer: {
              form: signerForm || null,
              ...(signerTitle.trim() ? { title: signerTitle.trim() } : {}),
              ...(signerName.trim() ? { name: signerName.trim() } : {}),
            },
          }
        : {}),
    });
    toast('ok', 'Đã lưu nội dung báo cáo.');
    setDirty(false);
    onSaved();
  });
  const edit = (patch: Partial<ReportNarrative>) => {
    setText((t) => ({ ...t, ...patch }));
    setDirty(true);
  };
  const tasks = report.plans.flatMap((p) => p.tasks.filter((t) => t.taskId));

  return (
    <form
      className="report-narrative"
      aria-label="Nội dung báo cáo"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h3>Nội dung báo cáo</h3>
      <p className="muted small">
        Nhịp đã điền sẵn những gì tính được từ số liệu; bổ sung những gì số liệu không biết (sự kiện, số người tham gia,
        nguyên nhân, kiến nghị). Mỗi dòng là một đoạn trong văn bản.
      </p>
      <fieldset>
        <legend>Kết quả cụ thể theo từng nhiệm vụ</legend>
        {tasks.map((t) => (
          <label key={t.taskId} className="stacked">
            Nhiệm vụ {t.number}. {t.name}
            <textarea
              rows={2}
              value={text.taskResults[t.taskId!] ?? ''}
              onChange={(e) => edit({ taskResults: { ...text.taskResults, [t.taskId!]: e.target.value } })}
            />
          </label>
        ))}
      </fieldset>
      {PARTS.map((part) => (
        <label key={part.key} className="stacked">
          {part.label}
          <span className="muted small">{part.hint}</span>
          <textarea rows={4} value={text[part.key]} onChange={(e) => edit({ [part.key]: e.target.value })} />
        </label>
      ))}
      <div className="row">
        <label className="stacked">
          Hình thức ký
          <select
            value={signerForm}
            onChange={(e) => {
              setSignerForm(e.target.value as SignerForm);
              setDirty(true);
            }}
          >
            <option value="TM">TM. (thay mặt tập thể)</option>
            <option value="KT">KT. (cấp phó ký thay người đứng đầu)</option>
            <option value="Q">Q. (quyền người đứng đầu)</option>
            <option value="">Người đứng đầu ký</option>
          </select>
        </label>
        <label className="stacked">
          Chức vụ người ký
          <input
            value={signerTitle}
            onChange={(e) => {
              setSignerTitle(e.target.value);
              setDirty(true);
            }}
          />
        </label>
      </div>
      <label className="stacked">
        Họ tên người ký ({[report.document.signer.deputy, report.document.signer.title].filter(Boolean).join(', ')})
        <input
          value={signerName}
          onChange={(e) => {
            setSignerName(e.target.value);
            setDirty(true);
          }}
        />
      </label>
      <ErrorBox message={save.error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.busy} busyLabel="Đang lưu…">
          Lưu nội dung
        </Button>
        {dirty && <span className="muted small">Có thay đổi chưa lưu.</span>}
      </div>
    </form>
  );
}
