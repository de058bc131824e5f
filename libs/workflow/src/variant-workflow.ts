import { DomainError } from '@nhip/core';
import type { VariantState } from '@nhip/database';

/**
 * The editorial state machine of a variant. Every change of state goes through `nextState`, so the
 * rules live in one place and each transition has a test.
 *
 *   draft → submitted → approved | changes_requested
 *   changes_requested → submitted
 *   approved → scheduled → publishing → published | failed | unknown
 *   unknown → published | failed          (resolved by asking the channel)
 *   failed | unknown → scheduled          (retry; for unknown only once the channel says nothing was published)
 *   publishing → rehearsed                (a rehearsal account: the channel only validated it)
 *   publishing → scheduled                (requeue: the channel failed retryably or asked us to wait)
 *   any state before publishing → cancelled
 *   edit: draft and changes_requested stay where they are; submitted, approved and scheduled go back to submitted
 */
export type WorkflowEvent =
  | 'submit'
  | 'approve'
  | 'request_changes'
  | 'schedule'
  | 'start_publishing'
  | 'mark_published'
  | 'mark_failed'
  | 'mark_unknown'
  | 'mark_rehearsed'
  | 'retry'
  | 'requeue'
  | 'cancel'
  | 'edit';

const TRANSITIONS: Record<WorkflowEvent, Partial<Record<VariantState, VariantState>>> = {
  submit: { draft: 'submitted', changes_requested: 'submitted' },
  approve: { submitted: 'approved' },
  request_changes: { submitted: 'changes_requested' },
  schedule: { approved: 'scheduled' },
  start_publishing: { scheduled: 'publishing' },
  mark_published: { publishing: 'published', unknown: 'published' },
  mark_failed: { publishing: 'failed', unknown: 'failed' },
  mark_unknown: { publishing: 'unknown' },
  mark_rehearsed: { publishing: 'rehearsed' },
  retry: { failed: 'scheduled', unknown: 'scheduled' },
  requeue: { publishing: 'scheduled' },
  cancel: {
    draft: 'cancelled',
    submitted: 'cancelled',
    changes_requested: 'cancelled',
    approved: 'cancelled',
    scheduled: 'cancelled',
  },
  edit: {
    draft: 'draft',
    changes_requested: 'changes_requested',
    submitted: 'submitted',
    approved: 'submitted',
    scheduled: 'submitted',
  },
};

export const STATE_LABELS: Record<VariantState, string> = {
  draft: 'bản nháp',
  submitted: 'chờ duyệt',
  changes_requested: 'cần chỉnh sửa',
  approved: 'đã duyệt',
  scheduled: 'đã lên lịch',
  publishing: 'đang đăng',
  published: 'đã đăng',
  failed: 'đăng thất bại',
  unknown: 'chưa rõ kết quả',
  cancelled: 'đã hủy',
  rehearsed: 'đã diễn tập',
};

const EVENT_LABELS: Record<WorkflowEvent, string> = {
  submit: 'gửi duyệt',
  approve: 'duyệt',
  request_changes: 'trả lại',
  schedule: 'lên lịch',
  start_publishing: 'bắt đầu đăng',
  mark_published: 'ghi nhận đã đăng',
  mark_failed: 'ghi nhận thất bại',
  mark_unknown: 'ghi nhận chưa rõ kết quả',
  mark_rehearsed: 'ghi nhận đã diễn tập',
  retry: 'thử đăng lại',
  requeue: 'xếp lại hàng đợi',
  cancel: 'hủy',
  edit: 'chỉnh sửa',
};

export class WorkflowTransitionError extends DomainError {
  constructor(
    readonly from: VariantState,
    readonly event: WorkflowEvent,
  ) {
    super(
      'conflict',
      'VARIANT_TRANSITION_NOT_ALLOWED',
      `Không thể ${EVENT_LABELS[event]} khi nội dung đang ở trạng thái "${STATE_LABELS[from]}".`,
      { state: from, action: event },
    );
    this.name = 'WorkflowTransitionError';
  }
}

/** The state after `event`, or a WorkflowTransitionError saying in Vietnamese why it is not allowed. */
export function nextState(from: VariantState, event: WorkflowEvent): VariantState {
  const to = TRANSITIONS[event][from];
  if (!to) throw new WorkflowTransitionError(from, event);
  return to;
}

export function canTransition(from: VariantState, event: WorkflowEvent): boolean {
  return TRANSITIONS[event][from] !== undefined;
}

/** States whose variant may still be changed by people; later ones belong to the publishing engine. */
export const EDITABLE_STATES: readonly VariantState[] = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
];
