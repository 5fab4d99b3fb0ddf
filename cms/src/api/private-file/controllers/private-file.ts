import fs from 'node:fs';
import type { Context } from 'koa';
import { factories } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import { assertCan, resolveScope } from '../../../core/scope';
import { contentDisposition, privateFilePath, storePrivateFile, type PrivateFileCategory } from '../../../core/private-files';
import { bodyOf, paramsOf } from '../../../core/request';
import schema from '../content-types/private-file/schema.json';

const UID = 'api::private-file.private-file';
// The schema's enumeration is the one list of categories.
const CATEGORIES = new Set<string>(schema.attributes.category.enum);
const isCategory = (value: unknown): value is PrivateFileCategory => typeof value === 'string' && CATEGORIES.has(value);

/** A multipart upload as koa-body (formidable) hands it over; formidable 1 said `path` and `name`. */
type UploadedFile = { filepath?: string; path?: string; originalFilename?: string | null; name?: string };

/**
 * Upload and download of private documents. Reads go through the Document Service, so a file of
 * another merchant is simply not found; platform staff with files.read see all.
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async create(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, 'files.write');
    if (scope.kind !== 'merchant' || !scope.merchantId) throw new AppError('FORBIDDEN', 403);
    const upload = ctx.request.files?.file as UploadedFile | UploadedFile[] | undefined;
    const file = Array.isArray(upload) ? upload[0] : upload;
    if (!file) throw new AppError('FILE_REQUIRED', 400, { field: 'file' });
    const category = bodyOf(ctx).category;
    if (!isCategory(category)) throw new AppError('FILE_CATEGORY_INVALID', 400, { field: 'category', allowed: [...CATEGORIES] });
    const tempPath = (file.filepath ?? file.path) as string;
    try {
      const stored = await storePrivateFile(tempPath);
      const created = await strapi.documents(UID).create({
        data: {
          category,
          originalName: String(file.originalFilename ?? file.name ?? 'file').slice(0, 255),
          mime: stored.mime,
          size: stored.size,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
          // A merchant scope is a signed-in user's.
          uploadedById: scope.userId as number,
        },
      });
      ctx.status = 201;
      const { storageKey: _hidden, ...visible } = created as Record<string, unknown>;
      ctx.body = { data: visible };
    } finally {
      fs.promises.unlink(tempPath).catch(() => undefined);
    }
  },

  async download(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, 'files.read');
    const doc = (await strapi.documents(UID).findOne({ documentId: paramsOf(ctx).id })) as { storageKey: string; mime: string; originalName: string; size: number } | null;
    if (!doc) throw new AppError('NOT_FOUND', 404);
    const filePath = privateFilePath(doc.storageKey);
    if (!fs.existsSync(filePath)) throw new AppError('FILE_MISSING', 410);
    ctx.set('Content-Type', doc.mime);
    ctx.set('Content-Disposition', contentDisposition(doc.originalName || 'file'));
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = fs.createReadStream(filePath);
  },
}));
