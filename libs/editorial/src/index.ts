export * from './stories/story.service';
export * from './variants/content-diff';
export * from './variants/schedule-policy';
export * from './variants/variant.service';
export * from './queue/approval-queue.service';
export * from './comments/comment.service';
export * from './media/media.service';
export * from './editorial.module';
