// @ts-check
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files that wire the features together: they too see a feature only through its index.ts. */
const compositionFiles = ['./src/app.ts', './src/services.ts', './src/cli.ts', './src/server.ts'];

/** Every folder under src/ but platform/ is a feature; read from disk so a new feature is covered at once. */
const features = readdirSync(join(import.meta.dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'platform')
  .map((entry) => entry.name)
  .sort();

/** The zones of import/no-restricted-paths that keep each feature's inside its own. */
function featureBoundaries() {
  const publicFace = (/** @type {string} */ feature) => ({
    from: `./src/${feature}`,
    except: ['./index.ts'],
    message: `Import ${feature}/ through its public face, ${feature}/index.ts.`,
  });
  // cli.ts may also load a feature's commands.ts, its face for the command line: light to load at every
  // start, it loads the feature when one of its commands runs (ADR 0045).
  const commandLineFace = (/** @type {string} */ feature) => ({
    ...publicFace(feature),
    except: ['./index.ts', './commands.ts'],
    message: `Import ${feature}/ through ${feature}/index.ts (or, from cli.ts, ${feature}/commands.ts).`,
  });
  return [
    ...features.flatMap((target) =>
      features.filter((feature) => feature !== target).map((feature) => ({ target: `./src/${target}`, ...publicFace(feature) })),
    ),
    ...features.map((feature) => ({ target: compositionFiles.filter((file) => file !== './src/cli.ts'), ...publicFace(feature) })),
    ...features.map((feature) => ({ target: './src/cli.ts', ...commandLineFace(feature) })),
    {
      target: './src/platform',
      from: [...features.map((feature) => `./src/${feature}`), ...compositionFiles],
      message: 'platform/ is shared by every feature and must not import one.',
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'bin/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'import/ignore': ['node_modules'],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/routes.js'], message: "Features do not import each other's routes." }] },
      ],
    },
  },
  {
    // A feature imports another only through its index.ts; platform/ imports no feature (docs/architecture.md).
    files: ['src/**/*.ts'],
    rules: { 'import/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: featureBoundaries() }] },
  },
  {
    // A file past 400 lines holds two ideas: split it along the idea (../shared/style.md). Never switched off.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { document: 'readonly' }, sourceType: 'module' },
  },
);
