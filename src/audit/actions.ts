/**
 * The audit trail's actions in plain words (issue 14, auditor): what an auditor reads and filters
 * by, instead of the codes the features write (`child.viewed`). A code not listed here still reads
 * as words ("Assessment: draft saved"), so a new feature's entries are never shown as a bare code.
 */

const WORDS: Readonly<Record<string, string>> = {
  // Signing in and accounts.
  'auth.sign_in': 'Signed in',
  'auth.password_accepted': 'Gave their password',
  'auth.second_factor': 'Gave a security code',
  'auth.second_factor_enrolled': 'Set up two-factor sign-in',
  'auth.second_factor_throttled': 'Was stopped after too many security codes',
  'auth.sign_in_throttled': 'Was stopped after too many sign-in attempts',
  'auth.sign_out': 'Signed out',
  'auth.sign_out_everywhere': 'Signed out everywhere',
  'access.denied': 'Was refused a page or action',
  'user.created': 'Created a user',
  'user.changed': 'Changed a user’s role or organisation',
  'user.suspended': 'Suspended a user',
  'user.reenabled': 'Re-enabled a user',
  'user.closed': 'Closed a user’s account',
  'user.password_changed': 'Changed their password',
  'user.safeguarding_lead': 'Changed who is a designated safeguarding lead',
  'user.training_recorded': 'Recorded training or vetting',
  // The child index.
  'child.created': 'Added a child to the index',
  'child.searched': 'Searched for a child',
  'child.access_granted': 'Gave a reason to open a child’s record',
  'child.viewed': 'Opened a child’s record',
  'child.updated': 'Changed a child’s basic details',
  'child.involvement_started': 'Recorded an involvement with a child',
  'child.involvement_ended': 'Ended an involvement with a child',
  'child.carer_removed': 'Removed a parent or carer',
  'child.name_removed': 'Removed a previous or other name',
  'child.need_level_viewed': 'Saw a child’s level of need',
  'child.merged': 'Merged two records of a child',
  'child.merge_undone': 'Undid a merge of two records',
  'child.merges_listed': 'Looked at the merge history',
  'child.kept_apart': 'Kept two records apart',
  'child.duplicates_listed': 'Looked at possible duplicate records',
  'child.duplicate_compared': 'Compared two possible duplicate records',
  'child.shield_requested': 'Asked for a record to be shielded',
  'child.unshield_requested': 'Asked for a record to be unshielded',
  'child.shielded': 'Shielded a child’s record',
  'child.unshielded': 'Unshielded a child’s record',
  'child.shield_rejected': 'Refused to shield a record',
  'child.unshield_rejected': 'Refused to unshield a record',
  'child.shielding_requests_listed': 'Looked at shielding requests',
  'child.access_reviews_listed': 'Looked at access reviews',
  'child.access_reviewed': 'Reviewed someone’s access to a record',
  'child.access_report': 'Read who has looked at a child’s record',
  'child.subject_access_export': 'Exported a subject access request',
  'children.import_started': 'Started importing children',
  'children.imported': 'Imported children',
  // Front-line work.
  'assessment.checklist_recorded': 'Recorded a pre-assessment checklist',
  'assessment.checklists_viewed': 'Looked at pre-assessment checklists',
  'assessment.started': 'Started a common assessment',
  'assessment.viewed': 'Opened a common assessment',
  'assessment.list_viewed': 'Looked at a child’s assessments',
  'assessment.draft_saved': 'Saved a draft assessment',
  'assessment.draft_discarded': 'Discarded a draft assessment',
  'assessment.completed': 'Completed an assessment',
  'assessment.closed': 'Closed an assessment',
  'assessment.exported': 'Exported an assessment',
  'assessment.imported': 'Imported an assessment',
  'assessment.consent_recorded': 'Recorded consent',
  'assessment.consent_withdrawn': 'Recorded consent withdrawn',
  'assessment.sharing_without_consent_proposed': 'Proposed sharing without consent',
  'assessment.sharing_without_consent_approved': 'Approved sharing without consent',
  'assessment.sharing_without_consent_rejected': 'Refused sharing without consent',
  'assessment.sharing_proposals_listed': 'Looked at proposals to share without consent',
  'assessment.team_member_added': 'Added someone to the team around the child',
  'assessment.team_member_left': 'Recorded someone leaving the team',
  'assessment.lead_professional_appointed': 'Appointed a lead professional',
  'assessment.action_added': 'Added an action to the plan',
  'assessment.action_updated': 'Updated an action',
  'assessment.review_recorded': 'Recorded a review',
  'need_levels.scheme_changed': 'Changed the levels of need',
  'referral.sent': 'Sent a referral',
  'referral.viewed': 'Opened a referral',
  'referral.list_viewed': 'Looked at referrals',
  'referral.acknowledged': 'Acknowledged a referral',
  'referral.accepted': 'Accepted a referral',
  'referral.returned': 'Returned a referral',
  'work.caseload_viewed': 'Looked at the caseload',
  'work.my_children_viewed': 'Looked at their children',
  // The area and its settings.
  'area.created': 'Created an area',
  'partner.registered': 'Registered a partner',
  'partner.changed': 'Changed a partner',
  'partner.closed': 'Closed a partner',
  'partner.deleted': 'Deleted a partner',
  'setting.changed': 'Changed a local setting',
  'setting.change_cancelled': 'Cancelled a change to a local setting',
  'assessment_form.uploaded': 'Uploaded a local assessment form',
  'assessment_form.published': 'Published a local assessment form',
  'assessment_form.draft_discarded': 'Discarded a draft assessment form',
  'assessment_form.draft_replaced': 'Replaced a draft assessment form',
  'assessment_form.exported': 'Exported an assessment form',
  'branding.header_name_changed': 'Changed the name in the header',
  'branding.logo_uploaded': 'Uploaded the area’s logo',
  'branding.logo_removed': 'Removed the area’s logo',
  // Outcomes.
  'indicators.imported': 'Imported indicator values',
  'indicators.catalogue_imported': 'Imported a data dictionary into the indicator catalogue',
  'indicators.topic_mapped': 'Changed which aims a publisher’s topic evidences',
  'indicators.added': 'Added a local indicator',
  'indicators.mapping_saved': 'Saved how a publication’s columns map to indicators',
  'indicators.target_set': 'Set a target',
  'comparators.set': 'Chose comparator areas',
  'comparators.neighbours_set': 'Set the area’s default comparator group by importing DfE statistical neighbours',
  'needs.narrative_set': 'Wrote a needs narrative',
  'needs.levels_set': 'Set the needs levels',
  // Notices and the trail itself.
  'notification.read': 'Read a notice',
  'notification.all_read': 'Marked all notices read',
  'notification.preferences_changed': 'Changed how they are told',
  'audit.read': 'Read the audit trail',
  'audit.exported': 'Downloaded the audit trail',
  'demo.loaded': 'Loaded the demonstration data',
  'demo.outcomes_loaded': 'Loaded the demonstration outcomes',
};

/** An action in plain words: its own words, or the code read as words ("Assessment: draft saved"). */
export function describeAction(code: string): string {
  const known = WORDS[code];
  if (known) return known;
  const [feature = '', ...rest] = code.split('.');
  const words = (text: string) => text.replace(/_/g, ' ').trim();
  const head = words(feature);
  const tail = words(rest.join(' '));
  const phrase = tail === '' ? head : `${head}: ${tail}`;
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/** The choices of the action filter: the codes the area's trail holds, each in words, sorted by its words. */
export function actionChoices(codes: readonly string[]): { value: string; text: string }[] {
  return codes.map((value) => ({ value, text: describeAction(value) })).sort((a, b) => a.text.localeCompare(b.text));
}
