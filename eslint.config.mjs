// ESLint for cdcscope: typescript-eslint's strict type-checked rules, React's hooks rules, and the
// import boundaries of ARCHITECTURE.md. Run with `npm run lint` (cached; `npm test` runs it first).
//
// TypeScript: the project pins typescript 6.0.x, not 7. typescript-eslint (8.x) needs the compiler's
// JavaScript API, which TypeScript 7 (the native compiler) does not ship: its package exports only a
// version stub. Installing 6.0.x beside 7 for ESLint alone does not work with npm: typescript-eslint
// declares `typescript` as a peer dependency, and a peer cannot resolve to a different version than
// the root's (npm refuses the override with ERESOLVE). One compiler also means lint's type information
// is exactly what `tsc` checks. Move to 7 when typescript-eslint supports it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The broker client libraries: only server/brokers/ talks to brokers (ARCHITECTURE.md). */
const brokerClients = {
  regex: '^(kafkajs|@nats-io/.*)$',
  message: 'Broker clients belong in server/brokers/ (one folder per kind behind BrokerAdapter).',
};

/**
 * A path into one of the top-level folders, written relatively or through tsconfig's `@/` alias.
 * No folder under lib/, components/ or app/ shares these names, so a `../` chain ending in one of
 * them can only mean the top-level folder.
 */
const into = (folders) => `^(@/|(\\.\\./)+)(${folders.join('|')})(/|$)`;

const serverOnly = {
  regex: into(['server']),
  message: 'server/ holds I/O and secrets and must never reach the browser bundle.',
};

export default defineConfig(
  {
    ignores: [
      '.next/**',
      '.stack/**',
      '.cdcscope/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans in messages and keys are normal here (offsets, counts, ports); objects,
      // arrays, null and undefined still fail, which is what the rule is for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Unused names are tsc's job (noUnusedLocals, noUnusedParameters); one report is enough. `_`-prefixed
      // names are the convention for a parameter a callback signature requires.
      '@typescript-eslint/no-unused-vars': 'off',
      // `onClick={() => setOpen(false)}`: an arrow's shorthand body is the React idiom for a handler, and
      // the caller's type already discards its value. Voids in returns, `&&` and assignments still fail.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `while (true)` with returns inside is how the stream loops here read; other constant conditions still fail.
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: 'only-allowed-literals' },
      ],
    },
  },
  {
    // In a test, `value!` on something the test itself just produced is an assertion: if it is wrong the
    // test fails with a TypeError at that line, which is what a test should do. Application code still may not.
    // no-unsafe-assignment: Vitest's asymmetric matchers (`expect.stringMatching`, `expect.any`) are typed `any`
    // so they fit any slot of an expected object. A value of type any that a test goes on to use is still caught
    // by no-unsafe-member-access, -call, -argument and -return.
    files: ['**/*.test.{ts,tsx}', 'test/**', 'e2e/**'],
    // require-await: test doubles implement async interfaces, and `async` is what turns their throws into
    // rejections, as the real implementations behave.
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'components/**', 'app/**'],
    ...reactHooks.configs.flat.recommended,
  },
  // Import boundaries (ARCHITECTURE.md). server/server-only.test.ts and server/brokers/boundaries.test.ts
  // check the same lines and more (dynamic imports, require, the guard's position, broker kind folders).
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    ignores: ['server/brokers/**', 'test/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [brokerClients] }],
    },
  },
  {
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            brokerClients,
            {
              regex: into(['server', 'app', 'components']),
              message:
                'lib/ is pure and shared by server and browser: it imports nothing from server/, app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [brokerClients, serverOnly] }],
    },
  },
  // Plain JavaScript and .mts config files are outside tsconfig's program: lint them without types.
  {
    files: ['**/*.{js,mjs,cjs,mts}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
