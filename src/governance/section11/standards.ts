import { defineEnum, type EnumValue } from '../../platform/enums.js';

/**
 * The standards a section 11 audit asks an agency about. Seed 000 Appendix 1 §1.2-1.3 names the duty
 * (Children Act 2004 s11: "make arrangements for ensuring that their functions are discharged having
 * regard to the need to safeguard and promote the welfare of children") but does not list the
 * arrangements as headings, so each standard is taken from the seeds' own words and cites them. A round
 * keeps the words it was set with (section11_round_standard), so changing these later leaves old
 * rounds as they were.
 */
export interface Section11Standard {
  code: string;
  title: string;
  source: string;
}

export const SECTION11_STANDARDS: readonly Section11Standard[] = [
  {
    code: 'priority',
    title: 'Safeguarding and promoting the welfare of children is incorporated in the agency’s objectives and priorities',
    source: '000 Appendix 1 §1.2: “evaluate the priority given to safeguarding … and encourage them to incorporate this in their objectives and priorities”',
  },
  {
    code: 'functions',
    title: 'The agency’s functions are discharged having regard to the need to safeguard and promote the welfare of children',
    source: '000 Appendix 1 §1.2; 003 §2.14',
  },
  {
    code: 'services_on_behalf',
    title: 'Any body providing services on the agency’s behalf follows the same approach',
    source: '003 §2.14 (“for example, General Practitioners … on behalf of Primary Care Trusts”); 004 Box 6.1',
  },
  {
    code: 'skills_and_training',
    title: 'Staff have the skills, means and training to safeguard children and promote their welfare',
    source: '000 Appendix 1 §1.4 (“the skills, means and training necessary to ensure children and young people are protected from harm”); 003 §2.15 (“identifying training needs”)',
  },
  {
    code: 'sharing_concerns',
    title: 'Staff share concerns at an early stage to encourage preventative action',
    source: '004 Box 6.1 (“agencies give appropriate priority to safeguarding children and share concerns at an early stage to encourage preventative action”)',
  },
  {
    code: 'safer_recruitment',
    title: 'The agency is prepared for, and implements correctly, the Vetting and Barring Scheme',
    source: '001 §3 “Stay safe”',
  },
  {
    code: 'working_together',
    title: 'The agency works with the LSCB and other agencies to analyse its arrangements, identify improvements and agree how to make them',
    source: '003 §2.15; 000 §2.8',
  },
];

export const standardOf = (code: string): Section11Standard | undefined => SECTION11_STANDARDS.find((s) => s.code === code);

/** A standard's rating: three points, as section 11 audits are commonly marked. */
export const SECTION11_RATINGS = defineEnum(['met', 'partly_met', 'not_met']);
export type Section11Rating = EnumValue<typeof SECTION11_RATINGS>;

export const SECTION11_RATING_WORDS: Record<Section11Rating, string> = {
  met: 'Met',
  partly_met: 'Partly met',
  not_met: 'Not met',
};

export const SECTION11_AUDIT_STATUSES = defineEnum(['not_started', 'in_progress', 'submitted']);
export type Section11AuditStatus = EnumValue<typeof SECTION11_AUDIT_STATUSES>;

export const SECTION11_STATUS_WORDS: Record<Section11AuditStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
};
