/**
 * The one way front-line pages confirm what just happened (issue 14, bug 2): a successful POST
 * redirects with `?done=<key>`, and the page it lands on shows the GOV.UK success banner of that
 * key (`appSuccess` in children/views/partials/macros.njk). A key a page does not know shows nothing.
 */
export interface Banner {
  heading: string;
  text?: string;
}

/** What the assessment's overview confirms, keyed by `done`. */
export const OVERVIEW_BANNERS = {
  started: { heading: 'Common assessment started', text: 'Record the family’s consent, then write the assessment.' },
  consent: { heading: 'Consent decision recorded' },
  proposed: {
    heading: 'Sharing without consent proposed',
    text: 'Nothing is shared until a designated safeguarding lead or a practice manager other than you approves it.',
  },
  withdrawn: { heading: 'Consent withdrawn', text: 'Only the assessor’s organisation can open this assessment now.' },
  completed: { heading: 'Assessment completed', text: 'This version is locked. Appointing a lead professional is a separate step.' },
  discarded: { heading: 'Draft discarded' },
  imported: { heading: 'Assessment imported' },
  'member-added': { heading: 'Added to the team around the child', text: 'They are now shown as involved on the child’s record.' },
  'member-left': { heading: 'Removed from the team around the child' },
  'lead-appointed': { heading: 'Lead professional appointed' },
  'action-added': { heading: 'Action added to the plan' },
  'actions-added': { heading: 'Agreed actions added to the plan' },
  'action-updated': { heading: 'Action updated' },
  'review-recorded': { heading: 'Review recorded' },
  'referral-sent': { heading: 'Referral sent', text: 'The service receiving it is told, and must acknowledge it.' },
  closed: { heading: 'Assessment closed', text: 'The team around the child has disbanded.' },
} satisfies Record<string, Banner>;

export type OverviewDone = keyof typeof OVERVIEW_BANNERS;

/** What the assessment form confirms: saving a draft keeps the practitioner on the form. */
export const EDIT_BANNERS = {
  draft: { heading: 'Draft saved', text: 'Only you and the team around the child can see a draft until it is completed.' },
} satisfies Record<string, Banner>;

/** The banner a page shows for its `done` query value, if it knows it. */
export function bannerFor(banners: Record<string, Banner>, key: string | undefined): Banner | undefined {
  return key !== undefined && Object.hasOwn(banners, key) ? banners[key] : undefined;
}

/** Where a successful change lands: the page, with the key of its banner. */
export const withDone = (path: string, key: string): string => `${path}?done=${encodeURIComponent(key)}`;
