export * from './facebook.channel';
export * from './facebook.rules';
export * from './facebook.marker';
export * from './facebook.errors';
