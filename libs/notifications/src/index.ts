export * from './notification.service';
export * from './webhook.service';
export * from './notifications.module';
