/**
 * The one error type of the domain. Every failure a user can cause is a DomainError with a stable,
 * snake_case code from the closed set below; the HTTP layer maps codes to statuses and the CLI prints
 * the message. Anything that is not a DomainError is a bug and is never shown to a client.
 */
export const errorCodes = [
  'validation_failed', // input does not match its schema; details.errors lists each failure
  'invalid_schema', // an uploaded standard schema does not compile or breaks a safety limit
  'unauthenticated', // no or unknown credentials
  'forbidden', // authenticated, but the role may not do this
  'not_found', // no such thing, or not visible to this actor
  'conflict', // the thing exists already, or a uniqueness rule would break
  'invalid_state', // the lifecycle does not allow this transition now; details.state says where it is
  'precondition_failed', // If-Match did not match the current revision
  'payload_too_large', // a body, file or schema is over its explicit limit
  'unsupported_media_type', // wrong content type, or an upload whose sniffed type is not allowed
  'not_conforming', // the action needs a conforming report and the spec does not conform
  'out_of_scope', // a shipment is not covered by the certificate
  'inconsistent_submission', // the product block or target jurisdictions contradict the spec; details.errors lists each field
  'not_certifiable', // the standard has no identification or target-market clause, so nothing under it can be certified
  'role_mismatch', // a user's role does not fit its organisation's kind or jurisdiction; details.errors names the field
  'unavailable', // a dependency (store, renderer) cannot answer now
  'storage_unavailable', // the store's file is damaged, the disk is full or read-only: nothing was written; details.storage says which
  'check_too_expensive', // compiling or checking went over its time or memory budget; details.limit names which
  'too_many_attempts', // sign-in throttled after repeated failures; details.retryAfter is in seconds
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure the user can act on: a stable code, a one-line message and optional structured details. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** True when `error` is a DomainError with the given code (or any code when none is given). */
export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
