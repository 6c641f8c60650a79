/**
 * Loads every feature's socket handlers (each module registers its handlers with `defineSocketHandler` when
 * imported). The gateway imports this file once, so the policy-coverage test sees every event.
 */
import './spaces/socket';
import './moderation/socket';
import './wall/socket';
import './chat/socket';
import './forum/socket';
