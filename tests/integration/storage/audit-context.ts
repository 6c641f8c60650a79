import type { AuditLog } from '../../../server/audit/log';
import type { ServerContext } from '../../../server/context';
import { NO_NOTIFICATIONS } from '../../../server/features/notifications/port';
import { createLogger } from '../../../server/logger';
import type { Store } from '../../../server/storage/port';

/**
 * What THE audit command (`auditedChange`) needs of a server context: the store, the audit log, the notification
 * service it hands committed entries to (none here: nothing listens) and a logger.
 */

export const auditOnlyContext = (store: Store, audit: AuditLog): ServerContext =>
  ({ store, logger: createLogger('silent'), services: { audit, notifications: NO_NOTIFICATIONS } }) as unknown as ServerContext;
