import type { Request } from 'express';
import busboy from 'busboy';
import { AppError } from '../../../shared/errors';
import { UPLOAD_MAX_BYTES } from '../../../shared/wall/limits';

/** Room for the multipart envelope (boundaries, part headers) around the one file. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

export interface ReceivedFile {
  data: Uint8Array;
  filename: string | undefined;
}

/**
 * Reads one file from a `multipart/form-data` request (field `file`) with hard limits: one file, no more than
 * `UPLOAD_MAX_BYTES` (busboy stops counting past it and the request is refused), a few short fields, and a
 * Content-Length checked before reading anything. The file is buffered in memory: it is bounded, and images
 * must be decoded whole anyway.
 */
export function receiveFile(req: Request, maxBytes = UPLOAD_MAX_BYTES): Promise<ReceivedFile> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(new AppError('VALIDATION', 'Send the file as multipart/form-data'));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    req.resume();
    return Promise.reject(new AppError('PAYLOAD_TOO_LARGE', `The file is too large (at most ${Math.round(maxBytes / 1024 / 1024)} MB)`, [{ path: 'file', message: 'too_large' }]));
  }
  return new Promise<ReceivedFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8 ("exposé.pdf"), not latin1.
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 40 },
      });
    } catch {
      reject(new AppError('VALIDATION', 'Malformed upload'));
      return;
    }
    let file: ReceivedFile | undefined;
    let failure: AppError | undefined;
    let pending: Promise<void> | undefined;
    const fail = (error: AppError): void => {
      failure ??= error;
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || file || pending) {
        stream.resume();
        fail(new AppError('VALIDATION', 'Send exactly one file, in the field "file"'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      pending = new Promise<void>((done) => {
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxBytes) chunks.push(chunk);
        });
        stream.on('limit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `The file is too large (at most ${Math.round(maxBytes / 1024 / 1024)} MB)`, [{ path: 'file', message: 'too_large' }])));
        stream.on('end', () => {
          const buffer = Buffer.concat(chunks);
          file = { data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), filename: info.filename };
          done();
        });
        stream.on('error', () => {
          fail(new AppError('VALIDATION', 'The upload was interrupted'));
          done();
        });
      });
    });
    parser.on('filesLimit', () => fail(new AppError('VALIDATION', 'Send exactly one file')));
    parser.on('partsLimit', () => fail(new AppError('VALIDATION', 'Too many parts in the upload')));
    parser.on('fieldsLimit', () => fail(new AppError('VALIDATION', 'Too many fields in the upload')));
    parser.on('error', () => {
      fail(new AppError('VALIDATION', 'Malformed upload'));
      reject(failure);
    });
    parser.on('close', () => {
      void (pending ?? Promise.resolve()).then(() => {
        if (failure) reject(failure);
        else if (!file) reject(new AppError('VALIDATION', 'No file in the upload (field "file")'));
        else resolve(file);
      });
    });
    req.on('aborted', () => fail(new AppError('VALIDATION', 'The upload was interrupted')));
    req.pipe(parser);
  });
}
