/**
 * node-postgres' SCRAM client (pg/lib/crypto/sasl.js, exported through pg's `./lib/*` entry), which @types/pg
 * does not cover: only what the proxy's login to a compute calls.
 */
declare module 'pg/lib/crypto/sasl.js' {
  export interface Session {
    mechanism: string
    /** The message to send next: the client-first-message, then the client-final-message. */
    response: string
  }
  /** Picks SCRAM-SHA-256 (no TLS stream given: no channel binding) from the server's mechanisms. */
  export function startSession(mechanisms: string[]): Session
  /** Reads the server-first-message and sets `response` to the client-final-message with the proof. */
  export function continueSession(session: Session, password: string, serverData: string): Promise<void>
  /** Checks the server-final-message's signature; throws when it does not match. */
  export function finalizeSession(session: Session, serverData: string): void
  const sasl: {
    startSession: typeof startSession
    continueSession: typeof continueSession
    finalizeSession: typeof finalizeSession
  }
  export default sasl
}
