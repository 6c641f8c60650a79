import type { AuditRecorder } from '../../audit/command';
import type { ServerContext } from '../../context';
import type { CommandAuthor } from '../directory/service';

/**
 * The hook where a new school year resets the communication rules (who may write to whom, BRIEF rule 7). The
 * « Messagerie » feature has not landed: there are no rules to reset yet, so nothing is written and the plan says
 * `rulesReset: false`. When it lands, it resets its rules here, inside the switch's transaction, with its event.
 */
export function resetCommunicationRules(_ctx: ServerContext, _by: CommandAuthor, _record: AuditRecorder): Promise<boolean> {
  return Promise.resolve(false);
}
