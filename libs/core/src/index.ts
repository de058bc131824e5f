export * from './config/app-config';
export * from './config/load-config';
export * from './config/config.module';
export * from './errors/domain-error';
export * from './crypto/credential-cipher';
export * from './text/vietnamese';
export * from './text/ids';
