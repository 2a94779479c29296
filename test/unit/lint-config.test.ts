import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rules that keep the house in shape (issue 12 §2, §6), shown failing on deliberate
 * violations. The probes are linted as text under made-up file names, so nothing is written to
 * src/. Only the two rules under test run, without type information: typed linting would build
 * the whole program for each probe, and neither rule reads types.
 */
const root = join(import.meta.dirname, '..', '..');
const rulesUnderTest = new Set(['max-lines', 'import/no-restricted-paths']);
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => rulesUnderTest.has(ruleId),
});

/** The rules a probe breaks, each once. */
async function brokenRules(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  expect(result?.fatalErrorCount).toBe(0);
  return [...new Set(result?.messages.map((message) => message.ruleId ?? message.message))];
}

const linesOfCode = (n: number) => Array.from({ length: n }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';

describe('max-lines: a file holds one idea, in at most 400 lines', () => {
  it.each(['src/outcomes/lint-probe.ts', 'test/outcomes/lint-probe.test.ts', 'bench/lint-probe.ts'])(
    'refuses 401 lines of code in %s and accepts 400',
    async (filePath) => {
      expect(await brokenRules(linesOfCode(401), filePath)).toEqual(['max-lines']);
      expect(await brokenRules(linesOfCode(400), filePath)).toEqual([]);
    },
  );

  it('counts neither blank lines nor comments', async () => {
    const padded = `/**\n * A long comment.\n */\n\n${linesOfCode(400)}\n\n// the end\n`;
    expect(await brokenRules(padded, 'src/outcomes/lint-probe.ts')).toEqual([]);
  });

  it('is switched off nowhere in src/, test/ or bench/', () => {
    // A directive naming either rule, or naming none (which switches off every rule). Spelt in two
    // halves so that this file does not find itself.
    const directive = ['eslint', 'disable'].join('-');
    const switchedOff = new RegExp(`${directive}(-next-line|-line)?(\\s*(\\*/|$)|[^\\n]*(max-lines|no-restricted-paths))`, 'm');
    const offenders = ['src', 'test', 'bench']
      .flatMap((folder) => readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) => join(root, folder, file)))
      .filter((file) => file.endsWith('.ts') && switchedOff.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});

describe('feature boundaries: a feature sees another only through its index.ts', () => {
  it("refuses a feature importing another feature's internal file", async () => {
    const code = "import { findChild } from '../children/records/repository.js';\nexport const probe = findChild;\n";
    expect(await brokenRules(code, 'src/outcomes/lint-probe.ts')).toEqual(['import/no-restricted-paths']);
  });

  it('refuses a type-only import of an internal file, and one from a feature sub-folder', async () => {
    const typeOnly = "import type { NeedLevel } from '../assessment/types.js';\nexport type Probe = NeedLevel;\n";
    expect(await brokenRules(typeOnly, 'src/children/lint-probe.ts')).toEqual(['import/no-restricted-paths']);
    const nested = "import { outcomeServices } from '../../outcomes/service.js';\nexport const probe = outcomeServices;\n";
    expect(await brokenRules(nested, 'src/children/search/lint-probe.ts')).toEqual(['import/no-restricted-paths']);
  });

  it("accepts an import through the other feature's index.ts, and a feature's own files", async () => {
    const throughIndex = "import { childServices } from '../children/index.js';\nexport const probe = childServices;\n";
    expect(await brokenRules(throughIndex, 'src/outcomes/lint-probe.ts')).toEqual([]);
    const own = "import { findChildById } from './repository.js';\nexport const probe = findChildById;\n";
    expect(await brokenRules(own, 'src/children/lint-probe.ts')).toEqual([]);
    const platform = "import { AppError } from '../platform/errors.js';\nexport const probe = AppError;\n";
    expect(await brokenRules(platform, 'src/outcomes/lint-probe.ts')).toEqual([]);
  });

  it('holds the composition files to the same rule', async () => {
    const internal = "import { childApiRoutes } from './children/api.js';\nexport const probe = childApiRoutes;\n";
    expect(await brokenRules(internal, 'src/app.ts')).toEqual(['import/no-restricted-paths']);
    const throughIndex = "import { childServices } from './children/index.js';\nexport const probe = childServices;\n";
    expect(await brokenRules(throughIndex, 'src/services.ts')).toEqual([]);
  });

  it('refuses platform/ importing any feature, even through its index.ts, or a composition file', async () => {
    const feature = "import { childServices } from '../children/index.js';\nexport const probe = childServices;\n";
    expect(await brokenRules(feature, 'src/platform/lint-probe.ts')).toEqual(['import/no-restricted-paths']);
    const composition = "import { buildServices } from '../../services.js';\nexport const probe = buildServices;\n";
    expect(await brokenRules(composition, 'src/platform/http/lint-probe.ts')).toEqual(['import/no-restricted-paths']);
  });
});
