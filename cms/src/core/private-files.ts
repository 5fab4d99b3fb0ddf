import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Modules } from '@strapi/strapi';
import { AppError } from './errors';

/**
 * Private file storage (principle 8): licences, ID cards, bank permits, invoices. Files live under
 * PRIVATE_UPLOAD_DIR — never under public/ — named by a random key; the type is decided by the
 * file's leading bytes, not its name.
 */
/** A private file's category: the schema's enumeration (api::private-file.private-file). */
export type PrivateFileCategory = NonNullable<Modules.Documents.Params.Data.Input<'api::private-file.private-file'>['category']>;

export const privateUploadDir = (): string => path.resolve(process.env.PRIVATE_UPLOAD_DIR || path.join(process.cwd(), 'private-uploads'));
export const maxPrivateFileBytes = (): number => Number(process.env.PRIVATE_FILE_MAX_BYTES || 10 * 1024 * 1024);

const SIGNATURES: { mime: string; ext: string; test: (head: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: 'pdf', test: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/jpeg', ext: 'jpg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { mime: 'image/png', ext: 'png', test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', ext: 'webp', test: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function sniffMime(head: Buffer): { mime: string; ext: string } | null {
  const hit = SIGNATURES.find((s) => s.test(head));
  return hit ? { mime: hit.mime, ext: hit.ext } : null;
}

export interface StoredFile {
  storageKey: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Validates and moves an uploaded temp file into private storage. Nothing is kept on failure. */
export async function storePrivateFile(tempPath: string): Promise<StoredFile> {
  const stat = await fs.promises.stat(tempPath);
  if (stat.size === 0) throw new AppError('FILE_REQUIRED', 400);
  if (stat.size > maxPrivateFileBytes()) throw new AppError('FILE_TOO_LARGE', 413, { maxBytes: maxPrivateFileBytes() });
  const handle = await fs.promises.open(tempPath, 'r');
  const head = Buffer.alloc(16);
  await handle.read(head, 0, 16, 0);
  await handle.close();
  const type = sniffMime(head);
  if (!type) throw new AppError('FILE_TYPE_NOT_ALLOWED', 415);
  const sha256 = crypto
    .createHash('sha256')
    .update(await fs.promises.readFile(tempPath))
    .digest('hex');
  const now = new Date();
  const storageKey = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${crypto.randomUUID()}.${type.ext}`);
  const target = path.join(privateUploadDir(), storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await fs.promises.copyFile(tempPath, target);
  await fs.promises.chmod(target, 0o600);
  return { storageKey, mime: type.mime, size: stat.size, sha256 };
}

export function privateFilePath(storageKey: string): string {
  const root = privateUploadDir();
  const full = path.resolve(root, storageKey);
  if (!full.startsWith(root + path.sep)) throw new AppError('NOT_FOUND', 404);
  return full;
}

/** RFC 5987 Content-Disposition so Chinese file names survive every browser. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
