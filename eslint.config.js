// Lint: correctness rules plus the layer order, which is enforced here rather than in review.
//
//   src/core      pure model; imports nothing of ours, no Node, no DOM
//   src/engine    may import core
//   workers       may import engine and core
//   src/app       may import engine (types, comlink proxy) and core; never server
//   server        may import core only (types and the filter language)
//
// An import that points up or sideways is an error (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const layer = (name, forbidden, extra = []) => ({
  name: `layer/${name}`,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `(^|/)(${forbidden.join('|')})(/|$)`,
            message: `${name} sits below ${forbidden.join(', ')}: imports point one way (docs/architecture.md).`,
          },
          ...extra,
        ],
      },
    ],
  },
});

const nodeBuiltins = {
  regex: '^(node:|fs$|path$|os$|crypto$|http$|child_process$)',
  message: 'src/core is pure: no Node built-ins.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', 'data/', 'bench/data/', 'bench/browser/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  { files: ['src/core/**'], ...layer('src/core', ['engine', 'connectors', 'app', 'workers', 'server', 'bench', 'test'], [nodeBuiltins]) },
  { files: ['src/engine/**', 'src/connectors/**'], ...layer('src/engine', ['app', 'workers', 'server', 'bench', 'test']) },
  { files: ['workers/**'], ...layer('workers', ['app', 'server', 'bench', 'test']) },
  { files: ['src/app/**'], ...layer('src/app', ['server', 'bench', 'test']) },
  { files: ['server/**'], ...layer('server', ['engine', 'connectors', 'app', 'workers', 'bench', 'test']) },
);
