/** The kinds of early-warning alert (API.md, "Monitoring a coop's own borrowers"). */
export enum AlertType {
  NEW_LOAN_ELSEWHERE = 'NEW_LOAN_ELSEWHERE',
  INQUIRY_ELSEWHERE = 'INQUIRY_ELSEWHERE',
  DELINQUENT_ELSEWHERE = 'DELINQUENT_ELSEWHERE',
  COLLECTIBILITY_WORSENED_ELSEWHERE = 'COLLECTIBILITY_WORSENED_ELSEWHERE',
  RESTRUCTURED_ELSEWHERE = 'RESTRUCTURED_ELSEWHERE',
  WRITTEN_OFF_ELSEWHERE = 'WRITTEN_OFF_ELSEWHERE',
}

export const ALERT_TYPES: readonly AlertType[] = Object.values(AlertType);

export enum AlertSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum EnrollmentStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

/** Why an enrollment ended: its consent lapsed, or the coop ended it. */
export enum EnrollmentEndReason {
  CONSENT_EXPIRED = 'CONSENT.EXPIRED',
  CONSENT_REVOKED = 'CONSENT.REVOKED',
  ENDED_BY_COOP = 'ENDED_BY_COOP',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
export const ALERT_TYPE_LIST = list(ALERT_TYPES);
export const SEVERITY_LIST = list(Object.values(AlertSeverity));
export const ENROLLMENT_STATUS_LIST = list(Object.values(EnrollmentStatus));
export const END_REASON_LIST = list(Object.values(EnrollmentEndReason));
export const DELIVERY_STATUS_LIST = list(Object.values(DeliveryStatus));
