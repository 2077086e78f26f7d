/**
 * The stream hub of this process. mockdock runs one server per process, so the responders registered in
 * engine/capabilities.ts and the server (admin routes, metrics, shutdown) share this one; tests that want
 * their own build responders with a hub of their own.
 */
import { StreamHub } from './stream-hub';

export const serverHub = new StreamHub();
