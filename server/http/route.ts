import type { Request, RequestHandler, Response, Router } from 'express';
import type { ZodType } from 'zod';
import { AppError } from '../../shared/errors';
import type { Action, Resource } from '../../shared/policy/resources';
import type { AuthedRequestState, RequestState } from './request-state';
import { requestState } from './request-state';

/**
 * Who may call a route:
 * - `public`: anyone, signed in or not (sign-in, health) — the reason says why;
 * - `signedIn`: any signed-in user acting on their own account; `charterExempt` routes stay reachable
 *   before the charter is accepted (the charter page and sign-out);
 * - a function returning the `can()` question for this request: the route runs only if it is allowed.
 */
export type RoutePolicy<B, Q> =
  | { public: string }
  | { signedIn: string; charterExempt?: boolean }
  | { check: (state: AuthedRequestState, input: { body: B; query: Q; params: Record<string, string> }) => Promise<PolicyQuestion> | PolicyQuestion; charterExempt?: boolean };

export interface PolicyQuestion {
  action: Action;
  resource: Resource;
}

export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  state: RequestState;
  req: Request;
  res: Response;
}

export interface RouteSpec<B, Q, R> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  policy: RoutePolicy<B, Q>;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /** Returns the JSON answer; `undefined` means the handler answered itself. */
  handler: (input: RouteInput<B, Q>) => Promise<R> | R;
}

/** Every route defined through `defineRoute`, for the policy-coverage test. */
export const ROUTE_MARK = Symbol('preau.route');
export interface DeclaredRoute {
  method: string;
  path: string;
  policy: string;
}
export const declaredRoutes: DeclaredRoute[] = [];

/** Hook set by the server: how a denial and a mutation are audited and how the charter gate decides. */
export interface RouteRuntime {
  authorize(state: AuthedRequestState, question: PolicyQuestion): Promise<void>;
  enforceSignedIn(state: RequestState, charterExempt: boolean): Promise<AuthedRequestState>;
}

/**
 * Defines one REST route as a declarative chain: policy → validation → handler, like Outline's routes.
 * A route without a policy cannot be written (the type requires it), and the coverage test fails on any
 * Express route that did not come through here.
 */
export function defineRoute<B = undefined, Q = undefined, R = unknown>(
  router: Router,
  runtime: RouteRuntime,
  spec: RouteSpec<B, Q, R>,
): void {
  const policyKind = 'public' in spec.policy ? 'public' : 'signedIn' in spec.policy ? 'signedIn' : 'check';
  declaredRoutes.push({ method: spec.method.toUpperCase(), path: spec.path, policy: policyKind });
  const handler: RequestHandler = async (req, res) => {
    const state = requestState(req);
    // Authentication first (401 before 400), then validation, then the policy, which may need the input.
    const authed = 'public' in spec.policy ? undefined : await runtime.enforceSignedIn(state, spec.policy.charterExempt ?? false);
    const body = (spec.body ? spec.body.parse(req.body ?? {}) : undefined) as B;
    const query = (spec.query ? spec.query.parse(req.query) : undefined) as Q;
    const params = req.params as Record<string, string>;
    if (authed && 'check' in spec.policy) await runtime.authorize(authed, await spec.policy.check(authed, { body, query, params }));
    const result = await spec.handler({ body, query, params, state, req, res });
    if (result !== undefined && !res.headersSent) res.json(result);
  };
  Object.defineProperty(handler, ROUTE_MARK, { value: true });
  router[spec.method](spec.path, handler);
}

/** Throws the standard not-found error. */
export function notFound(what: string): never {
  throw new AppError('NOT_FOUND', `${what} not found`);
}
