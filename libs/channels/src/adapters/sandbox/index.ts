export * from './sandbox-post.store';
export * from './sandbox.channel';
