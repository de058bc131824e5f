export * from './accounts/channel-account.service';
export * from './channels.module';
