import { businessPaths } from './meetings/paths.js';

/**
 * Governance's URLs (issue 16), one place for routes, redirects, views and tests. Each part keeps its own
 * block: bodies (here), meetings, interests and accountability (G2), self-assessment and section 11 (G3).
 */
const body = (id: string) => `/governance/bodies/${id}`;
const apiBody = (id: string) => `/api/governance/bodies/${id}`;

export const governancePaths = {
  // Bodies, terms of reference, members, named roles, links (bodies/).
  home: '/governance',
  bodyNew: '/governance/bodies/new',
  body,
  bodyEdit: (id: string) => `${body(id)}/edit`,
  bodyBusiness: (id: string) => `${body(id)}/business`,
  bodyTerms: (id: string) => `${body(id)}/terms`,
  bodyTermsNew: (id: string) => `${body(id)}/terms/new`,
  bodyTermsVersion: (id: string, version: number | string) => `${body(id)}/terms/${version}`,
  bodyMemberNew: (id: string) => `${body(id)}/members/new`,
  bodyMember: (id: string, memberId: string) => `${body(id)}/members/${memberId}`,
  namedRoleNew: '/governance/named-roles/new',
  linkNew: '/governance/links/new',
  apiBodies: '/api/governance/bodies',
  apiBody,
  apiBodyTerms: (id: string) => `${apiBody(id)}/terms`,
  apiBodyTermsInForce: (id: string) => `${apiBody(id)}/terms/in-force`,
  apiBodyMembers: (id: string) => `${apiBody(id)}/members`,
  apiBodyMember: (id: string, memberId: string) => `${apiBody(id)}/members/${memberId}`,
  apiBodyMembershipShape: (id: string) => `${apiBody(id)}/membership-shape`,
  apiBodyBusiness: (id: string) => `${apiBody(id)}/business`,
  apiNamedRoles: '/api/governance/named-roles',
  apiLinks: '/api/governance/links',

  // Meetings, interests, accountability (G2): meetings/paths.ts.
  ...businessPaths,

  // Self-assessment, section 11 (G3): the board's self-assessment (self-assessment/) and section 11 audits (section11/):
  // the LSCB's rounds, and each agency's own audits.
  selfAssessments: '/governance/self-assessments',
  selfAssessmentNew: '/governance/self-assessments/new',
  selfAssessment: (id: string) => `/governance/self-assessments/${id}`,
  selfAssessmentAgree: (id: string) => `/governance/self-assessments/${id}/agree`,
  selfAssessmentCompare: (id: string) => `/governance/self-assessments/${id}/compare`,
  section11Rounds: '/safeguarding/section-11/rounds',
  section11RoundNew: '/safeguarding/section-11/rounds/new',
  section11Round: (id: string) => `/safeguarding/section-11/rounds/${id}`,
  section11RoundAudit: (roundId: string, auditId: string) => `/safeguarding/section-11/rounds/${roundId}/audits/${auditId}`,
  section11RoundAuditChase: (roundId: string, auditId: string) =>
    `/safeguarding/section-11/rounds/${roundId}/audits/${auditId}/chase`,
  section11RoundAuditChallenge: (roundId: string, auditId: string) =>
    `/safeguarding/section-11/rounds/${roundId}/audits/${auditId}/challenge`,
  section11Audits: '/safeguarding/section-11/audits',
  section11Audit: (id: string) => `/safeguarding/section-11/audits/${id}`,
  section11AuditResponse: (id: string) => `/safeguarding/section-11/audits/${id}/response`,
};
