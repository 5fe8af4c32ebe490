// Type-aware lint at zero warnings; core/ may only import core/ (dependencies point inward).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'test-output/**',
      'scratch/**',
      'src/web/assets/**',
      'bin/**',
      'eslint.config.js',
      '.dependency-cruiser.cjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '**/http/**',
                '**/web/**',
                '**/email/**',
                '**/main/**',
                '**/vc/**',
              ],
              message: 'core/ imports only core/; reach the outside through a port.',
            },
            {
              group: [
                'fastify*',
                'kysely*',
                'pg',
                'better-sqlite3',
                'nodemailer',
                'node:fs*',
                'node:net',
                'node:http*',
              ],
              message: 'core/ stays pure: use a port.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (the out-of-process reference verifier) has no TypeScript project to type-check against.
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Migrations are frozen in time and typed against Kysely<any> on purpose (design.md §7).
    files: ['src/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
