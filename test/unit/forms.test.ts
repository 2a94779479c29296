import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, conflict, forbidden, validationFailed } from '../../src/platform/errors.js';
import {
  checkedValues,
  dateParts,
  dateValues,
  fileOf,
  formErrors,
  formOf,
  handleForm,
  type FormErrors,
} from '../../src/platform/http/forms.js';

describe('reading a form body', () => {
  it('reads text fields as sent, keeping spaces for the service to judge', () => {
    const form = formOf({ givenName: '  Amelia ', familyName: 'Hughes', notes: '' });
    expect(form).toEqual({ givenName: '  Amelia ', familyName: 'Hughes', notes: '' });
  });

  it('keeps the first value of a repeated text field', () => {
    expect(formOf({ reason: ['Safeguarding concern', 'Other'] }).reason).toBe('Safeguarding concern');
  });

  it('gives undefined for a field the body does not have, and nothing at all for no body', () => {
    expect(formOf({ familyName: 'Hughes' }).givenName).toBeUndefined();
    expect(formOf(undefined)).toEqual({});
    expect(formOf(null)).toEqual({});
    expect(formOf('givenName=Amelia')).toEqual({});
  });

  it('leaves out fields that are not text (a file, an object from a crafted body), and carries unknown text fields unread', () => {
    const form = formOf({ file: Buffer.from('a,b'), nested: { a: '1' }, count: 3, extra: 'kept' });
    expect(form).toEqual({ extra: 'kept' });
  });

  it('treats a field named __proto__ as a field, not as the form’s prototype', () => {
    const body: unknown = JSON.parse('{"__proto__": "x", "givenName": "Amelia"}');
    const form = formOf(body);
    expect(Object.getPrototypeOf(form)).toBe(Object.prototype);
    expect(Object.hasOwn(form, '__proto__')).toBe(true);
    expect(form.givenName).toBe('Amelia');
  });

  it('reads any body of text fields back exactly (property)', () => {
    const key = fc.string({ minLength: 1 }).filter((k) => k !== '__proto__');
    fc.assert(
      fc.property(fc.dictionary(key, fc.string()), (fields) => {
        expect(formOf(fields)).toEqual(fields);
      }),
    );
  });
});

describe('reading checkboxes', () => {
  it('reads no box ticked as an empty list', () => {
    expect(checkedValues({}, 'shareWith')).toEqual([]);
    expect(checkedValues(undefined, 'shareWith')).toEqual([]);
  });

  it('reads a single ticked box (sent as a string) as a list of one', () => {
    expect(checkedValues({ shareWith: 'org-1' }, 'shareWith')).toEqual(['org-1']);
  });

  it('reads several ticked boxes in the order sent, dropping anything that is not text', () => {
    expect(checkedValues({ shareWith: ['org-1', 'org-2', { x: 1 }, 'org-3'] }, 'shareWith')).toEqual(['org-1', 'org-2', 'org-3']);
  });

  it('does not read another field’s values', () => {
    expect(checkedValues({ areas: ['E06000001'] }, 'shareWith')).toEqual([]);
  });
});

describe('reading a chosen file', () => {
  it('gives the file a multipart form attached, and undefined for text or nothing', () => {
    expect(fileOf({ file: Buffer.from('a,b') }, 'file')?.toString('utf8')).toBe('a,b');
    expect(fileOf({ file: 'a,b' }, 'file')).toBeUndefined();
    expect(fileOf({}, 'file')).toBeUndefined();
  });
});

describe('reading GOV.UK date parts', () => {
  it('reads a valid date’s three boxes as typed', () => {
    const form = formOf({ 'dateOfBirth-day': '7', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015' });
    expect(dateParts(form, 'dateOfBirth')).toEqual({ day: '7', month: '3', year: '2015' });
  });

  it('reads an invalid date as typed, for the service to refuse against the field', () => {
    const form = formOf({ 'startedOn-day': '31', 'startedOn-month': 'Feb', 'startedOn-year': '20x5' });
    expect(dateParts(form, 'startedOn')).toEqual({ day: '31', month: 'Feb', year: '20x5' });
  });

  it('reads a missing box as empty, and another date’s boxes not at all', () => {
    const form = formOf({ 'startedOn-day': '1', 'endedOn-month': '2' });
    expect(dateParts(form, 'startedOn')).toEqual({ day: '1', month: '', year: '' });
    expect(dateParts(form, 'dateOfBirth')).toEqual({ day: '', month: '', year: '' });
  });

  it('fills the three boxes from a stored date, and leaves them empty for none or a malformed one', () => {
    expect(dateValues('dateOfBirth', '2015-03-07')).toEqual({
      'dateOfBirth-day': '7',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2015',
    });
    expect(dateValues('dateOfBirth', null)).toEqual({});
    expect(dateValues('dateOfBirth', '7/3/2015')).toEqual({});
  });

  it('reads back every stored date it fills (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const parts = dateParts(dateValues('heldOn', iso), 'heldOn');
        expect(`${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`).toBe(iso);
      }),
    );
  });
});

describe('the error summary', () => {
  it('links each fault to its field, a date to its day box, and a named field where the page says', () => {
    const errors = formErrors(
      [
        { field: 'givenName', rule: 'required', message: 'Enter the first name' },
        { field: 'dateOfBirth', rule: 'date', message: 'Date of birth must be a real date' },
        { field: 'otherNames.0.givenName', rule: 'max_length', message: 'Too long' },
        { field: '', rule: 'conflict', message: 'Someone changed the record' },
      ],
      { dates: ['dateOfBirth'], hrefs: { 'otherNames.0.givenName': 'previousGivenName' } },
    );
    expect(errors.summary).toEqual([
      { text: 'Enter the first name', href: '#givenName' },
      { text: 'Date of birth must be a real date', href: '#dateOfBirth-day' },
      { text: 'Too long', href: '#previousGivenName' },
      { text: 'Someone changed the record', href: '' },
    ]);
    expect(errors.byField.givenName).toEqual({ text: 'Enter the first name' });
    expect(errors.byField.dateOfBirth).toEqual({ text: 'Date of birth must be a real date' });
  });
});

describe('handling a form', () => {
  const shown: { errors: FormErrors; status: number }[] = [];
  const redisplay = (errors: FormErrors, status: number) => shown.push({ errors, status });

  it('answers the work’s value when it succeeds, showing nothing', async () => {
    shown.length = 0;
    expect(await handleForm(async () => 'id-1', redisplay)).toEqual({ ok: true, value: 'id-1' });
    expect(shown).toEqual([]);
  });

  it('shows the form again with the field errors and the refusal’s status', async () => {
    shown.length = 0;
    const refused = validationFailed([{ field: 'familyName', rule: 'required', message: 'Enter the last name' }]);
    const result = await handleForm(() => Promise.reject(refused), redisplay);
    expect(result).toEqual({ ok: false });
    expect(shown).toEqual([
      {
        status: 400,
        errors: {
          summary: [{ text: 'Enter the last name', href: '#familyName' }],
          byField: { familyName: { text: 'Enter the last name' } },
        },
      },
    ]);
  });

  it('shows a refusal that names no field at the top of the form (409 unless the page lists others)', async () => {
    shown.length = 0;
    await expect(handleForm(() => Promise.reject(conflict('A request already waits')), redisplay)).resolves.toEqual({ ok: false });
    expect(shown[0]?.errors.summary).toEqual([{ text: 'A request already waits', href: '' }]);
    await expect(handleForm(() => Promise.reject(forbidden('Not yours')), redisplay, { refusals: [403, 409] })).resolves.toEqual({
      ok: false,
    });
    expect(shown[1]?.status).toBe(403);
  });

  it('passes other errors on to the error handler', async () => {
    shown.length = 0;
    await expect(handleForm(() => Promise.reject(forbidden()), redisplay)).rejects.toBeInstanceOf(AppError);
    await expect(handleForm(() => Promise.reject(conflict('Not set up')), redisplay, { refusals: [] })).rejects.toBeInstanceOf(AppError);
    await expect(handleForm(() => Promise.reject(new Error('database down')), redisplay)).rejects.toThrow('database down');
    expect(shown).toEqual([]);
  });
});
