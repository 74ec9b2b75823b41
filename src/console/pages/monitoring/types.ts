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

export type Webhook = Schema<'WebhookResponse'>;
export type CreatedWebhook = Schema<'CreatedWebhookResponse'>;
export type Delivery = Schema<'DeliveryResponse'>;
export type WebhookList = Schema<'WebhookListResponse'>;
export type DeliveryPage = Schema<'DeliveryPageResponse'>;

/** A borrower's reference shortened for a table: enough to tell two apart, the whole one in the title. */
export const shortRef = (ref: string): string => (ref.length > 8 ? `${ref.slice(0, 8)}…` : ref);
