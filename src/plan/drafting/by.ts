import type { Actor, RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';

/** Who makes a change to a plan, as the services see them: a signed-in user, or the operator loading the demo. */
export interface PlanBy {
  actor: Actor;
  ctx: RequestContext;
  /** The user's id, or null for the operator. */
  userId: string | null;
  /** Whose name a progress note carries. */
  name: string;
}

export const planByOf = (user: User, ctx: RequestContext): PlanBy => ({
  actor: actorOf(user),
  ctx,
  userId: user.id,
  name: user.displayName,
});
