import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { User } from '../../platform/auth/repository.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import { validateChild, type ValidChild } from '../../children/index.js';
import { elementKeys, NATIONAL_CAF, type AssessmentForm } from '../form.js';
import type { AssessmentContent, Consent } from '../types.js';
import { boundedFaults, pointer, schemaFault } from '../document-faults.js';

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

/** The forms the importing area knows, by code and version (the service loads them first: national, or published here). */
export type KnownForm = (code: string, version: string) => AssessmentForm | undefined;
const nationalFormOnly: KnownForm = (code, version) =>
  code === NATIONAL_CAF.code && version === NATIONAL_CAF.version ? NATIONAL_CAF : undefined;

/** The form a document names, read before it is checked, so the service can load it. */
export function namedForm(document: unknown): { code: string; version: string } | undefined {
  const form = asObject(asObject(document)?.form);
  return form && typeof form.code === 'string' && typeof form.version === 'string' ? { code: form.code, version: form.version } : undefined;
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The rules beyond the schema, read defensively so they are reported beside any structural fault:
 * the form must be one this installation knows, with only its elements; the child's identifiers
 * and names pass the index's own rules; and the file must come from another area.
 */
function checkMeaning(doc: Record<string, unknown>, user: User, findForm: KnownForm, faults: FieldError[]): ValidChild | undefined {
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

/** The document, checked against the schema and the rules beyond it; every fault is reported at once. */
export function readPortableAssessment(
  document: unknown,
  user: User,
  findForm: KnownForm = nationalFormOnly,
): { doc: PortableAssessment; child: ValidChild } {
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
  if (!valid)
    faults.push(...(matchesSchema.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => schemaFault(e, PORTABLE_FORMAT_VERSION)));
  const child = checkMeaning(root, user, findForm, faults);
  // One fault a field; a Set keeps this linear (a file with thousands of faults was quadratic here).
  const seen = new Set<string>();
  const unique = faults.filter((f) => !seen.has(f.field) && seen.add(f.field));
  if (!valid || !child || unique.length > 0) throw validationFailed(boundedFaults(unique));
  return { doc: root, child };
}
