export * from './demo-agencies';
export * from './demo-data';
export * from './demo-plans';
export * from './project-files';
