import { defineEnum, type EnumValue } from '../../platform/enums.js';

/**
 * The languages an area may translate its published plan and children's summary into (002 §7.3 and the
 * guidance it cites: the plan and the summary "available in different community languages"). Welsh for
 * areas on the border; the community languages most spoken in England after English (2021 Census). Each
 * carries its direction: right-to-left scripts are rendered with dir="rtl" and the language's own lang
 * code, so browsers shape and order them and screen readers switch voice (WCAG 2.2 3.1.2 Language of Parts).
 */
export const PLAN_LANGUAGES = defineEnum(['cy', 'ur', 'pa', 'bn', 'gu', 'ar', 'pl', 'ro', 'so', 'pt']);
export type PlanLanguage = EnumValue<typeof PLAN_LANGUAGES>;

export interface LanguageFacts {
  /** In English, for staff pages. */
  name: string;
  /** In the language itself, for the public link that a reader of it recognises. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
}

/** English, the language a plan is written in; not a translation, but a language a consultation response may be in. */
export const ENGLISH_FACTS: LanguageFacts = { name: 'English', nativeName: 'English', dir: 'ltr' };

export const LANGUAGE_FACTS: Record<PlanLanguage, LanguageFacts> = {
  cy: { name: 'Welsh', nativeName: 'Cymraeg', dir: 'ltr' },
  ur: { name: 'Urdu', nativeName: 'اردو', dir: 'rtl' },
  pa: { name: 'Punjabi (Gurmukhi)', nativeName: 'ਪੰਜਾਬੀ', dir: 'ltr' },
  bn: { name: 'Bengali', nativeName: 'বাংলা', dir: 'ltr' },
  gu: { name: 'Gujarati', nativeName: 'ગુજરાતી', dir: 'ltr' },
  ar: { name: 'Arabic', nativeName: 'العربية', dir: 'rtl' },
  pl: { name: 'Polish', nativeName: 'Polski', dir: 'ltr' },
  ro: { name: 'Romanian', nativeName: 'Română', dir: 'ltr' },
  so: { name: 'Somali', nativeName: 'Soomaali', dir: 'ltr' },
  pt: { name: 'Portuguese', nativeName: 'Português', dir: 'ltr' },
};

/**
 * Whether the printable PDF can be made in this language. platform/pdf.ts lays text out with pdfkit and
 * fontkit in the embedded DejaVu Sans: Latin-script languages print; Arabic-script ones do not, because
 * fontkit joins Arabic letters and reverses the run but applies no bidirectional algorithm (numbers and
 * Latin words inside Urdu come out backwards) and DejaVu Sans has no glyphs for Urdu's ہ (U+06C1) and ے
 * (U+06D2). Nor does it have Gurmukhi, Bengali or Gujarati. Those translations are printed from the web page.
 */
export const PRINTABLE_LANGUAGES: ReadonlySet<PlanLanguage> = new Set(['cy', 'pl', 'ro', 'so', 'pt']);
