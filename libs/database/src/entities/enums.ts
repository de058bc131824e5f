/** The administrative line: a province, its departments, its communes and wards, their offices. */
export const ADMINISTRATIVE_AGENCY_KINDS = ['province', 'department', 'commune', 'ward', 'other'] as const;
/** Party committees and their boards, which report on the Party's own form. */
export const PARTY_AGENCY_KINDS = ['party'] as const;
/** Bodies that coordinate with the administrative line and are never its subordinates. */
export const COORDINATOR_AGENCY_KINDS = ['front', 'press', 'enterprise', 'partner'] as const;
export const AGENCY_KINDS = [
  ...ADMINISTRATIVE_AGENCY_KINDS,
  ...PARTY_AGENCY_KINDS,
  ...COORDINATOR_AGENCY_KINDS,
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
/** Kinds that may stand without a superior: a province, a Party committee, the coordinators. */
export const ROOT_AGENCY_KINDS: readonly AgencyKind[] = [
  'province',
  ...PARTY_AGENCY_KINDS,
  ...COORDINATOR_AGENCY_KINDS,
];

/** Ordered from least to most privileged; `admin` includes `editor`, which includes `officer`. */
export const ROLES = ['viewer', 'officer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export { CHANNEL_TYPES } from '@nhip/vocabulary';
export type { ChannelType } from '@nhip/vocabulary';

export const CHANNEL_ACCOUNT_STATUSES = ['active', 'paused', 'needs_reconnection', 'not_connected'] as const;
export type ChannelAccountStatus = (typeof CHANNEL_ACCOUNT_STATUSES)[number];

export const VARIANT_STATES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unknown',
  'cancelled',
  'rehearsed',
] as const;
export type VariantState = (typeof VARIANT_STATES)[number];

export const PUBLICATION_STATES = [
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unknown',
  'cancelled',
  'rehearsed',
] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const ATTEMPT_OUTCOMES = [
  'succeeded',
  'retryable',
  'rate_limited',
  'auth_expired',
  'permanent',
  'unknown',
  'throttled',
  'blocked',
  'rehearsed',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const PEAK_KINDS = ['day', 'window'] as const;
export type PeakKind = (typeof PEAK_KINDS)[number];

export const API_TOKEN_KINDS = ['session', 'integration'] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

/** Tin, bài, phóng sự, video clip, infographic, bản tin phát thanh. */
export const STORY_FORMATS = ['news', 'article', 'feature', 'video', 'infographic', 'broadcast'] as const;
export type StoryFormat = (typeof STORY_FORMATS)[number];
