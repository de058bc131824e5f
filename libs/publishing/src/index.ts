export * from './publication-planner';
export * from './publishing.module';
