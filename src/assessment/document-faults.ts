import type { ErrorObject } from 'ajv';
import type { FieldError } from '../platform/errors.js';
import { summariseFaults } from '../platform/faults.js';

/**
 * Faults in a JSON document a person sent (a portable assessment, a form definition), each named by
 * its JSON path and the rule it broke, in words they can act on; never more than a page of them.
 */

/** A JSON Pointer segment for a member name. */
export const pointer = (name: string): string => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

const FORMAT_WORDS: Record<string, string> = {
  date: 'a real date in the format YYYY-MM-DD, like 2016-04-02',
  'date-time': 'a date and time with a time zone, like 2027-03-27T14:05:00Z',
};

/** One Ajv error as a fault a person can act on: the JSON path of the fault, the keyword broken, and words. */
export function schemaFault(e: ErrorObject, formatVersion: number): FieldError {
  const p = e.params as Record<string, unknown>;
  const extra = p.missingProperty ?? p.additionalProperty ?? p.propertyName;
  const field = `${e.instancePath}${typeof extra === 'string' ? pointer(extra) : ''}` || '/';
  const limit = String(p.limit);
  const words = ((): string => {
    switch (e.keyword) {
      case 'required':
        return 'is missing';
      case 'additionalProperties':
        return `is not part of format version ${formatVersion}: remove it`;
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
      case 'minItems':
        return `must have at least ${limit} ${limit === '1' ? 'entry' : 'entries'}`;
      case 'maxItems':
      case 'maxProperties':
        return `must have ${limit} entries or fewer`;
      default:
        return e.message ?? 'is not valid';
    }
  })();
  return { field, rule: e.keyword, message: `${field} ${words}` };
}

/**
 * At most FAULTS_SHOWN_PER_KIND faults of each rule, then one line a rule saying how many more there
 * are, so the page and the problem+json stay small however many faults a document has (platform/faults.ts).
 */
export function boundedFaults(faults: FieldError[]): FieldError[] {
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
