export * from './portal-html';
export * from './portal-rules';
export * from './wordpress-account';
export * from './wordpress-api-root';
export * from './wordpress-errors';
export * from './wordpress-slug';
export * from './wordpress.channel';
