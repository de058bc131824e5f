export * from './zalo.channel';
export * from './zalo.rules';
export * from './zalo.marker';
export * from './zalo.errors';
