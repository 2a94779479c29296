import type { Role } from './policy.js';

/**
 * Subject-level policy: rules about one particular child, involvement or assessment, declared in
 * one shape and checked in the service before data leaves it (ADR 0009). The route-level policy
 * (policy.ts) says which roles may attempt an action at all; a subject rule says whether this
 * caller may do it to this subject, given the facts the service loaded about it.
 *
 * A feature declares its rules in its own `subject-rules.ts`:
 *
 *   export const childRules = defineSubjectRules<ChildFacts, { view: true }>('child', (allow) => [
 *     allow('any', 'view', (caller, child) => ...),
 *   ]);
 *
 * and its services ask `childRules.permits(caller, 'view', child)` or `check(...)`, which says why
 * not. Deny by default: an action with no rule, a role no rule names, or a condition that says no
 * is refused. Rules for the same action are tried in order; the first that allows decides.
 */

/** Who is asking, as subject rules see them: no more than the rules need. */
export interface Caller {
  userId: string;
  role: Role;
  areaCode: string;
  organisationId: string;
  organisationName: string;
  /** The caller's organisation's sector (organisation.sector), for rules that depend on a sector's duty. */
  organisationSector: string;
  /** A designated safeguarding lead (domain brief §3). */
  designatedSafeguarding: boolean;
}

/** The caller of a signed-in user. */
export function callerOf(user: {
  id: string;
  role: Role;
  areaCode: string;
  organisationId: string;
  organisationName: string;
  organisationSector: string;
  designatedSafeguarding: boolean;
}): Caller {
  return {
    userId: user.id,
    role: user.role,
    areaCode: user.areaCode,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    organisationSector: user.organisationSector,
    designatedSafeguarding: user.designatedSafeguarding,
  };
}

/** A rule's answer: allowed, on a basis the service may record; or refused, saying what is missing. */
export type Verdict<Basis = true> = { allowed: true; basis: Basis } | { allowed: false; reason: string };

export const permit = <Basis>(basis: Basis): Verdict<Basis> => ({ allowed: true, basis });
export const refuse = (reason: string): { allowed: false; reason: string } => ({ allowed: false, reason });

/** A condition over the caller and the facts the service loaded about the subject. `true` allows with no basis to record. */
export type Condition<Facts, Basis> = (caller: Caller, subject: Facts) => Verdict<Basis> | (true extends Basis ? boolean : never);

export interface SubjectRule<Facts, Bases> {
  roles: readonly Role[] | 'any';
  action: keyof Bases & string;
  condition: (caller: Caller, subject: Facts) => Verdict<unknown> | boolean;
}

/** Who may do an action to a subject: callers of these roles (or any role), when the condition holds. */
export type Allow<Facts, Bases> = <Action extends keyof Bases & string>(
  roles: readonly Role[] | 'any',
  action: Action,
  condition: Condition<Facts, Bases[Action]>,
) => SubjectRule<Facts, Bases>;

export interface SubjectRules<Facts, Bases> {
  readonly subject: string;
  /** The actions that have at least one rule, in declaration order. */
  readonly actions: readonly (keyof Bases & string)[];
  /** Whether, and on what basis, the caller may do the action to this subject. */
  check<Action extends keyof Bases & string>(caller: Caller, action: Action, subject: Facts): Verdict<Bases[Action]>;
  /** Whether the caller may do the action to this subject. */
  permits(caller: Caller, action: keyof Bases & string, subject: Facts): boolean;
}

const NO_RULE = 'No rule allows this';

const registry = new Map<string, readonly string[]>();

/**
 * Declares one subject's rules and registers them, so the whole table can be listed (subjectRuleTable).
 * `Facts` is what the service loads about the subject; `Bases` names each action and what an allowed
 * check returns for it (`true`, or a basis to record, such as the consent a sharing rests on).
 */
export function defineSubjectRules<Facts, Bases extends Record<string, unknown>>(
  subject: string,
  declare: (allow: Allow<Facts, Bases>) => readonly SubjectRule<Facts, Bases>[],
): SubjectRules<Facts, Bases> {
  const rules = declare((roles, action, condition) => ({ roles, action, condition }));
  // Each condition was typed for its action's basis when declared (Allow), so a verdict read back
  // for that action carries that basis; this is the one place the table's types are joined up.
  const check = <Action extends keyof Bases & string>(caller: Caller, action: Action, facts: Facts): Verdict<Bases[Action]> => {
    let refusal: string | undefined;
    for (const rule of rules) {
      // An action passed in without a rule (a cast, a name made up at runtime) matches none: refused below.
      if (rule.action !== action) continue;
      if (rule.roles !== 'any' && !rule.roles.includes(caller.role)) continue;
      const verdict = rule.condition(caller, facts);
      if (verdict === true) return permit(true as Bases[Action]);
      if (verdict === false) continue;
      if (verdict.allowed) return permit(verdict.basis as Bases[Action]);
      refusal ??= verdict.reason;
    }
    return refuse(refusal ?? NO_RULE);
  };
  const table: SubjectRules<Facts, Bases> = {
    subject,
    actions: [...new Set(rules.map((r) => r.action))],
    check,
    permits: (caller, action, facts) => check(caller, action, facts).allowed,
  };
  if (registry.has(subject)) throw new Error(`subject rules for '${subject}' are declared twice`);
  registry.set(subject, table.actions);
  return table;
}

/** Every registered subject with its actions: what docs and tests read to see the whole table. */
export function subjectRuleTable(): { subject: string; actions: readonly string[] }[] {
  return [...registry].map(([subject, actions]) => ({ subject, actions }));
}
