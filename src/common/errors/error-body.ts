import { indonesianMessage } from '../i18n/error-messages';
import { detailMessageId } from '../i18n/field-messages';
import { Language } from '../i18n/language';
import { redactNikLike } from '../privacy/nik-guard';
import { ErrorCode, ErrorDetail } from './error-codes';

/** The one error shape of API.md. A detail's `messageId` is never sent: it is answered as `message` in Indonesian. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details: Omit<ErrorDetail, 'messageId'>[] };
}

/** A detail in the caller's language: its own Indonesian when it has one, else what the catalog knows of its English. */
function detailIn(language: Language, { messageId, ...detail }: ErrorDetail): Omit<ErrorDetail, 'messageId'> {
  const message = language === 'id' ? (messageId ?? detailMessageId(detail.message) ?? detail.message) : detail.message;
  return {
    ...detail,
    message: redactNikLike(message),
    ...(detail.field !== undefined ? { field: redactNikLike(detail.field) } : {}),
  };
}

/**
 * Every error answer is built here, so a NIK-like run can never be echoed in one: whatever wrote the message or the
 * field name (a framework's "Cannot GET <url>", a parser's snippet of the body, a field named by a key of the body),
 * the run is replaced. Messages are thrown in English; `language` 'id' answers them in Bahasa Indonesia (codes,
 * fields and rows unchanged).
 */
export const errorBody = (
  code: ErrorCode,
  message: string,
  requestId: string,
  details: ErrorDetail[] = [],
  language: Language = 'en',
): ErrorBody => ({
  error: {
    code,
    message: redactNikLike(language === 'id' ? indonesianMessage(code, message) : message),
    requestId,
    details: details.map((d) => detailIn(language, d)),
  },
});
