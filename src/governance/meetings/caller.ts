import type { FastifyRequest } from 'fastify';
import { signedIn } from '../../platform/http/plugin.js';
import type { BusinessCaller } from './service.js';

/** The caller of a page, as the business services take it: the signed-in person and the request. */
export const callerOf = (request: FastifyRequest): BusinessCaller => ({ user: signedIn(request).user, ctx: request.context });

/** The caller of a JSON route, as the services take it. */
export const callerOfCall = (call: { user: BusinessCaller['user']; context: BusinessCaller['ctx'] }): BusinessCaller => ({ user: call.user, ctx: call.context });
