import type { Schema } from '../../api';
import { alertResponseTypeValues } from '../../api-types';

// The shapes this page reads, from the OpenAPI document (npm run api-types).

export type Alert = Schema<'AlertResponse'>;
export type AlertType = Alert['type'];
export const ALERT_TYPES: readonly AlertType[] = alertResponseTypeValues;
export type AlertPage = Schema<'AlertPageResponse'>;
export type AlertDigest = Schema<'AlertDigestResponse'>;

export type Enrollment = Schema<'EnrollmentListItemResponse'>;
export type EnrollmentStatus = Enrollment['status'];
export type PortfolioResult = Schema<'PortfolioEnrollmentResponse'>;

/*
 * Webhooks: written out here until their controller is in the OpenAPI document (API.md: POST answers
 * {id, url, secret}; the list and the delivery log as the delivery table keeps them). Fields the server may leave
 * out are optional.
 */
export interface Webhook {
  id: string;
  url: string;
  createdAt?: string;
}
export interface CreatedWebhook extends Webhook {
  secret: string;
}
export interface Delivery {
  id: string;
  alertId?: string;
  type?: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED' | string;
  attempts: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  createdAt?: string;
  lastAttemptAt?: string | null;
  nextAttemptAt?: string | null;
  deliveredAt?: string | null;
}

/** A list answer either as a bare array or as a page: read both, as the webhook routes are still settling. */
export function itemsOf<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

/** A borrower's reference shortened for a table: enough to tell two apart, the whole one in the title. */
export const shortRef = (ref: string): string => (ref.length > 8 ? `${ref.slice(0, 8)}…` : ref);
