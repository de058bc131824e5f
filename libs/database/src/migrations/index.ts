import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { PlanDetails1763900000000 } from './1763900000000-plan-details';
import { EditorialWorkflow1764000000000 } from './1764000000000-editorial-workflow';
import { StoryFormat1764050000000 } from './1764050000000-story-format';
import { Reports1764200000000 } from './1764200000000-reports';
import { MediaFiles1764300000000 } from './1764300000000-media-files';
import { ReconcilerHeartbeat1764400000000 } from './1764400000000-reconciler-heartbeat';
import { AccountCooldowns1764513013000 } from './1764513013000-account-cooldowns';
import { WebhookOutbox1764513013100 } from './1764513013100-webhook-outbox';
import { AgencyLines1764517300000 } from './1764517300000-agency-lines';
import { CalendarTimeIndexes1764519000000 } from './1764519000000-calendar-time-indexes';
import { Invitations1764914140000 } from './1764914140000-invitations';
import { SandboxAndRehearsal1764915300000 } from './1764915300000-sandbox-and-rehearsal';
import { ReportLifecycle1765000000000 } from './1765000000000-report-lifecycle';
import { AgencyReportRecipients1765000000100 } from './1765000000100-agency-report-recipients';
import { StoryRelays1765000000200 } from './1765000000200-story-relays';
import { PasswordChangeRequired1765000000300 } from './1765000000300-password-change-required';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  PlanDetails1763900000000,
  EditorialWorkflow1764000000000,
  StoryFormat1764050000000,
  Reports1764200000000,
  MediaFiles1764300000000,
  ReconcilerHeartbeat1764400000000,
  AccountCooldowns1764513013000,
  WebhookOutbox1764513013100,
  AgencyLines1764517300000,
  CalendarTimeIndexes1764519000000,
  Invitations1764914140000,
  SandboxAndRehearsal1764915300000,
  ReportLifecycle1765000000000,
  AgencyReportRecipients1765000000100,
  StoryRelays1765000000200,
  PasswordChangeRequired1765000000300,
];
