export * from './reports.controller';
export * from './target-values.controller';
