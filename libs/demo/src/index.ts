export * from './demo-agencies';
export * from './demo-data';
export * from './project-files';
