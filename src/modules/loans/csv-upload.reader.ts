import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';

/** The uploaded file as a stream: a `text/csv` body, or the `file` field of a multipart form. */
export async function uploadedFile(request: FastifyRequest): Promise<AsyncIterable<Buffer>> {
  if (request.isMultipart()) {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      throw new DomainError('VALIDATION', 'Send the CSV in the multipart field "file"', [{ field: 'file', message: 'is required' }]);
    }
    return part.file;
  }
  const body = request.body as AsyncIterable<Buffer> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv or multipart/form-data with a field "file"');
  }
  return body;
}
