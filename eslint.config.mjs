// Flat config: typescript-eslint's recommended set, three type-aware promise rules, and the jest rules that keep
// tests honest. Formatting is Prettier's (.prettierrc); no rule here is about layout, so the two never disagree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'tmp/**', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: each .ts/.tsx file is checked with the nearest tsconfig (tsconfig.json for the server, test/,
    // bench/, scripts/ and migrations/; src/console/tsconfig.json for the console).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Every place a promise would be dropped is checked, the console's event handlers (attributes) too: a handler
      // that starts async work says so with `void`, and each such handler catches its own errors.
      '@typescript-eslint/no-misused-promises': [
        'error',
        {
          checksVoidReturn: {
            arguments: true,
            attributes: true,
            properties: true,
            returns: true,
            variables: true,
            inheritedMethods: true,
          },
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // process.env is read in config/ only (and the TypeORM CLI data source, scripts, tests).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through AppConfig.' },
      ],
    },
  },
  {
    files: [
      'src/config/**',
      'src/common/database/cli-data-source.ts',
      'scripts/**',
      'bench/**',
      'test/**',
      'src/cli/**',
    ],
    rules: { 'no-restricted-properties': 'off', 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*-spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/valid-expect': ['error', { alwaysAwait: true }],
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'request.**.expect', 'expect*'] }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
