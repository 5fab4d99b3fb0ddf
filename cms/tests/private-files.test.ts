import { api, bearer, cmsUrl, login, PHONES } from './support/api';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('private files (principle 8)', () => {
  let aAdmin: string;
  let aMember: string;
  let bAdmin: string;
  let staff: string;
  let uploaded: { documentId: string; mime: string; size: number; originalName: string };

  beforeAll(async () => {
    [aAdmin, aMember, bAdmin, staff] = await Promise.all([login(PHONES.jinghuaAdmin), login(PHONES.jinghuaMember), login(PHONES.zijingAdmin), login(PHONES.superAdmin)]);
    const res = await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'id_card_front').attach('file', PDF, '法人身份证正面.pdf');
    expect(res.status).toBe(201);
    uploaded = res.body.data;
  });

  it('stores the upload with its type detected from content and never exposes the storage key', () => {
    expect(uploaded).toMatchObject({ mime: 'application/pdf', size: PDF.length, originalName: '法人身份证正面.pdf', category: 'id_card_front' });
    expect(JSON.stringify(uploaded)).not.toMatch(/storageKey|private-uploads/);
  });

  it('lets the owning merchant and platform staff download it through the authenticated route', async () => {
    for (const jwt of [aAdmin, aMember, staff]) {
      const res = await api()
        .get(`/api/private-files/${uploaded.documentId}/download`)
        .set(bearer(jwt))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('法人身份证正面.pdf'));
      expect(res.headers['cache-control']).toContain('no-store');
    }
  });

  it('refuses other merchants and anonymous callers', async () => {
    const other = await api().get(`/api/private-files/${uploaded.documentId}/download`).set(bearer(bAdmin));
    expect(other.status).toBe(404);
    const anonymous = await api().get(`/api/private-files/${uploaded.documentId}/download`);
    expect([401, 403]).toContain(anonymous.status);
    const listed = await api().get('/api/private-files').set(bearer(bAdmin));
    expect(listed.body.data.map((f: any) => f.documentId)).not.toContain(uploaded.documentId);
  });

  it('is not reachable through any public /uploads URL', async () => {
    const publicList = await fetch(`${cmsUrl()}/uploads/`);
    expect(publicList.status).toBe(404);
    // Whatever the key looks like, nothing under /uploads serves this document.
    for (const guess of [`/uploads/${uploaded.documentId}.pdf`, `/uploads/${uploaded.originalName}`]) {
      expect((await fetch(`${cmsUrl()}${encodeURI(guess)}`)).status).toBe(404);
    }
    // And Strapi's public upload library is not there at all (cms/src/core/closed-routes.ts).
    const publicUpload = await api().post('/api/upload').set(bearer(aAdmin)).attach('files', PDF, 'x.pdf');
    expect([
      [404, 'NOT_FOUND'],
      [405, 'METHOD_NOT_ALLOWED'],
    ]).toContainEqual([publicUpload.status, publicUpload.body.error?.code]);
  });

  it('checks the type by content, not by extension', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);
    const disguised = await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'invoice').attach('file', exe, 'invoice.pdf');
    expect(disguised.status).toBe(415);
    expect(disguised.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const png = await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'bank_permit').attach('file', PNG, 'permit.jpeg');
    expect(png.status).toBe(201);
    expect(png.body.data.mime).toBe('image/png');
  });

  it('enforces the size limit and the category list', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'invoice').attach('file', big, 'big.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('FILE_TOO_LARGE');
    const badCategory = await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'selfie').attach('file', PDF, 'a.pdf');
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.code).toBe('FILE_CATEGORY_INVALID');
    const missing = await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'invoice');
    expect(missing.body.error.code).toBe('FILE_REQUIRED');
  });
});
