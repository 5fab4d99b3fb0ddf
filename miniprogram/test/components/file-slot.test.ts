/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { flushPromises, installFakeWx, FakeWx } from '../helpers/fake-wx';
import { loadComponent, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');
type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void };

let fake: FakeWx;
let wxg: Record<string, jest.Mock>;

beforeEach(() => {
  fake = installFakeWx();
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-upload';
  wxg = (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
  wxg.chooseMedia = jest.fn((o: Callbacks) => o.success!({ tempFiles: [{ tempFilePath: 'wxfile://tmp/id-front.jpg', size: 1000, fileType: 'image' }], type: 'image' }));
  wxg.chooseMessageFile = jest.fn((o: Callbacks) => o.success!({ tempFiles: [{ path: 'wxfile://tmp/licence.pdf', name: '营业执照.pdf', size: 2000, type: 'file', time: 0 }] }));
  wxg.uploadFile = jest.fn((o: Callbacks) => {
    Promise.resolve().then(() =>
      o.success!({ statusCode: 201, data: JSON.stringify({ data: { documentId: 'pf-1', originalName: 'id-front.jpg', mime: 'image/jpeg', size: 1000 } }) }),
    );
    return { abort: jest.fn() };
  });
});

describe('components/file-slot (camera/album or PDF → POST /api/private-files)', () => {
  let id: string;
  beforeAll(() => {
    id = loadComponent('components/file-slot/index');
  });

  it('shows label, required tag and empty state', () => {
    const comp = render(id, { slotKey: 'id_card_front', label: '身份证人像面', hint: '法定代表人身份证', required: true });
    const t = text(comp);
    expect(t).toContain('身份证人像面');
    expect(t).toContain('必传');
    expect(t).toContain('尚未上传');
    expect(t).toContain('拍照或从相册选择');
    expect(t).toContain('从聊天记录选择 PDF');
  });

  it('camera/album → chooseMedia → uploadFile (field file, category = slot, bearer) → emits the documentId', async () => {
    const comp = render(id, { slotKey: 'id_card_front', label: '身份证人像面', required: true });
    const changes: unknown[] = [];
    comp.addEventListener('change', (e: { detail: unknown }) => changes.push(e.detail));
    comp.querySelector('.file-slot-camera').dispatchEvent('tap');
    await flushPromises(20);
    expect(wxg.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'] }));
    expect(wxg.uploadFile).toHaveBeenCalledTimes(1);
    const upload = wxg.uploadFile.mock.calls[0][0];
    expect(upload).toMatchObject({
      url: 'http://127.0.0.1:1337/api/private-files',
      filePath: 'wxfile://tmp/id-front.jpg',
      name: 'file',
      formData: { category: 'id_card_front' },
    });
    expect(upload.header.Authorization).toBe('Bearer jwt-upload');
    expect(changes).toEqual([{ slot: 'id_card_front', documentId: 'pf-1', name: 'id-front.jpg' }]);
    expect(comp.data.uploading).toBe(false);
    expect(comp.data.preview).toBe('wxfile://tmp/id-front.jpg');
  });

  it('PDF from a chat → chooseMessageFile → upload', async () => {
    const comp = render(id, { slotKey: 'business_licence', label: '营业执照' });
    const changes: Array<{ documentId: string }> = [];
    comp.addEventListener('change', (e: { detail: { documentId: string } }) => changes.push(e.detail));
    comp.querySelector('.file-slot-pdf').dispatchEvent('tap');
    await flushPromises(20);
    expect(wxg.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ count: 1, type: 'file', extension: ['pdf'] }));
    expect(wxg.uploadFile.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/licence.pdf', formData: { category: 'business_licence' } });
    expect(changes[0].documentId).toBe('pf-1');
    expect(comp.data.preview).toBe('');
  });

  it('an upload error (envelope) is shown and nothing is emitted', async () => {
    wxg.uploadFile = jest.fn((o: Callbacks) => {
      Promise.resolve().then(() =>
        o.success!({ statusCode: 413, data: JSON.stringify({ data: null, error: { status: 413, code: 'FILE_TOO_LARGE', message: 'File too large', details: {} } }) }),
      );
    });
    const comp = render(id, { slotKey: 'id_card_back', label: '身份证国徽面', required: true });
    const changes: unknown[] = [];
    comp.addEventListener('change', (e: { detail: unknown }) => changes.push(e.detail));
    await comp.instance.onChooseImage();
    await flushPromises(20);
    expect(changes).toEqual([]);
    expect(text(comp)).toContain('上传失败：文件过大，请压缩后重新上传');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件过大，请压缩后重新上传' }));
  });

  it('a cancelled picker does nothing; an uploaded slot shows its state; disabled hides the pickers', async () => {
    wxg.chooseMedia = jest.fn((o: Callbacks) => o.fail!({ errMsg: 'chooseMedia:fail cancel' }));
    const comp = render(id, { slotKey: 'id_card_front', label: '身份证人像面', documentId: 'pf-9', fileName: 'a.jpg' });
    await comp.instance.onChooseImage();
    expect(wxg.uploadFile).not.toHaveBeenCalled();
    expect(fake.api.showToast).not.toHaveBeenCalled();
    expect(text(comp)).toContain('已上传 · a.jpg');
    expect(text(comp)).toContain('重新上传');
    const locked = render(id, { slotKey: 'id_card_front', label: '身份证人像面', documentId: 'pf-9', disabled: true });
    expect(locked.querySelector('.file-slot-camera')).toBeFalsy();
  });

  it('pdfOnly (出口退税): no camera; the thumbnail and the action pick a PDF from a chat', async () => {
    const comp = render(id, { slotKey: 'tax_declaration', label: '出口报关单（PDF）', required: true, pdfOnly: true });
    expect(comp.querySelector('.file-slot-camera')).toBeFalsy();
    expect(text(comp)).toContain('从聊天记录选择 PDF');
    expect(text(comp)).toContain('PDF');
    const changes: Array<{ slot: string; documentId: string }> = [];
    comp.addEventListener('change', (e: { detail: { slot: string; documentId: string } }) => changes.push(e.detail));
    comp.querySelector('.file-slot-thumb').dispatchEvent('tap');
    await flushPromises(20);
    expect(wxg.chooseMedia).not.toHaveBeenCalled();
    expect(wxg.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ extension: ['pdf'] }));
    expect(wxg.uploadFile.mock.calls[0][0]).toMatchObject({ formData: { category: 'tax_declaration' } });
    expect(changes).toEqual([{ slot: 'tax_declaration', documentId: 'pf-1', name: 'id-front.jpg' }]);
    const done = render(id, { slotKey: 'tax_declaration', label: '出口报关单（PDF）', pdfOnly: true, documentId: 'pf-9' });
    expect(text(done)).toContain('重新选择 PDF');
    // the thumbnail of a photo slot still opens the camera/album
    const photo = render(id, { slotKey: 'id_card_front', label: '身份证人像面' });
    photo.querySelector('.file-slot-thumb').dispatchEvent('tap');
    await flushPromises(20);
    expect(wxg.chooseMedia).toHaveBeenCalledTimes(1);
  });
});
