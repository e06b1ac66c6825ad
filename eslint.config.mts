import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { candorRules } from './eslint-rules/index.mts';

// Runtime boundaries (docs: architecture): shared/ is pure, renderer/ reaches
// only the typed API, and only main/electron/ imports Electron. The tsconfig
// split catches Node and DOM globals; these rules catch the imports.
const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node scripts (bin/, scripts/): TypeScript does not check their globals.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { Buffer: 'readonly', URL: 'readonly', process: 'readonly', console: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeModules, 'electron', 'better-sqlite3', 'react', 'react-dom', 'plotly*', '../main/*', '../renderer/*', '**/main/**', '**/renderer/**'], message: 'shared/ is pure TypeScript: no Node, Electron, DOM libraries, main/ or renderer/.' }] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeModules, 'electron', 'better-sqlite3', '**/main/**'], message: 'renderer/ talks only to the typed API (renderer/src/api).' }] },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer'],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Model output is untrusted: render text, never HTML.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Model output is untrusted: use textContent.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ imports Electron.' }] }],
    },
  },
  {
    // Inside main/: transports -> handlers -> compute, import, report -> store -> shared (eslint-rules/main-layers.mts).
    files: ['main/**/*.ts'],
    plugins: { candor: candorRules },
    rules: { 'candor/main-layers': 'error' },
  },
  {
    // One owner for the database: only main/store holds a connection or writes SQL.
    files: ['main/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['main/store/**'],
    plugins: { candor: candorRules },
    rules: { 'candor/no-sql-outside-store': 'error' },
  },
  {
    // Anything leaving the app goes through external-links.ts: https only, after the user confirms.
    files: ['main/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['main/electron/external-links.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='openExternal']", message: 'Open links outside the app only through main/electron/external-links.ts (https, after the user confirms).' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Model output is untrusted: render text, never HTML.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Model output is untrusted: use textContent.' },
      ],
    },
  },
);
