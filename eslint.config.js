import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import playwright from 'eslint-plugin-playwright';
import pluginQuery from '@tanstack/eslint-plugin-query';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      '.data',
      'test-results',
      'playwright-report',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // Plain JavaScript (this file, public/early-start.js) has no types to check against.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    rules: {
      // Async by contract: store interfaces that return promises, fastify handlers whose value
      // is the answer, react-query functions. An async function without await is no bug here.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read answers as JSON they then check field by field; an assertion of the whole
    // shape first would only repeat what the expectation says.
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'server/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or handles loses its error silently.
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  ...pluginQuery.configs['flat/recommended'],
  { ...jsxA11y.flatConfigs.recommended, files: ['src/**/*.tsx'] },
  {
    files: ['src/**/*.tsx'],
    rules: {
      // A scrollable code or hex view must be reachable by keyboard to be scrolled (WCAG 2.1.1).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: ['pre'], roles: ['group'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, boundaries },
    settings: {
      'boundaries/include': ['src/**/*'],
      'boundaries/legacy-templates': false,
      'boundaries/elements': [
        { type: 'app', pattern: 'src/app' },
        { type: 'feature', pattern: 'src/features/*', capture: ['feature'] },
        { type: 'components', pattern: 'src/components' },
        { type: 'queries', pattern: 'src/queries' },
        { type: 'hooks', pattern: 'src/hooks' },
        { type: 'core', pattern: 'src/core' },
      ],
      'import/resolver': { node: { extensions: ['.ts', '.tsx'] } },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Imports flow one way: core <- queries <- hooks, components <- features <- app. Features
      // never import each other; what two features share moves down (query options per domain
      // into queries, shared hooks into hooks, presentational pieces into components, logic into
      // core).
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            {
              from: { element: { type: 'app' } },
              allow: {
                to: {
                  element: {
                    types: { anyOf: ['app', 'feature', 'components', 'queries', 'hooks', 'core'] },
                  },
                },
              },
            },
            {
              from: { element: { type: 'feature' } },
              allow: {
                to: { element: { types: { anyOf: ['components', 'queries', 'hooks', 'core'] } } },
              },
            },
            {
              from: { element: { type: 'feature' } },
              allow: {
                to: {
                  element: {
                    type: 'feature',
                    captured: { feature: '{{ from.captured.feature }}' },
                  },
                },
              },
            },
            {
              from: { element: { type: 'components' } },
              allow: { to: { element: { types: { anyOf: ['components', 'core'] } } } },
            },
            {
              from: { element: { type: 'hooks' } },
              allow: { to: { element: { types: { anyOf: ['hooks', 'queries', 'core'] } } } },
            },
            {
              from: { element: { type: 'queries' } },
              allow: { to: { element: { types: { anyOf: ['queries', 'core'] } } } },
            },
            {
              from: { element: { type: 'core' } },
              allow: { to: { element: { type: 'core' } } },
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', '@tanstack/react-query', 'react-hook-form'],
              message: 'src/core is plain TypeScript: keep React out of it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The no-React rule above applies to core only.
    files: ['src/app/**', 'src/features/**', 'src/components/**', 'src/queries/**', 'src/hooks/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['server/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The demo service's core (feature hashing, the job runner) knows nothing of HTTP: the
    // HTTP layer sits on top of it, never the other way round.
    files: ['server/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/*', '**/http', 'fastify', '@fastify/*'],
              message: 'server/core stays free of HTTP: move the HTTP detail into server/http.',
            },
          ],
        },
      ],
    },
  },
  {
    // The gateway's core (products, APIs, subscriptions, keys), its policy engine and the usage
    // core (recording, buckets, reports) know nothing of HTTP servers or clients: the http/ and
    // management/ layers beside them sit on top.
    files: [
      'server/gateway/core/**/*.ts',
      'server/gateway/policies/**/*.ts',
      'server/usage/core/**/*.ts',
      'server/ml-endpoints/core/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/http/*',
                '**/management/*',
                'fastify',
                '@fastify/*',
                'undici',
                'node:http',
                'node:https',
              ],
              message:
                'This core stays free of HTTP: put the HTTP detail in the http/ (or management/) folder beside it.',
            },
          ],
        },
      ],
    },
  },
  {
    ...playwright.configs['flat/recommended'],
    files: ['e2e/**/*.ts'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // Journeys are long on purpose (playwright best practices: fewer, longer journeys).
      'playwright/expect-expect': 'error',
      // A journey may skip when this machine lacks a tool it needs (python3 packages), never
      // unconditionally.
      'playwright/no-skipped-test': ['warn', { allowConditional: true }],
    },
  },
  {
    // A Playwright fixture that needs no other fixture declares so with `{}`.
    files: ['e2e/fixtures/test.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // e2e is a user of the app and the demo stack, not of the benchmarks.
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/bench/*'], message: 'e2e does not import from bench/.' }] },
      ],
    },
  },
  {
    // Every journey runs with the automatic fixtures (the CSP guard among them): one test.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message:
                "Import test from './fixtures/test': its automatic fixtures guard every journey.",
            },
          ],
          patterns: [{ group: ['**/bench/*'], message: 'e2e does not import from bench/.' }],
        },
      ],
    },
  },
  prettier,
);
