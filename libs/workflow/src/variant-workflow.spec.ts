import { VARIANT_STATES, VariantState } from '@nhip/database';
import { canTransition, nextState, WorkflowEvent, WorkflowTransitionError } from './variant-workflow';

/** Every allowed transition, written out independently of the implementation's table. */
const ALLOWED: Array<[VariantState, WorkflowEvent, VariantState]> = [
  ['draft', 'submit', 'submitted'],
  ['changes_requested', 'submit', 'submitted'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'request_changes', 'changes_requested'],
  ['approved', 'schedule', 'scheduled'],
  ['scheduled', 'start_publishing', 'publishing'],
  ['publishing', 'mark_published', 'published'],
  ['publishing', 'mark_failed', 'failed'],
  ['publishing', 'mark_unknown', 'unknown'],
  ['unknown', 'mark_published', 'published'],
  ['unknown', 'mark_failed', 'failed'],
  ['failed', 'retry', 'scheduled'],
  ['unknown', 'retry', 'scheduled'],
  ['publishing', 'requeue', 'scheduled'],
  ['publishing', 'mark_rehearsed', 'rehearsed'],
  ['draft', 'cancel', 'cancelled'],
  ['submitted', 'cancel', 'cancelled'],
  ['changes_requested', 'cancel', 'cancelled'],
  ['approved', 'cancel', 'cancelled'],
  ['scheduled', 'cancel', 'cancelled'],
  ['draft', 'edit', 'draft'],
  ['changes_requested', 'edit', 'changes_requested'],
  ['submitted', 'edit', 'submitted'],
  ['approved', 'edit', 'submitted'],
  ['scheduled', 'edit', 'submitted'],
];

const EVENTS: WorkflowEvent[] = [
  'submit',
  'approve',
  'request_changes',
  'schedule',
  'start_publishing',
  'mark_published',
  'mark_failed',
  'mark_unknown',
  'mark_rehearsed',
  'retry',
  'requeue',
  'cancel',
  'edit',
];

describe('variant workflow', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
    expect(canTransition(from, event)).toBe(true);
  });

  const refused = VARIANT_STATES.flatMap((from) =>
    EVENTS.filter((event) => !ALLOWED.some(([f, e]) => f === from && e === event)).map(
      (event) => [from, event] as [VariantState, WorkflowEvent],
    ),
  );

  it.each(refused)('refuses %s --%s with a Vietnamese reason', (from, event) => {
    expect(canTransition(from, event)).toBe(false);
    let error: unknown;
    try {
      nextState(from, event);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkflowTransitionError);
    expect((error as WorkflowTransitionError).code).toBe('VARIANT_TRANSITION_NOT_ALLOWED');
    expect((error as Error).message).toMatch(/^Không thể .+ khi nội dung đang ở trạng thái ".+"\.$/);
  });

  it('nothing leaves published, rehearsed or cancelled, and nobody but the engine leaves publishing', () => {
    for (const event of EVENTS) {
      expect(canTransition('published', event)).toBe(false);
      expect(canTransition('rehearsed', event)).toBe(false);
      expect(canTransition('cancelled', event)).toBe(false);
    }
    expect(EVENTS.filter((e) => canTransition('publishing', e)).sort()).toEqual([
      'mark_failed',
      'mark_published',
      'mark_rehearsed',
      'mark_unknown',
      'requeue',
    ]);
  });

  it('covers every state × event pair', () => {
    expect(ALLOWED.length + refused.length).toBe(VARIANT_STATES.length * EVENTS.length);
  });
});
