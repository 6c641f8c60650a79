import type { CollabCloseCode } from '../../shared/realtime/close-codes';

/** Why a connection was refused or closed: a close code from `shared/` and a short reason. */
export interface CollabRefusal {
  code: CollabCloseCode;
  reason: string;
}
