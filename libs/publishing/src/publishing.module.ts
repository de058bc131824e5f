import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { ChannelsModule } from '@nhip/channels';
import { NotificationsModule } from '@nhip/notifications';
import { QueueModule } from '@nhip/queue';
import { AccountGate } from './account-gate';
import { Dispatcher } from './dispatcher';
import { PublicationAdmin } from './publication-admin';
import { PublishingMetrics } from './publishing-metrics';
import { PublicationPlanner } from './publication-planner';
import { PublicationStore } from './publication-store';
import { PublishRunner } from './publish-runner';
import { Reconciler } from './reconciler';
import { ReconcilerLiveness } from './reconciler-liveness';
import { UnknownResolver } from './unknown-resolver';

const PROVIDERS = [
  PublicationPlanner,
  PublicationStore,
  Dispatcher,
  AccountGate,
  PublishRunner,
  UnknownResolver,
  Reconciler,
  ReconcilerLiveness,
  PublicationAdmin,
  PublishingMetrics,
];

@Module({
  imports: [AuditModule, ChannelsModule, NotificationsModule, QueueModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class PublishingModule {}
