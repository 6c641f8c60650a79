import type { ChainProblem } from '../../../../shared/audit/chain';
import type { AuditT } from './i18n';

/** One problem of a chain verification in words: each kind has its sentence, for one entry or for a range. */
export function chainProblemText(t: AuditT, problem: ChainProblem): string {
  if (problem.kind === 'anchor' || problem.kind === 'key') return t(`chain.problems.${problem.kind}`);
  const form = problem.fromSeq === problem.toSeq ? 'one' : 'range';
  return t(`chain.problems.${problem.kind}.${form}`, { from: problem.fromSeq, to: problem.toSeq });
}
