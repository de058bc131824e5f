export * from './loudspeaker.channel';
export * from './loudspeaker.rules';
export * from './bulletin.protocol';
