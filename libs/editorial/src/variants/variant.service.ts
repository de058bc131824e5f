import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { CHANNEL_TYPE_LABELS, ChannelRegistry } from '@nhip/channels';
import { DomainError } from '@nhip/core';
import { AgencyEntity, ApprovalEntity, ChannelAccountEntity, StoryEntity, VariantEntity } from '@nhip/database';
import { AccessPolicy } from '@nhip/identity';
import { Dispatcher, PublicationPlanner } from '@nhip/publishing';
import { NotificationService } from '@nhip/notifications';
import { nextState, WorkflowEvent } from '@nhip/workflow';
import { CommentService } from '../comments/comment.service';
import { checkOccurrenceTime, checkRecurrence, nextFreeSlot, occurrencesToPlan } from './schedule-policy';

export interface ScheduleInput {
  /** ISO instant of the (first) occurrence. */
  at?: string | null;
  /** RRULE body, anchored at `at` in Vietnam time. */
  rrule?: string | null;
  /** Take the channel account's next free posting slot when approved. */
  nextFreeSlot?: boolean;
}

export interface Actor {
  userId: string;
  requestId?: string;
}

export interface ActionResult {
  variant: VariantEntity;
  /** Said to the caller when an approval could not also schedule (e.g. the time has passed). */
  warnings: Array<{ code: string; message: string }>;
}

const scheduleOf = (v: VariantEntity) => ({
  at: v.scheduledAt?.toISOString() ?? null,
  rrule: v.rrule,
  nextFreeSlot: v.useNextSlot,
});
const stateOf = (v: VariantEntity) => ({
  state: v.state,
  revision: v.revision,
  content: v.content,
  schedule: scheduleOf(v),
});

/**
 * The editorial workflow of variants: drafting, submitting, approving (one or two steps), returning,
 * scheduling and cancelling. Every change runs in one transaction with its audit record, its
 * notifications and its publication rows.
 */
@Injectable()
export class VariantService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly channels: ChannelRegistry,
    private readonly planner: PublicationPlanner,
    private readonly dispatcher: Dispatcher,
    private readonly notifications: NotificationService,
    private readonly comments: CommentService,
  ) {}

  async get(variantId: string): Promise<VariantEntity> {
    const variant = await this.db.getRepository(VariantEntity).findOne({ where: { id: variantId } });
    if (!variant) throw DomainError.notFound('VARIANT_NOT_FOUND', 'Không tìm thấy nội dung theo kênh.');
    return variant;
  }

  /** Scripts of the other loudspeaker bulletins going out on the same account at the same time as this one. */
  async programmeAlongside(variant: VariantEntity): Promise<Array<{ text: string }>> {
    if (variant.channelType !== 'loudspeaker' || !variant.scheduledAt) return [];
    const rows: Array<{ script: string }> = await this.db.query(
      `SELECT content->>'script' AS script FROM variants
        WHERE channel_account_id = $1 AND scheduled_at = $2 AND id <> $3 AND state IN ('submitted', 'approved', 'scheduled')`,
      [variant.channelAccountId, variant.scheduledAt, variant.id],
    );
    return rows.filter((r) => r.script).map((r) => ({ text: r.script }));
  }

  async listForStory(storyId: string): Promise<VariantEntity[]> {
    return this.db.getRepository(VariantEntity).find({ where: { storyId }, order: { createdAt: 'ASC' } });
  }

  /** Drafts one variant per channel account from the story, for the officer to edit. */
  async generate(storyId: string, accountIds: string[], actor: Actor): Promise<VariantEntity[]> {
    return this.db.transaction((manager) => this.generateIn(manager, storyId, accountIds, actor));
  }

  /** Drafts the variants inside the caller's transaction; `scheduledAt` suggests their time. */
  async generateIn(
    manager: EntityManager,
    storyId: string,
    accountIds: string[],
    actor: Actor,
    scheduledAt: Date | null = null,
  ): Promise<VariantEntity[]> {
    const story = await manager.findOne(StoryEntity, { where: { id: storyId } });
    if (!story) throw DomainError.notFound('STORY_NOT_FOUND', 'Không tìm thấy tin bài.');
    const agency = await manager.findOneOrFail(AgencyEntity, { where: { id: story.agencyId } });
    const accounts = await manager.find(ChannelAccountEntity, { where: { id: In(accountIds) } });
    const missing = accountIds.filter((id) => !accounts.some((a) => a.id === id));
    if (missing.length)
      throw DomainError.invalid('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh đã chọn.', { missing });
    const created: VariantEntity[] = [];
    for (const account of accounts) {
      await this.access.assertRole(actor.userId, account.agencyId, 'officer');
      const content = this.channels.profile(account.type).draft(story, {
        agencyName: agency.shortName ?? agency.name,
        accountSettings: account.settings,
      }) as unknown as Record<string, unknown>;
      const variant = await manager.save(
        manager.create(VariantEntity, {
          storyId,
          channelAccountId: account.id,
          channelType: account.type,
          content,
          state: 'draft',
          scheduledAt,
          createdBy: actor.userId,
        }),
      );
      await this.record(manager, variant, story.agencyId, 'variant.created', actor, { after: stateOf(variant) });
      created.push(variant);
    }
    return created;
  }

  /**
   * Changes content and/or schedule. A submitted, approved or scheduled variant goes back to the queue
   * (submitted), its pending publications are cancelled, and the editors are told.
   */
  async edit(
    variantId: string,
    changes: { content?: Record<string, unknown>; schedule?: ScheduleInput; revision?: number },
    actor: Actor,
  ): Promise<ActionResult> {
    return this.db.transaction(async (manager) => {
      const { variant, story } = await this.load(manager, variantId);
      // Someone else changed it since the caller read it: their change is not overwritten blindly.
      if (changes.revision !== undefined && changes.revision !== variant.revision)
        throw DomainError.conflict(
          'REVISION_CONFLICT',
          'Nội dung vừa được người khác thay đổi; hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
          { revision: variant.revision },
        );
      const before = stateOf(variant);
      const to = nextState(variant.state, 'edit');
      if (changes.content) variant.content = changes.content;
      if (changes.schedule) this.applySchedule(variant, changes.schedule);
      if (JSON.stringify(stateOf(variant)) === JSON.stringify(before)) return { variant, warnings: [] };
      const wasInReview = variant.state !== to || variant.state === 'submitted';
      variant.state = to;
      variant.revision += 1;
      const cancelled = await this.planner.cancelPending(manager, variant.id);
      if (wasInReview) {
        variant.submittedAt = new Date();
        variant.submittedBy = actor.userId;
      }
      const saved = await manager.save(variant);
      await this.record(manager, saved, story.agencyId, 'variant.edited', actor, {
        before,
        after: stateOf(saved),
        cancelledPublications: cancelled,
      });
      if (before.state === 'approved' || before.state === 'scheduled')
        await this.askForApproval(manager, saved, story, 'Nội dung đã duyệt vừa được sửa, cần duyệt lại');
      return { variant: saved, warnings: [] };
    });
  }

  /** Sends a draft (or a returned variant) to the approval queue; the channel's rules must hold. */
  async submit(variantId: string, actor: Actor): Promise<ActionResult> {
    const result = await this.db.transaction(async (manager) => {
      const { variant, story } = await this.load(manager, variantId);
      const before = stateOf(variant);
      this.transition(variant, 'submit');
      this.validate(variant);
      if (variant.scheduledAt)
        checkOccurrenceTime(variant.channelType, this.leadSeconds(variant), variant.scheduledAt, new Date());
      variant.submittedAt = new Date();
      variant.submittedBy = actor.userId;
      const saved = await manager.save(variant);
      await this.record(manager, saved, story.agencyId, 'variant.submitted', actor, { before, after: stateOf(saved) });
      await this.askForApproval(manager, saved, story, 'Có nội dung mới chờ duyệt');
      const announced = { variant: saved, agencyId: story.agencyId, storyTitle: story.title };
      return { variant: saved, warnings: [], outbox: await this.announce(manager, announced, 'approval_requested') };
    });
    await this.notifications.handOverWebhooks(result.outbox);
    return { variant: result.variant, warnings: result.warnings };
  }

  /**
   * An editor of the owning agency (or above) approves the current revision. Where the agency asks for
   * two approvals, two different editors must approve; nobody approves their own variant unless the
   * agency allows it. The last approval schedules the variant when it has a time.
   */
  async approve(variantId: string, actor: Actor, comment?: string): Promise<ActionResult> {
    const result = await this.db.transaction(async (manager) => {
      const { variant, story } = await this.load(manager, variantId);
      await this.access.assertRole(actor.userId, story.agencyId, 'editor');
      if (variant.state !== 'submitted') nextState(variant.state, 'approve');
      const agency = await manager.findOneOrFail(AgencyEntity, { where: { id: story.agencyId } });
      const authors = new Set([variant.createdBy, variant.submittedBy].filter(Boolean));
      if (authors.has(actor.userId) && !agency.allowSelfApproval) {
        throw DomainError.forbidden(
          'Bạn không thể tự duyệt nội dung do mình soạn hoặc gửi duyệt.',
          'SELF_APPROVAL_NOT_ALLOWED',
        );
      }
      const approvals = await manager.find(ApprovalEntity, {
        where: { variantId, revision: variant.revision, decision: 'approved' },
        order: { step: 'ASC' },
      });
      if (approvals.some((a) => a.userId === actor.userId)) {
        throw DomainError.conflict('ALREADY_APPROVED', 'Bạn đã duyệt phiên bản này; cần một người duyệt khác.');
      }
      const step = approvals.length + 1;
      await manager.insert(ApprovalEntity, {
        variantId,
        revision: variant.revision,
        step,
        decision: 'approved',
        userId: actor.userId,
        comment: comment ?? null,
      });
      const before = stateOf(variant);
      const warnings: ActionResult['warnings'] = [];
      if (step < agency.requiredApprovals) {
        await this.record(manager, variant, story.agencyId, 'variant.approval_recorded', actor, {
          step,
          of: agency.requiredApprovals,
          comment: comment ?? null,
        });
        await this.askForApproval(
          manager,
          variant,
          story,
          `Nội dung đã qua bước duyệt ${step}/${agency.requiredApprovals}, chờ duyệt tiếp`,
          [actor.userId],
        );
        return { variant, warnings, outbox: [] as string[] };
      }
      this.transition(variant, 'approve');
      variant.lastApprovedRevision = variant.revision;
      variant.lastApprovedContent = variant.content;
      variant.lastApprovedSchedule = scheduleOf(variant);
      let saved = await manager.save(variant);
      await this.record(manager, saved, story.agencyId, 'variant.approved', actor, {
        before,
        after: stateOf(saved),
        step,
        comment: comment ?? null,
      });
      if (saved.scheduledAt || saved.useNextSlot) {
        try {
          saved = await this.scheduleApproved(manager, saved, story, actor);
        } catch (error) {
          if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
          warnings.push({
            code: error.code,
            message: `${error.message} Nội dung đã duyệt nhưng chưa lên lịch; hãy chọn thời điểm mới.`,
          });
          await this.notifications.notifyUsers(
            manager,
            [saved.submittedBy ?? saved.createdBy].filter((u): u is string => !!u),
            {
              kind: 'schedule_missed',
              title: `Chưa lên lịch được: ${story.title}`,
              body: error.message,
              link: `/api/v1/variants/${saved.id}`,
              data: { variantId: saved.id },
            },
          );
        }
      }
      const announced = { variant: saved, agencyId: story.agencyId, storyTitle: story.title };
      const outbox = saved.state !== 'submitted' ? await this.announce(manager, announced, 'approved') : [];
      return { variant: saved, warnings, outbox };
    });
    await this.notifications.handOverWebhooks(result.outbox);
    if (result.variant.state === 'scheduled') await this.dispatcher.enqueueVariant(result.variant.id);
    return { variant: result.variant, warnings: result.warnings };
  }

  /** An editor returns the variant to its author with a comment, which joins the story's thread. */
  async requestChanges(variantId: string, actor: Actor, comment: string): Promise<ActionResult> {
    const result = await this.db.transaction(async (manager) => {
      const { variant, story } = await this.load(manager, variantId);
      await this.access.assertRole(actor.userId, story.agencyId, 'editor');
      const before = stateOf(variant);
      this.transition(variant, 'request_changes');
      const step =
        (await manager.count(ApprovalEntity, {
          where: { variantId, revision: variant.revision, decision: 'approved' },
        })) + 1;
      await manager.insert(ApprovalEntity, {
        variantId,
        revision: variant.revision,
        step,
        decision: 'changes_requested',
        userId: actor.userId,
        comment,
      });
      await this.comments.add(story.id, { body: comment, variantId: variant.id }, actor.userId, manager);
      const saved = await manager.save(variant);
      await this.record(manager, saved, story.agencyId, 'variant.changes_requested', actor, {
        before,
        after: stateOf(saved),
        comment,
      });
      const author = saved.submittedBy ?? saved.createdBy;
      if (author) {
        await this.notifications.notifyUsers(manager, [author], {
          kind: 'changes_requested',
          title: `Cần chỉnh sửa: ${story.title}`,
          body: comment,
          link: `/api/v1/variants/${saved.id}`,
          data: { variantId: saved.id, storyId: story.id },
        });
      }
      const announced = { variant: saved, agencyId: story.agencyId, storyTitle: story.title, comment };
      return { variant: saved, warnings: [], outbox: await this.announce(manager, announced, 'changes_requested') };
    });
    await this.notifications.handOverWebhooks(result.outbox);
    return { variant: result.variant, warnings: result.warnings };
  }

  /**
   * Gives an approved variant its first time (no re-approval: the approval covered the content). An
   * approved variant has no publication: either it was approved without a time, or the time it carried
   * (a past one, no free slot) could not be used, and then the approver was told to choose a new one.
   */
  async schedule(variantId: string, schedule: ScheduleInput, actor: Actor): Promise<ActionResult> {
    return this.db
      .transaction(async (manager) => {
        const { variant, story } = await this.load(manager, variantId);
        if (variant.state !== 'approved') {
          throw DomainError.conflict(
            'VARIANT_NOT_SCHEDULABLE',
            'Chỉ lên lịch trực tiếp cho nội dung đã duyệt và chưa có thời điểm; muốn đổi thời điểm đã duyệt, hãy sửa nội dung (sẽ cần duyệt lại).',
            { state: variant.state },
          );
        }
        this.applySchedule(variant, schedule);
        return { variant: await this.scheduleApproved(manager, variant, story, actor), warnings: [] };
      })
      .then(async (result) => {
        await this.dispatcher.enqueueVariant(result.variant.id);
        return result;
      });
  }

  async cancel(variantId: string, actor: Actor): Promise<ActionResult> {
    return this.db.transaction(async (manager) => {
      const { variant, story } = await this.load(manager, variantId);
      const before = stateOf(variant);
      this.transition(variant, 'cancel');
      const cancelled = await this.planner.cancelPending(manager, variant.id);
      const saved = await manager.save(variant);
      await this.record(manager, saved, story.agencyId, 'variant.cancelled', actor, {
        before,
        after: stateOf(saved),
        cancelledPublications: cancelled,
      });
      return { variant: saved, warnings: [] };
    });
  }

  /**
   * Tells the agency's webhooks: their deliveries are written in the change's own transaction (the
   * outbox), and handed to the queue once it has committed.
   */
  private async announce(
    manager: EntityManager,
    result: { variant: VariantEntity; agencyId: string; storyTitle: string; comment?: string },
    kind: 'approval_requested' | 'approved' | 'changes_requested',
  ): Promise<string[]> {
    const v = result.variant;
    return this.notifications.recordWebhooks(manager, result.agencyId, {
      kind,
      id: `${v.id}.${v.revision}.${kind}`,
      payload: {
        variantId: v.id,
        storyId: v.storyId,
        storyTitle: result.storyTitle,
        channelType: v.channelType,
        state: v.state,
        revision: v.revision,
        ...(result.comment ? { comment: result.comment } : {}),
      },
    });
  }

  private async scheduleApproved(
    manager: EntityManager,
    variant: VariantEntity,
    story: StoryEntity,
    actor: Actor,
  ): Promise<VariantEntity> {
    const now = new Date();
    if (variant.useNextSlot) {
      const account = await manager.findOneOrFail(ChannelAccountEntity, { where: { id: variant.channelAccountId } });
      const taken: Array<{ occurrence_at: Date }> = await manager.query(
        `SELECT occurrence_at FROM publications WHERE channel_account_id = $1 AND state <> 'cancelled' AND occurrence_at >= $2`,
        [account.id, now],
      );
      const lead = new Date(now.getTime() + 300_000);
      const slot = nextFreeSlot(account.postingSlots, new Set(taken.map((t) => t.occurrence_at.getTime())), lead);
      if (!slot)
        throw DomainError.invalid(
          'NO_FREE_SLOT',
          'Tài khoản kênh không có khung giờ đăng trống trong 60 ngày tới (hoặc chưa khai báo khung giờ).',
        );
      variant.scheduledAt = slot;
    }
    const occurrences = occurrencesToPlan({ at: variant.scheduledAt!, rrule: variant.rrule }, now);
    if (occurrences.length === 0)
      throw DomainError.invalid('SCHEDULE_IN_PAST', 'Lịch lặp không còn lần đăng nào trong tương lai.');
    checkOccurrenceTime(variant.channelType, this.leadSeconds(variant), occurrences[0], now);
    const before = stateOf(variant);
    this.transition(variant, 'schedule');
    const saved = await manager.save(variant);
    const publications = await this.planner.plan(
      manager,
      { id: saved.id, channelAccountId: saved.channelAccountId, revision: saved.revision },
      occurrences,
    );
    await this.record(manager, saved, story.agencyId, 'variant.scheduled', actor, {
      before,
      after: stateOf(saved),
      publications,
      occurrences: occurrences.map((o) => o.toISOString()),
    });
    return saved;
  }

  private applySchedule(variant: VariantEntity, schedule: ScheduleInput) {
    if (schedule.nextFreeSlot) {
      variant.useNextSlot = true;
      variant.scheduledAt = null;
      variant.rrule = null;
      return;
    }
    variant.useNextSlot = false;
    variant.scheduledAt = schedule.at ? new Date(schedule.at) : null;
    variant.rrule = schedule.rrule ?? null;
    if (variant.rrule && !variant.scheduledAt)
      throw DomainError.invalid('RRULE_NEEDS_START', 'Lịch lặp cần thời điểm bắt đầu ("at").');
    if (variant.scheduledAt) checkRecurrence({ at: variant.scheduledAt, rrule: variant.rrule });
  }

  private leadSeconds(variant: VariantEntity): number {
    return this.channels.profile(variant.channelType).minLeadSeconds(variant.content);
  }

  private validate(variant: VariantEntity) {
    const problems = this.channels.get(variant.channelType).validate(variant.content);
    if (problems.length) {
      throw DomainError.invalid(
        'VARIANT_BREAKS_CHANNEL_RULES',
        `Nội dung chưa đúng quy định của kênh: ${problems.map((p) => p.message).join(' ')}`,
        { problems },
      );
    }
  }

  private transition(variant: VariantEntity, event: WorkflowEvent) {
    variant.state = nextState(variant.state, event);
  }

  private async load(manager: EntityManager, variantId: string) {
    const variant = await manager.findOne(VariantEntity, {
      where: { id: variantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!variant) throw DomainError.notFound('VARIANT_NOT_FOUND', 'Không tìm thấy nội dung theo kênh.');
    const story = await manager.findOneOrFail(StoryEntity, { where: { id: variant.storyId } });
    return { variant, story };
  }

  private async askForApproval(
    manager: EntityManager,
    variant: VariantEntity,
    story: StoryEntity,
    title: string,
    except: string[] = [],
  ) {
    const editors = (await this.notifications.usersWithRoleOver(manager, story.agencyId, ['editor', 'admin'])).filter(
      (u) => !except.includes(u) && u !== variant.submittedBy,
    );
    await this.notifications.notifyUsers(manager, editors, {
      kind: 'approval_requested',
      title: `${title}: ${story.title}`,
      body: `Kênh: ${CHANNEL_TYPE_LABELS[variant.channelType]}`,
      link: `/api/v1/queue`,
      data: { variantId: variant.id, storyId: story.id },
    });
  }

  private async record(
    manager: EntityManager,
    variant: VariantEntity,
    agencyId: string,
    action: string,
    actor: Actor,
    data: Record<string, unknown>,
  ) {
    await this.audit.record(
      {
        action,
        subjectType: 'variant',
        subjectId: variant.id,
        actorUserId: actor.userId,
        agencyId,
        requestId: actor.requestId,
        data: { storyId: variant.storyId, ...data },
      },
      manager,
    );
  }
}
