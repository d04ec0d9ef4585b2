// Lint rules that guard the architecture (see ../shared/STYLE.md): the domain imports no framework or driver.
import tseslint from 'typescript-eslint';

const frameworkImports = ['express', 'mongoose', 'better-sqlite3', 'multer', 'handlebars', 'express-handlebars', 'puppeteer-core'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: frameworkImports.map((name) => ({ name, message: 'server/domain is pure business logic: no web framework, database driver or renderer.' })),
        patterns: [{ group: ['**/http/**', '**/store/sqlite/**', '**/store/mongo/**', '**/documents/**', '**/cli/**'], message: 'Dependencies point inward: domain → store/port.ts only.' }],
      }],
    },
  },
);
