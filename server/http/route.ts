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
 * - a function returning the `can()` question for this request: the route runs only if it is allowed. When one
 *   request needs several decisions (an account given several profiles), it returns them all: every one must
 *   be allowed, and the first refused is the audited denial.
 */
export type RoutePolicy<B, Q, S> =
  | { public: string }
  | { signedIn: string; charterExempt?: boolean }
  | {
      check: (state: AuthedRequestState, input: { body: B; query: Q; params: Record<string, string> }) => Promise<PolicyAnswer<S>> | PolicyAnswer<S>;
      charterExempt?: boolean;
    };

/**
 * The one authorization question of a request or event: the exact action on the resource, asked with `can()`.
 * `subject` is what the check loaded to build the resource (a space, an item…): the handler gets it as is, so
 * the resource is loaded once and decided on and acted on from the same read.
 */
export interface PolicyQuestion<S = unknown> {
  action: Action;
  resource: Resource;
  subject?: S;
}

/**
 * What a route's check returns: one question, or several that must all be allowed (asked in order). The
 * handler's subject is that of the first question that has one.
 */
export type PolicyAnswer<S = unknown> = PolicyQuestion<S> | readonly PolicyQuestion<S>[];

export interface RouteInput<B, Q, S = unknown> {
  body: B;
  query: Q;
  params: Record<string, string>;
  state: RequestState;
  /** What the policy check loaded (undefined for public and signed-in routes). */
  subject: S;
  req: Request;
  res: Response;
}

export interface RouteSpec<B, Q, R, S> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  policy: RoutePolicy<B, Q, S>;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  /** Returns the JSON answer; `undefined` means the handler answered itself. */
  handler: (input: RouteInput<B, Q, S>) => Promise<R> | R;
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
export function defineRoute<B = undefined, Q = undefined, R = unknown, S = undefined>(
  router: Router,
  runtime: RouteRuntime,
  spec: RouteSpec<B, Q, R, S>,
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
    let subject: S | undefined;
    if (authed && 'check' in spec.policy) {
      const answer = await spec.policy.check(authed, { body, query, params });
      const questions: readonly PolicyQuestion<S>[] = isQuestionList(answer) ? answer : [answer];
      // No question is no decision: a bug of the route, which fails closed rather than let the request through.
      if (questions.length === 0) throw new Error(`The check of ${spec.method.toUpperCase()} ${spec.path} asked no question`);
      for (const question of questions) await runtime.authorize(authed, question);
      subject = questions.find((question) => question.subject !== undefined)?.subject;
    }
    const result = await spec.handler({ body, query, params, state, subject: subject as S, req, res });
    if (result !== undefined && !res.headersSent) res.json(result);
  };
  Object.defineProperty(handler, ROUTE_MARK, { value: true });
  router[spec.method](spec.path, handler);
}

function isQuestionList<S>(answer: PolicyAnswer<S>): answer is readonly PolicyQuestion<S>[] {
  return Array.isArray(answer);
}

/** Throws the standard not-found error. */
export function notFound(what: string): never {
  throw new AppError('NOT_FOUND', `${what} not found`);
}
