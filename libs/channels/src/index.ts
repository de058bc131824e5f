export * from './channel';
export * from './channel-error';
export * from './content/channel-content';
export * from './channel-registry';
export * from './accounts/channel-account.service';
export * from './accounts/pg-credential-store';
export * from './channels.module';
