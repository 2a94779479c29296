import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { defineEnum, type EnumValue } from '../../platform/enums.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import { boundedFaults, schemaFault } from '../document-faults.js';
import { NATIONAL_CAF, type AssessmentForm } from '../form.js';

/**
 * A form definition (004 para 186: national and local forms of common assessment both existed): the
 * document an area administrator uploads, exports and imports into another area. Its shape is the
 * published JSON Schema schemas/assessment-form-v1.schema.json, modelled on the national CAF
 * (schemas/forms/caf-national-2006.1.json is the national form as a definition).
 */

export const FORM_FORMAT = 'ctp-assessment-form';
export const FORM_FORMAT_VERSION = 1;

/** draft: uploaded and previewed only; published: offered to practitioners, and never changed. */
export const FORM_STATUSES = defineEnum(['draft', 'published']);
export type FormStatus = EnumValue<typeof FORM_STATUSES>;

export interface FormDefinition extends AssessmentForm {
  format: typeof FORM_FORMAT;
  formatVersion: typeof FORM_FORMAT_VERSION;
}

/** The schema itself, for the route that publishes it. */
export const assessmentFormSchema = JSON.parse(
  readFileSync(new URL('../../../schemas/assessment-form-v1.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true });
const matchesSchema = ajv.compile<FormDefinition>(assessmentFormSchema);

/** A form as its definition document: what an export downloads. */
export const definitionOf = (form: AssessmentForm): FormDefinition => ({
  format: FORM_FORMAT,
  formatVersion: FORM_FORMAT_VERSION,
  code: form.code,
  version: form.version,
  title: form.title,
  domains: form.domains.map((d) => ({ code: d.code, title: d.title, elements: d.elements.map((e) => ({ code: e.code, title: e.title })) })),
});

/** The form a definition describes, without the document's own markers. */
export const formOf = (definition: FormDefinition): AssessmentForm => {
  const { format: _format, formatVersion: _version, ...form } = definition;
  return form;
};

/**
 * What a schema cannot say: codes are unique (an element is named domain.element in an assessment's
 * content, so two alike would share one box), and the national form's code belongs to the nation.
 */
function checkMeaning(doc: FormDefinition, faults: FieldError[]): void {
  if (doc.code === NATIONAL_CAF.code)
    faults.push({
      field: '/code',
      rule: 'reserved',
      message: `/code ${doc.code} is the national form’s code: give the local form its own`,
    });
  const domains = new Set<string>();
  doc.domains.forEach((d, i) => {
    if (domains.has(d.code))
      faults.push({
        field: `/domains/${i}/code`,
        rule: 'unique',
        message: `/domains/${i}/code ${d.code} is the code of an earlier domain`,
      });
    domains.add(d.code);
    const elements = new Set<string>();
    d.elements.forEach((e, j) => {
      const field = `/domains/${i}/elements/${j}/code`;
      if (elements.has(e.code))
        faults.push({ field, rule: 'unique', message: `${field} ${e.code} is the code of an earlier element of this domain` });
      elements.add(e.code);
    });
  });
}

/**
 * The document, checked against the published schema and the rules beyond it; every fault is
 * reported at once, each by its JSON path. Nothing is thrown but a validation failure.
 */
export function readFormDefinition(document: unknown): FormDefinition {
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw validationFailed([{ field: '/', rule: 'type', message: 'The definition must be one JSON object' }]);
  const root = document as Record<string, unknown>;
  // A version this installation does not know is refused on its own: its other fields mean something else.
  if (root.format !== FORM_FORMAT || root.formatVersion !== FORM_FORMAT_VERSION) {
    const field = root.format !== FORM_FORMAT ? '/format' : '/formatVersion';
    throw validationFailed([
      {
        field,
        rule: 'unknown_format_version',
        message: `This is not a ${FORM_FORMAT} document of format version ${FORM_FORMAT_VERSION}, the version this installation reads (${field} is ${JSON.stringify(root[field.slice(1)] ?? null)})`,
      },
    ]);
  }
  if (!matchesSchema(root)) {
    throw validationFailed(boundedFaults((matchesSchema.errors ?? []).map((e) => schemaFault(e, FORM_FORMAT_VERSION))));
  }
  const faults: FieldError[] = [];
  checkMeaning(root, faults);
  if (faults.length > 0) throw validationFailed(boundedFaults(faults));
  return root;
}
