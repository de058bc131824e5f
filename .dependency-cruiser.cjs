/**
 * The layering rules the README states, checked on every `npm test`:
 * - libraries never import the apps, and the web app imports nothing of the server but `@nhip/vocabulary`,
 *   which itself imports nothing;
 * - one library reaches another only through its `index.ts` (`@nhip/<lib>`), never a file inside it;
 * - libraries depend on each other one way only (no cycle between libraries, and none between modules);
 * - server code that ships never needs a devDependency.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not import each other in a circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-library-cycle',
      severity: 'error',
      comment: 'Two libraries import each other (directly or through others): the boundary between them is wrong.',
      scope: 'folder',
      from: { path: '^libs/[^/]+/src$' },
      to: { path: '^libs/[^/]+/src$', circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'library-imports-app',
      severity: 'error',
      comment: 'Libraries are built into every app; an app is never imported by a library.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'deep-import-into-library',
      severity: 'error',
      comment: 'Another library or an app reaches this library only through @nhip/<lib> (its index.ts).',
      from: { path: '^(?:apps|libs)/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'web-imports-server',
      severity: 'error',
      comment:
        'The web app speaks to the api over HTTP only; it shares no server code but the vocabulary (channel types, the zone).',
      from: { path: '^apps/web/' },
      to: { path: '^(libs|apps/(api|worker|cli))/', pathNot: '^libs/vocabulary/src/index\\.ts$' },
    },
    {
      name: 'vocabulary-depends-on-nothing',
      severity: 'error',
      comment: 'The vocabulary is imported by the web app too, so it imports nothing: no library, no package.',
      from: { path: '^libs/vocabulary/' },
      to: { pathNot: '^libs/vocabulary/' },
    },
    {
      name: 'app-imports-app',
      severity: 'error',
      comment: 'The api and the worker are built from libraries only; only the cli starts them both.',
      from: { path: '^apps/(api|worker)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'shipped-code-needs-dev-dependency',
      severity: 'error',
      comment: 'Code that runs in production must not need a devDependency (it is not installed there).',
      from: {
        path: '^(libs|apps/(api|worker|cli))/',
        pathNot: '\\.(spec|int-spec|e2e-spec)\\.ts$',
      },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
