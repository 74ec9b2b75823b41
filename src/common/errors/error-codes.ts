/** Every domain error code and the HTTP status it maps to. The one place codes meet HTTP. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_CREDENTIALS': 401,
  'AUTH.INVALID_TOKEN': 401,
  'AUTH.TOKEN_EXPIRED': 401,
  'AUTH.INVALID_API_KEY': 401,
  'AUTH.FORBIDDEN': 403,
  'COOPERATIVE.SUSPENDED': 403,
  'CONSENT.MISSING': 403,
  'CONSENT.EXPIRED': 403,
  'CONSENT.REVOKED': 403,
  'RECIPROCITY.NOT_REPORTING': 403,
  'CONSENT.NOT_FOUND': 404,
  'SUBMISSION.NOT_FOUND': 404,
  'LOAN.NOT_FOUND': 404,
  'DISPUTE.NOT_FOUND': 404,
  'DISPUTE.ALREADY_OPEN': 409,
  'DISPUTE.ALREADY_RESOLVED': 409,
  'DISPUTE.NOT_CORRECTED': 409,
  'BORROWER.NOT_FOUND': 404,
  'IDEMPOTENCY.KEY_REUSED': 409,
  'IDEMPOTENCY.IN_PROGRESS': 409,
  NOT_FOUND: 404,
  'COOPERATIVE.NOT_FOUND': 404,
  'USER.NOT_FOUND': 404,
  'API_KEY.NOT_FOUND': 404,
  'COOPERATIVE.REGISTRATION_TAKEN': 409,
  'USER.EMAIL_TAKEN': 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  'AUTH.THROTTLED': 429,
  'COOPERATIVE.QUOTA_EXCEEDED': 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field?: string;
  row?: number;
  /** English. */
  message: string;
  /** The same in Bahasa Indonesia: answered as `message` to a caller that asks for Indonesian (Accept-Language: id). */
  messageId?: string;
  code?: string;
}
