import { defineEnum, type EnumValue } from './enums.js';

/**
 * The one authorisation policy. Deny by default: an action not listed here is allowed to nobody,
 * and a route that declares no policy is refused (see http/authorise.ts).
 */

export const ROLES = defineEnum(['system_admin', 'area_admin', 'board_member', 'planner', 'practitioner', 'practice_manager', 'auditor']);
export type Role = EnumValue<typeof ROLES>;

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: 'System administrator',
  area_admin: 'Area administrator',
  board_member: 'Board member',
  planner: 'Planner or commissioner',
  practitioner: 'Practitioner',
  practice_manager: 'Practice manager',
  auditor: 'Auditor',
};

export const isRole = ROLES.is;

/**
 * Roles that can see information about individual children (or the trail of who read it) must
 * sign in with a second factor (ContactPoint practice; domain brief §3).
 */
const SECOND_FACTOR_ROLES: ReadonlySet<Role> = new Set<Role>(['system_admin', 'area_admin', 'practitioner', 'practice_manager', 'auditor']);

export function requiresSecondFactor(role: Role): boolean {
  return SECOND_FACTOR_ROLES.has(role);
}

export const ACTIONS = [
  'account.use',
  'area.view',
  'areas.create',
  'partners.manage',
  'users.list',
  'users.create',
  'users.manage',
  'users.training',
  'audit.read',
  'children.search',
  'children.view',
  'children.edit',
  'children.shielding',
  'children.duplicates',
  'children.access_reviews',
  'children.access_report',
  'assessments.work',
  'assessments.caseload',
  'assessments.report',
  'referrals.respond',
  'outcomes.view',
  'outcomes.import',
  'outcomes.neighbours',
  'outcomes.manage',
  'notifications.use',
  'mail.outbox',
  'assessment_forms.manage',
  'settings.manage',
  'settings.indexTraining',
  'governance.view',
  'governance.manage',
  'governance.business',
  'governance.interests',
  'section11.complete',
  'section11.oversee',
  'commissioning.view',
  'commissioning.manage',
  'commissioning.book',
  'commissioning.returns',
  'directory.entries',
  'plan.view',
  'plan.manage',
  'plan.participation',
] as const;
export type Action = (typeof ACTIONS)[number];

interface Rule {
  /** Roles allowed within their own area. */
  roles: readonly Role[];
  /** Roles allowed in any area of the installation. */
  anyArea?: readonly Role[];
}

const ALL: readonly Role[] = ROLES.values;
const FRONT_LINE: readonly Role[] = ['practitioner', 'practice_manager'];

const RULES: Record<Action, Rule> = {
  'account.use': { roles: ALL },
  'area.view': { roles: ALL, anyArea: ['system_admin'] },
  // Setting up an area is the installation's business (issue 13 point 1).
  'areas.create': { roles: ['system_admin'] },
  // Registering, changing and closing an area's partners (000 §2.61: the area decides who is in).
  'partners.manage': { roles: ['area_admin', 'system_admin'], anyArea: ['system_admin'] },
  'users.list': { roles: ['area_admin', 'system_admin'], anyArea: ['system_admin'] },
  'users.create': { roles: ['area_admin', 'system_admin'], anyArea: ['system_admin'] },
  // A user's working life: role, organisation, suspension, closing, the safeguarding lead flag (issue 13 item 3).
  'users.manage': { roles: ['area_admin', 'system_admin'], anyArea: ['system_admin'] },
  // Training and vetting (004 Box 6.1): recorded by the area's administrators and by practice managers
  // for their own organisation (checked in the service), who also see whose training is due.
  'users.training': { roles: ['area_admin', 'system_admin', 'practice_manager'], anyArea: ['system_admin'] },
  // Oversight of who did what is the auditor's alone: administrators are among those overseen.
  'audit.read': { roles: ['auditor'] },
  // The child index: practitioners and their managers, always with a second factor (domain brief §3).
  'children.search': { roles: FRONT_LINE },
  'children.view': { roles: FRONT_LINE },
  'children.edit': { roles: FRONT_LINE },
  // Requests by anyone on the front line; decisions need designated safeguarding staff (checked in the service).
  'children.shielding': { roles: FRONT_LINE },
  'children.duplicates': { roles: ['practice_manager'] },
  'children.access_reviews': { roles: ['practice_manager'] },
  // Who looked at a child, and subject access requests.
  'children.access_report': { roles: ['auditor'] },
  // Front-line work (domain brief §4): team membership and consent are checked in the service.
  'assessments.work': { roles: FRONT_LINE },
  // Caseload and overdue work across the area (004 para 202).
  'assessments.caseload': { roles: ['practice_manager'] },
  // Counts only, no child named: the board and planners see how many assessments (004 Table 6.1).
  'assessments.report': { roles: ['board_member', 'planner', 'practice_manager'] },
  // The receiving service acknowledges, accepts or returns; the service checks it is theirs.
  'referrals.respond': { roles: FRONT_LINE },
  // Outcomes and needs (issue 5): published figures about the area, so everyone in it may read them.
  'outcomes.view': { roles: ALL },
  // Loading published tables: the planners who use them and the area's administrator.
  'outcomes.import': { roles: ['planner', 'area_admin'] },
  // DfE's statistical neighbours file sets the default comparator group of every authority, not only the
  // importer's (ADR 0019). National published data, like values and the catalogue, so the same people load it
  // (issue 15: "tried as a planner would ... the statistical neighbours file sets every area's group"); an
  // area's own choice of comparators is never changed, and every installed area whose group follows the file
  // is told in its own audit trail (comparators.neighbours_set). Checked in the import job, where the file's
  // kind is known (import-kinds.ts).
  'outcomes.neighbours': { roles: ['planner', 'area_admin'] },
  // Local indicators, comparators, targets and the needs assessment are the planner's (000 §2.32).
  'outcomes.manage': { roles: ['planner'] },
  // Everyone reads and settles their own notices (issue 13 item 7); the service looks only at the user's own.
  'notifications.use': { roles: ALL },
  // The mail outbox of the whole installation (addresses, never a child's details): its operator's.
  'mail.outbox': { roles: ['system_admin'] },
  // An area's local assessment forms (004 para 186): uploaded, previewed and published by its administrator.
  'assessment_forms.manage': { roles: ['area_admin'] },
  // The area's local settings (issue 13 item 4: levels of need, criteria, days, scopes): its administrator's.
  'settings.manage': { roles: ['area_admin'] },
  // Whether the child index needs its users' training and security checks in date (004 Box 6.1): the area's
  // administrator, or a system administrator for their own area; the switch is about users, which both manage.
  'settings.indexTraining': { roles: ['area_admin', 'system_admin'] },
  // Partnership governance (issue 16, ADR 0022). The bodies, their terms of reference and membership are
  // the partnership's public structure: everyone of the area reads them.
  'governance.view': { roles: ALL },
  // Setting up bodies, terms and membership is the area administrator's (no new role: ADR 0022).
  'governance.manage': { roles: ['area_admin'] },
  // A body's business (meetings, papers, decisions): the roles who may sit on a body; narrowed to the
  // body's own members, chair and secretariat by governance/access.ts (the LSCB's to its own alone).
  'governance.business': { roles: ['board_member', 'area_admin', 'planner', 'practitioner', 'practice_manager'] },
  // A person's own declarations of interest (000 §2.43): anyone of the area who may sit on a body.
  'governance.interests': { roles: ['area_admin', 'board_member', 'planner', 'practitioner', 'practice_manager', 'auditor'] },
  // Section 11 self-audits (000 Appendix 1) are filled in by the agency's own staff.
  'section11.complete': { roles: ['practitioner', 'practice_manager', 'board_member', 'planner', 'area_admin'] },
  // The LSCB's oversight of section 11 audits: narrowed to its members and secretariat by governance/access.ts.
  'section11.oversee': { roles: ['board_member', 'area_admin', 'planner', 'practice_manager'] },
  // Joint commissioning (issue 17, ADR 0027): funds, their statements, commissions, contracts and the resource
  // map name services and money, never a child. Read by those who decide or answer for them: the planner
  // (the commissioner), the board (read-only: decisions come to it as board decisions through governance),
  // the area administrator who keeps the directory and the partner register, and practice managers who run
  // the services the money goes to. Practitioners signpost from the directory instead; the auditor oversees
  // who did what through the audit trail.
  'commissioning.view': { roles: ['planner', 'board_member', 'area_admin', 'practice_manager'] },
  // The commissioner is the planner role, already labelled "Planner or commissioner" (no new role: ADR 0027).
  'commissioning.manage': { roles: ['planner'] },
  // Booking commitments and spending on a fund: the commissioner, and a fund's budget holders (planners or
  // practice managers named on it), narrowed to the fund by commissioning/access.ts (a subject rule, ADR 0009).
  'commissioning.book': { roles: ['planner', 'practice_manager'] },
  // A contract's monitoring returns (ADR 0030): read by those who read commissioning, and entered by the
  // provider's own staff (practitioners and practice managers of the partner providing the service) and the
  // commissioner; narrowed to the contract by commissioning/contracts/rules.ts (a subject rule, ADR 0009).
  'commissioning.returns': { roles: ['planner', 'board_member', 'area_admin', 'practice_manager', 'practitioner'] },
  // Keeping directory entries up to date (issue 17, ADR 0026): the area administrator on a provider's behalf, and
  // the front-line staff who run a service; directory/subject-rules.ts narrows staff to their own organisation's.
  'directory.entries': { roles: ['area_admin', 'practitioner', 'practice_manager'] },
  // The Children and Young People's Plan (issue 18, ADR 0034): a plan names partners, money and figures, never a
  // child. Read by those who read commissioning, whose budgets it draws on: the planner who writes it (000
  // §2.32), the board that owns and approves it, the area administrator who keeps the partner register it cites,
  // and practice managers whose services carry its actions. The published plan is the public's (no sign-in).
  'plan.view': { roles: ['planner', 'board_member', 'area_admin', 'practice_manager'] },
  // Drafting the plan, its priorities, actions and targets is the planner's (000 §2.32; no new role: ADR 0027).
  'plan.manage': { roles: ['planner'] },
  // Recording participation activities of children, young people and families (000 §1.7, §2.11; 004 para 163):
  // the planner, and the front-line staff who run them with children.
  'plan.participation': { roles: ['planner', 'practice_manager', 'practitioner'] },
};

export interface Principal {
  role: Role;
  areaCode: string;
}

/** Can this user do this action, in this area (when the action concerns one)? */
export function can(user: Principal, action: Action, areaCode?: string): boolean {
  const rule = RULES[action];
  if (!rule.roles.includes(user.role)) return false;
  if (areaCode === undefined || areaCode === user.areaCode) return true;
  return rule.anyArea?.includes(user.role) ?? false;
}

/** What a route needs before its handler runs. Every route declares one. */
export type RoutePolicy =
  { kind: 'public' } | { kind: 'password-only' } | { kind: 'any-session' } | { kind: 'action'; action: Action; areaParam?: string };

export const policy = {
  /** Anyone, signed in or not. */
  public: (): RoutePolicy => ({ kind: 'public' }),
  /** A visitor who has proven their password and has yet to give a second factor. */
  passwordOnly: (): RoutePolicy => ({ kind: 'password-only' }),
  /** Anyone with a session, finished signing in or not (signing out). */
  anySession: (): RoutePolicy => ({ kind: 'any-session' }),
  /** A fully signed-in user allowed the action; with areaParam, in the area named by that route parameter. */
  allow: (action: Action, options: { areaParam?: string } = {}): RoutePolicy => ({
    kind: 'action',
    action,
    ...options,
  }),
};
