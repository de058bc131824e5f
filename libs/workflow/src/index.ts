export * from './variant-workflow';
