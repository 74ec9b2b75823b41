// Import boundaries from ../shared/STYLE.md (`npm run lint:deps`; `npm run lint` runs it too). Each rule names the
// layer it protects; `comment` says why. Exceptions that are true of today's code are listed in the rule itself,
// so a new one is a visible change to this file.

/** Files that hold rules as plain functions: scoring, flags, parsing, periods, collectibility, *-rules.ts. */
const PURE = [
  '^src/modules/risk/(scoring|flags)/',
  '^src/modules/risk/(periods|risk-input)[.]ts$',
  '^src/modules/loans/parsing/',
  '/collectibility[.]ts$',
  '[.]parser[.]ts$',
  '-rules?[.]ts$',
  '^src/modules/network/npl-ratio[.]ts$',
  '^src/modules/retention/retention-cutoff[.]ts$',
  '^src/modules/consents/consent-expiry[.]ts$',
  '^src/modules/borrowers/(nik|borrower-key)[.]ts$',
  '^src/modules/cooperatives/(api-key-format|password-policy)[.]ts$',
  '^src/common/random/',
].join('|');

/** The framework, the database and the queues: what a pure-function file never imports. */
const FRAMEWORK = '^node_modules/(@nestjs/|typeorm/|typeorm-naming-strategies/|pg/|pg-copy-streams/|ioredis/|bullmq/)';
const TYPEORM = '^node_modules/(typeorm|@nestjs/typeorm)/';
const RAW_PG = '^node_modules/(pg|pg-copy-streams)/';

module.exports = {
  forbidden: [
    {
      name: 'common-config-not-to-modules',
      severity: 'error',
      comment: 'common/ and config/ are below the feature modules: they never import one.',
      from: { path: '^src/(common|config)/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'server-not-to-entry-points',
      severity: 'error',
      comment: 'Modules and common/ code never import the CLI or a process entry point (main, worker, cli).',
      from: { path: '^src/(modules|common|config)/' },
      to: { path: '^src/(cli/|(cli|main|worker)[.]ts$)' },
    },
    {
      name: 'controller-not-to-database',
      severity: 'error',
      comment:
        'A controller calls its service; repositories, the DataSource and EntityManager are the service’s business.',
      from: { path: '[.]controller[.]ts$' },
      to: { path: ['[.]repository[.]ts$', '^src/common/database/', TYPEORM, RAW_PG] },
    },
    {
      name: 'pure-functions-no-framework',
      severity: 'error',
      comment:
        'Scoring, flags, parsing and other rule files are plain functions: no Nest, TypeORM, pg, Redis or BullMQ.',
      from: { path: PURE, pathNot: '[.]spec[.]ts$' },
      to: { path: [FRAMEWORK, '^src/common/database/', '[.](repository|service|module|entity)[.]ts$'] },
    },
    {
      name: 'console-not-to-server',
      severity: 'error',
      comment: 'The console (src/console) is a browser bundle: it talks to the server over HTTP only.',
      from: { path: '^src/console/' },
      to: { path: '^src/', pathNot: '^src/console/' },
    },
    {
      name: 'server-not-to-console',
      severity: 'error',
      comment: 'The server serves the built console (dist/console) and imports none of its source.',
      from: { path: '^(src|test|bench|scripts|migrations)/', pathNot: '^src/console/|^test/console/' },
      to: { path: '^src/console/' },
    },
    {
      name: 'no-circular-modules',
      severity: 'error',
      comment:
        'Feature modules form a hierarchy: no two of them import each other, directly or through others (folders ' +
        'inside one module may). A cycle through common/ or config/ is reported here too; it goes once those two ' +
        'import no module (common-config-not-to-modules).',
      scope: 'folder',
      from: { path: '^src/modules/([^/]+)' },
      to: { path: '^src/modules/', pathNot: '^src/modules/$1(/|$)', circular: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself through others (Nest forwardRef cycles included).',
      from: { path: '^src/', pathNot: '^src/console/' },
      to: { circular: true },
    },
    {
      name: 'typeorm-only-in-the-data-layer',
      severity: 'error',
      comment:
        'Only repositories (and entities, for their decorators; modules, for TypeOrmModule.forFeature) touch TypeORM. ' +
        'Exceptions today: common/database (the data source, UnitOfWork and its Tx type), common/jobs/after-commit.ts ' +
        '(the commit subscriber reads the QueryRunner) and metrics.module.ts (registers that subscriber on the DataSource).',
      from: {
        path: '^src/',
        pathNot: [
          '[.](repository|entity|spec)[.]ts$',
          '^src/common/database/',
          '^src/common/jobs/after-commit[.]ts$',
          '^src/modules/metrics/metrics[.]module[.]ts$',
        ],
      },
      to: { path: TYPEORM, pathNot: '^node_modules/@nestjs/typeorm/' },
    },
    {
      name: 'nestjs-typeorm-only-in-modules-and-repositories',
      severity: 'error',
      comment:
        '@nestjs/typeorm (InjectDataSource, InjectRepository, TypeOrmModule) only in *.module.ts and repositories.',
      from: { path: '^src/', pathNot: ['[.](repository|module|spec)[.]ts$', '^src/common/database/'] },
      to: { path: '^node_modules/@nestjs/typeorm/' },
    },
    {
      name: 'pg-only-in-repositories',
      severity: 'error',
      comment: 'Raw pg (COPY streams, the pool) only in repositories and common/database.',
      from: { path: '^src/', pathNot: ['[.](repository|spec)[.]ts$', '^src/common/database/'] },
      to: { path: RAW_PG },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        'Every package imported is declared in package.json (an undeclared one works only by accident of hoisting).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing: a typo or a package that is not installed.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'server-not-to-dev-dependencies',
      severity: 'error',
      comment: 'Server code runs in production, where devDependencies are not installed (types-only imports are fine).',
      from: { path: '^src/', pathNot: ['^src/console/', '[.]spec[.]ts$', '[.]spec-support[.]ts$'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '^node_modules/@types/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve the way Node does for the server; the console is bundled by esbuild with the same resolution.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
