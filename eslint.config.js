// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layer rules from ../shared/ARCHITECTURE.md, checked rather than remembered.
 * Each layer lists what it must never import: higher layers, and I/O modules
 * it has no business knowing.
 */
const IO_MODULES = [
  'fs',
  'node:fs',
  'fs/*',
  'node:fs/*',
  'net',
  'node:net',
  'http',
  'node:http',
  'child_process',
  'node:child_process',
  'serialport',
  '@serialport/*',
  'better-sqlite3',
  'mqtt',
  'pino',
  'pino-*',
];

/** @param {string[]} folders @param {string[]} modules */
function forbid(folders, modules) {
  return [
    'error',
    {
      patterns: [
        ...folders.map((folder) => ({
          group: [`**/${folder}/*`, `**/${folder}`],
          message: `This layer must not import ${folder}/ (see ARCHITECTURE.md, Layers).`,
        })),
        ...(modules.length > 0
          ? [{ group: modules, message: 'This layer does no I/O of this kind (ARCHITECTURE.md).' }]
          : []),
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['device/shared/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['sms', 'policy', 'modem', 'queue', 'gateway', 'cloud-bridge'],
        IO_MODULES,
      ),
    },
  },
  {
    files: ['device/sms/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['policy', 'modem', 'queue', 'gateway', 'cloud-bridge'],
        IO_MODULES,
      ),
    },
  },
  {
    files: ['device/policy/**'],
    rules: {
      'no-restricted-imports': forbid(['modem', 'queue', 'gateway', 'cloud-bridge'], IO_MODULES),
    },
  },
  {
    files: ['device/modem/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['queue', 'gateway', 'cloud-bridge'],
        ['better-sqlite3', 'mqtt'],
      ),
    },
  },
  {
    files: ['device/queue/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['modem', 'gateway', 'cloud-bridge'],
        ['serialport', '@serialport/*', 'mqtt'],
      ),
    },
  },
  {
    files: ['cloud-bridge/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['modem', 'gateway'],
        ['serialport', '@serialport/*', 'better-sqlite3'],
      ),
    },
  },
  {
    // The CLI and benchmarks talk to a terminal by design.
    files: ['bench/**', 'test/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
