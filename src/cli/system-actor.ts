import { randomUUID } from 'node:crypto';
import { Actor } from '../common/auth/principal';

/** The operator at the server's console: audited with no principal and a request id of its own. */
export const systemActor = (command: string): Actor => ({
  principal: null,
  requestId: `cli-${command}-${randomUUID()}`,
  ip: 'local',
});
