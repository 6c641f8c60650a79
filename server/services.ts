import { AuditLog } from './audit/log';
import { SessionStore } from './features/auth/sessions';
import { LoginThrottle } from './features/auth/throttle';
import { CharterService } from './features/charter/service';
import { DirectoryCollections } from './features/directory/model';
import type { Store } from './storage/port';

/** Closes a user's live connections (Socket.IO and collab); wired once both servers exist. */
export interface LiveConnections {
  disconnectUser(userId: string, reason: string): Promise<void>;
}

/** The long-lived services every feature is built on, created once per process. */
export interface Services {
  audit: AuditLog;
  directory: DirectoryCollections;
  sessions: SessionStore;
  throttle: LoginThrottle;
  charters: CharterService;
  live: LiveConnections;
}

export async function createServices(store: Store): Promise<Services> {
  const services: Services = {
    audit: new AuditLog(store),
    directory: new DirectoryCollections(store),
    sessions: new SessionStore(store),
    throttle: new LoginThrottle(),
    charters: new CharterService(store),
    live: { disconnectUser: () => Promise.resolve() },
  };
  await Promise.all([services.audit.init(), services.directory.init(), services.sessions.init(), services.charters.init()]);
  return services;
}
