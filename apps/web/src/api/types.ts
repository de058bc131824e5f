/** Shapes of the API's responses, as the web app reads them (see /api/openapi.json). */

export type Role = 'viewer' | 'officer' | 'editor' | 'admin';
import type { ChannelType } from '@nhip/vocabulary';
export { CHANNEL_TYPES } from '@nhip/vocabulary';
export type { ChannelType };

export interface Me {
  id: string;
  username: string;
  displayName: string;
  /** The password was chosen by an administrator: nothing opens until the person chooses their own. */
  mustChangePassword?: boolean;
  memberships: Array<{ agencyId: string; agencyName: string | null; role: Role }>;
}

export interface Agency {
  id: string;
  code: string;
  officialCode: string | null;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  requiredApprovals: number;
  allowSelfApproval: boolean;
  /** "Nơi nhận" of every report of the agency, besides those its plans name. */
  reportRecipients: string[];
  myRole?: Role;
}

/** An existing person an admin may add to an agency. */
export interface UserCandidate {
  id: string;
  username: string;
  displayName: string;
  /** Outside the admin's reach: can only be invited. */
  needsInvitation: boolean;
}

/** A role offered at an agency, waiting for the person (or an admin of their agency) to accept. */
export interface Invitation {
  id: string;
  agencyId: string;
  userId: string;
  username: string | null;
  displayName: string | null;
  role: Role;
  createdAt: string;
  /** Only in the caller's own list (`GET /invitations`). */
  agencyName?: string | null;
  forMe?: boolean;
}

export interface Member {
  userId: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  role: Role;
  since: string;
}

export interface ChannelAccount {
  id: string;
  agencyId: string;
  type: ChannelType;
  name: string;
  settings: Record<string, unknown>;
  hasCredentials: boolean;
  status: 'active' | 'paused' | 'needs_reconnection' | 'not_connected';
  statusReason: string | null;
  /** The channel asked the account to wait: nothing is sent to it before `until`. */
  coolingDown: { until: string; kind: 'throttled' | 'blocked'; reason: string } | null;
  /** Publishes to Nhịp's own sandbox (Môi trường thử nghiệm). */
  sandbox: boolean;
  /** Rehearsal: runs through the engine, sends nothing. */
  rehearsal: boolean;
  rateLimitPerMinute: number | null;
  concurrency: number | null;
  /** Daily local times (HH:mm) the account posts at, for "next free slot". */
  postingSlots: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ChannelRules {
  portal: { titleMaxLength: number; excerptMaxLength: number; termsMax: number };
  facebook: { messageMaxLength: number; maxPhotos: number; scheduleMinLeadMinutes: number };
  zalo: { titleMaxLength: number; authorMaxLength: number; descriptionMaxLength: number };
  loudspeaker: { titleMaxLength: number; syllablesPerMinute: number };
}

export interface Campaign {
  id: string;
  agencyId: string;
  planId: string | null;
  name: string;
  description: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

export interface PlanSummary {
  id: string;
  code: string;
  title: string;
  /** The document's number ("662/KH-UBND"), when it has one. */
  number: string | null;
  periodStart: string;
  periodEnd: string;
  tasks: number;
}

export interface PlanDetail extends Omit<PlanSummary, 'tasks'> {
  tasks: Array<{
    id: string;
    number: string;
    name: string;
    deliverable: string | null;
    due: { phrase: string | null };
  }>;
  peaks: Array<{ id: string; key: string; name: string; startsOn: string; endsOn: string }>;
}

export interface CalendarEntry {
  id: string;
  seriesId?: string;
  kind: 'publication' | 'task' | 'peak' | 'report' | 'variant';
  title: string;
  description?: string;
  start: string;
  end: string;
  allDay: boolean;
  status: string;
  agency: { id: string; code: string; name: string } | null;
  channel?: { type: ChannelType; accountId: string; name: string };
  links: Record<string, string>;
  categories?: string[];
  /** A scheduled publication past its time: why it has not gone out. */
  overdue?: string;
}

export interface CadenceGap {
  date: string;
  peak: { key: string; name: string };
  agency: { id: string; code: string; name: string };
  channelType: ChannelType;
  expected: number;
  scheduled: number;
  missing: number;
}

export interface MediaItem {
  kind: 'image' | 'audio';
  url: string;
  caption?: string;
  alt?: string;
}

export interface Story {
  id: string;
  agencyId: string;
  title: string;
  summary: string | null;
  body: string | null;
  format: string;
  audiences: string[];
  language: string;
  sourceStoryId: string | null;
  campaignId: string | null;
  planTaskId: string | null;
  peakId: string | null;
  media: MediaItem[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Problem {
  field: string;
  code: string;
  message: string;
}

export interface Schedule {
  at: string | null;
  rrule: string | null;
  nextFreeSlot: boolean;
}

type VariantState =
  | 'draft'
  | 'submitted'
  | 'changes_requested'
  | 'approved'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'unknown'
  | 'cancelled';

/**
 * A variant's content. Its fields differ per channel type and are described at run time by
 * `GET /api/v1/channel-rules`, so screens read it field by field.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape is per channel, known only at run time
export type VariantContent = Record<string, any>;

export interface Variant {
  id: string;
  storyId: string;
  channelAccountId: string;
  channelType: ChannelType;
  state: VariantState;
  revision: number;
  content: VariantContent;
  schedule: Schedule;
  submittedAt: string | null;
  lastApprovedRevision: number | null;
  problems: Problem[];
  createdBy: string | null;
  updatedAt: string;
  warnings?: Array<{ code: string; message: string }>;
}

export interface StoryDetail extends Story {
  variants: Variant[];
}

export interface Comment {
  id: string;
  variantId: string | null;
  body: string;
  createdAt: string;
  author: { id: string; name: string };
  replies: Comment[];
}

export interface Preview {
  channel: ChannelType;
  problems: Problem[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each channel's preview has its own fields
  [key: string]: any;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface QueueItem {
  variantId: string;
  storyId: string;
  storyTitle: string;
  agency: { id: string; name: string };
  channel: { type: ChannelType; accountId: string; name: string };
  revision: number;
  scheduledAt: string | null;
  rrule: string | null;
  nextFreeSlot: boolean;
  submittedAt: string | null;
  submittedBy: { id: string; name: string } | null;
  content: VariantContent;
  changes: FieldChange[];
  firstReview: boolean;
  approvals: { required: number; given: Array<{ step: number; userId: string; name: string; at: string }> };
  canApprove: boolean;
}

export interface BulkResult {
  variantId: string;
  ok: boolean;
  state?: string;
  warnings?: Array<{ code: string; message: string }>;
  error?: { code: string; message: string };
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
  readAt: string | null;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Feed {
  id: string;
  agencyId: string;
  name: string;
  filters: Record<string, unknown>;
  createdAt: string;
  lastUsedAt: string | null;
  url?: string;
}

/** A call to a channel for a publication. */
interface PublicationAttempt {
  number: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  errorCode: string | null;
  /** The channel's reason, in Vietnamese. */
  errorMessage: string | null;
  /** What the channel answered; for a rehearsal, what would have gone out (`content`) and when (`at`). */
  response?: { rehearsal?: boolean; at?: string; content?: Record<string, unknown> } | null;
}

/** One variant to one channel account at one occurrence. */
export interface Publication {
  id: string;
  variantId: string;
  story: { id: string; title: string };
  agencyId: string;
  channel: { type: ChannelType; accountId: string; name: string; accountStatus: string; sandbox: boolean };
  occurrenceAt: string;
  state: string;
  version: number;
  attemptCount: number;
  nextAttemptAt: string | null;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: string | null;
  lastError: { kind?: string; code?: string; message?: string; at?: string; needsPerson?: boolean } | null;
  attempts: PublicationAttempt[];
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}
