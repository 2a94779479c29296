import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { User } from '../../platform/auth/repository.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import { summariseFaults } from '../../platform/faults.js';
import { validateChild, type ValidChild } from '../../children/index.js';
import { elementKeys, findForm } from '../form.js';
import type { AssessmentContent, Consent } from '../types.js';

/**
 * The portable common assessment's document format (000 §2.25): its shape, the JSON Schema it is
 * checked against (schemas/common-assessment-v1.schema.json) and the checks of meaning a schema
 * cannot make. Each fault is named by its JSON path. See docs/portable-assessment-format.md.
 */

export const PORTABLE_FORMAT = 'ctp-common-assessment';
export const PORTABLE_FORMAT_VERSION = 1;

/** The document, format version 1. Every field is described in the JSON Schema. */
export interface PortableAssessment {
  format: typeof PORTABLE_FORMAT;
  formatVersion: typeof PORTABLE_FORMAT_VERSION;
  exportedAt: string;
  fromArea: { code: string; name: string };
  form: { code: string; version: string };
  child: Pick<ValidChild, 'givenName' | 'familyName' | 'dateOfBirth' | 'gender' | 'nhsNumber' | 'upn' | 'postcode'> & {
    /** Optional: why a young person of 18 or over is held (000 §1.15); without it they could not be recorded. */
    extendedScope?: ValidChild['extendedScope'];
  };
  assessment: {
    version: number;
    completedAt: string;
    completedByName: string;
    assessorName: string;
    assessorOrganisation: string;
    assessorService: string;
    onBehalfOf: string;
    content: AssessmentContent;
  };
  history: { version: number; completedAt: string; completedByName: string; changeNote: string }[];
  consent: {
    kind: 'given' | 'without consent';
    givenByName: string;
    givenByRelationship: Consent['givenByRelationship'];
    givenOn: string;
    method: Consent['method'];
    legalBasis: string;
    /** Who decided to share without consent; the receiving area records the same decision. */
    decidedByName: string;
  };
  leadProfessional: { name: string; organisation: string; phone: string; email: string } | null;
  team: { practitionerName: string; service: string; organisation: string; role: string; phone: string; email: string }[];
}

/** The schema itself, for routes that publish it. */
export const portableAssessmentSchema = JSON.parse(
  readFileSync(new URL('../../../schemas/common-assessment-v1.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
// ajv-formats is CommonJS: under NodeNext its default export is typed as the module, whose `default` is the plugin.
ajvFormats.default(ajv);
const matchesSchema = ajv.compile<PortableAssessment>(portableAssessmentSchema);

const pointer = (name: string): string => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

const FORMAT_WORDS: Record<string, string> = {
  date: 'a real date in the format YYYY-MM-DD, like 2016-04-02',
  'date-time': 'a date and time with a time zone, like 2027-03-27T14:05:00Z',
};

/** One Ajv error as a fault a person can act on: the JSON path of the fault, the keyword broken, and words. */
function toFault(e: ErrorObject): FieldError {
  const p = e.params as Record<string, unknown>;
  const extra = p.missingProperty ?? p.additionalProperty ?? p.propertyName;
  const field = `${e.instancePath}${typeof extra === 'string' ? pointer(extra) : ''}` || '/';
  const limit = String(p.limit);
  const words = ((): string => {
    switch (e.keyword) {
      case 'required':
        return 'is missing';
      case 'additionalProperties':
        return `is not part of format version ${PORTABLE_FORMAT_VERSION}: remove it`;
      case 'enum':
        return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      case 'const':
        return `must be ${JSON.stringify(p.allowedValue)}`;
      case 'type':
        return `must be ${String(p.type).replace(',', ' or ')}`;
      case 'format':
        return `must be ${FORMAT_WORDS[String(p.format)] ?? String(p.format)}`;
      case 'maxLength':
        return `must be ${limit} characters or less`;
      case 'pattern':
        return p.pattern === '\\S' ? 'must not be blank' : 'is not in the right form';
      case 'minimum':
        return `must be ${limit} or more`;
      case 'maxItems':
      case 'maxProperties':
        return `must have ${limit} entries or fewer`;
      default:
        return e.message ?? 'is not valid';
    }
  })();
  return { field, rule: e.keyword, message: `${field} ${words}` };
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The rules beyond the schema, read defensively so they are reported beside any structural fault:
 * the form must be one this installation knows, with only its elements; the child's identifiers
 * and names pass the index's own rules; and the file must come from another area.
 */
function checkMeaning(doc: Record<string, unknown>, user: User, faults: FieldError[]): ValidChild | undefined {
  const form = asObject(doc.form);
  if (form && typeof form.code === 'string' && typeof form.version === 'string') {
    const known = findForm(form.code, form.version);
    if (!known) {
      faults.push({
        field: '/form',
        rule: 'unknown_form',
        message: `/form ${form.code} version ${form.version} is not a form this installation knows`,
      });
    } else {
      const keys = new Set(elementKeys(known));
      const elements = asObject(asObject(asObject(doc.assessment)?.content)?.elements) ?? {};
      for (const key of Object.keys(elements).filter((k) => !keys.has(k))) {
        const field = `/assessment/content/elements${pointer(key)}`;
        faults.push({
          field,
          rule: 'unknown_element',
          message: `${field} is not an element of the form ${known.code} version ${known.version}`,
        });
      }
    }
  }
  const fromArea = asObject(doc.fromArea);
  if (fromArea && fromArea.code === user.areaCode) {
    faults.push({
      field: '/fromArea/code',
      rule: 'same_area',
      message: '/fromArea/code is this area: the assessment is already held here',
    });
  }
  const child = asObject(doc.child);
  if (!child) return undefined;
  // The index's own rules (checkNhsNumber, checkUpn, checkPostcode, names, date of birth and age scope).
  const checked = validateChild({
    givenName: asString(child.givenName),
    familyName: asString(child.familyName),
    dateOfBirth: asString(child.dateOfBirth),
    gender: asString(child.gender),
    nhsNumber: asString(child.nhsNumber),
    upn: asString(child.upn),
    postcode: asString(child.postcode),
    extendedScope: asString(child.extendedScope),
  });
  if (checked.ok) return checked.value;
  for (const e of checked.errors.errors)
    faults.push({ field: `/child/${e.field}`, rule: e.rule, message: `/child/${e.field}: ${e.message}` });
  return undefined;
}

/**
 * At most FAULTS_SHOWN_PER_KIND faults of each rule, then one line a rule saying how many more there
 * are, so the page and the problem+json stay small however many faults a document has (platform/faults.ts).
 */
function boundedFaults(faults: FieldError[]): FieldError[] {
  const summary = summariseFaults(faults, (f) => f.rule);
  if (summary.kinds.every((k) => k.more === 0)) return faults;
  return summary.kinds.flatMap((k) => [
    ...k.shown,
    ...(k.more > 0
      ? [
          {
            field: '/',
            rule: 'more_faults',
            message: `... and ${k.more.toLocaleString('en-GB')} more faults of the kind "${k.kind}" (${summary.total.toLocaleString('en-GB')} faults in all)`,
          },
        ]
      : []),
  ]);
}

/** The document, checked against the schema and the rules beyond it; every fault is reported at once. */
export function readPortableAssessment(document: unknown, user: User): { doc: PortableAssessment; child: ValidChild } {
  const root = asObject(document);
  if (!root) throw validationFailed([{ field: '/', rule: 'type', message: 'The file must hold one JSON object' }]);
  // A version this installation does not know is refused on its own: its other fields mean something else.
  if (root.format !== PORTABLE_FORMAT || root.formatVersion !== PORTABLE_FORMAT_VERSION) {
    const field = root.format !== PORTABLE_FORMAT ? '/format' : '/formatVersion';
    throw validationFailed([
      {
        field,
        rule: 'unknown_format_version',
        message: `This is not a ${PORTABLE_FORMAT} document of format version ${PORTABLE_FORMAT_VERSION}, the version this installation reads (${field} is ${JSON.stringify(root[field.slice(1)] ?? null)})`,
      },
    ]);
  }
  const faults: FieldError[] = [];
  const valid = matchesSchema(root);
  // 'if' only says a conditional failed; the keyword inside it names the fault.
  if (!valid) faults.push(...(matchesSchema.errors ?? []).filter((e) => e.keyword !== 'if').map(toFault));
  const child = checkMeaning(root, user, faults);
  // One fault a field; a Set keeps this linear (a file with thousands of faults was quadratic here).
  const seen = new Set<string>();
  const unique = faults.filter((f) => !seen.has(f.field) && seen.add(f.field));
  if (!valid || !child || unique.length > 0) throw validationFailed(boundedFaults(unique));
  return { doc: root, child };
}
