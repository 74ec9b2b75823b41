import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { containsNikLike, NIK_LIKE_MESSAGE } from '../../../common/privacy/nik-guard';

/** The uploaded file as a stream: a `text/csv` body, or the `file` field of a multipart form. */
export async function uploadedFile(request: FastifyRequest): Promise<AsyncIterable<Buffer>> {
  if (request.isMultipart()) {
    const part = await request.file().catch((err: Error) => {
      throw new DomainError('VALIDATION', 'The multipart body is malformed', [{ field: 'file', message: err.message }]);
    });
    if (!part || part.fieldname !== 'file') {
      throw new DomainError('VALIDATION', 'Send the CSV in the multipart field "file"', [
        { field: 'file', message: 'is required' },
      ]);
    }
    // The name is neither stored nor echoed; a NIK in it is refused all the same, before anything is stored, so
    // that no later use of it (a log line, a download name) can carry one.
    if (part.filename && containsNikLike(part.filename)) {
      part.file.resume();
      throw new DomainError('VALIDATION', 'The file name is not valid', [
        { field: 'file.filename', message: NIK_LIKE_MESSAGE },
      ]);
    }
    return guarded(part.file);
  }
  const body = request.body as AsyncIterable<Buffer> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the file as text/csv or multipart/form-data with a field "file"',
    );
  }
  return guarded(body);
}

/** A body that breaks off or is malformed mid-way is the client's 400, not a 500; the size limit keeps its 413. */
async function* guarded(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await iterator.next();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 413) throw err;
      throw new DomainError('VALIDATION', 'The upload was cut off or malformed', [
        { field: 'file', message: (err as Error).message },
      ]);
    }
    if (next.done) return;
    yield next.value;
  }
}
