import { messages } from '../../locales/index';
import { uploadPrivateFile } from '../../services/applications';
import { errorMessage } from '../../utils/errors';
import { toast } from '../../utils/wx-promise';

type Picked = { path: string; name: string } | null;

const isCancel = (err: unknown) => /cancel/i.test(String((err && (err as { errMsg?: string }).errMsg) || ''));

function pickImage(): Promise<Picked> {
  return new Promise((resolve, reject) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => {
        const file = res.tempFiles && res.tempFiles[0];
        resolve(file ? { path: file.tempFilePath, name: file.tempFilePath.split('/').pop() || 'image' } : null);
      },
      fail: (err) => (isCancel(err) ? resolve(null) : reject(err)),
    });
  });
}

function pickPdf(): Promise<Picked> {
  return new Promise((resolve, reject) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['pdf'],
      success: (res) => {
        const file = res.tempFiles && res.tempFiles[0];
        resolve(file ? { path: file.path, name: file.name || 'file.pdf' } : null);
      },
      fail: (err) => (isCancel(err) ? resolve(null) : reject(err)),
    });
  });
}

/**
 * One upload slot (R2 / D-slots): photo from camera or album (wx.chooseMedia) or a PDF from a chat
 * (wx.chooseMessageFile) → wx.uploadFile to POST /api/private-files (category = slot key).
 * Properties: slotKey, label, hint, required, documentId (already uploaded), fileName, disabled, allowPdf,
 * pdfOnly (no camera/album: the slot takes a PDF from a chat only, e.g. 出口退税's 报关单 and 发票).
 * Events: `change` { slot, documentId, name } after an upload; `error` { slot, message }.
 */
Component({
  properties: {
    slotKey: { type: String, value: '' },
    label: { type: String, value: '' },
    hint: { type: String, value: '' },
    required: { type: Boolean, value: false },
    documentId: { type: String, value: '' },
    fileName: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
    allowPdf: { type: Boolean, value: true },
    pdfOnly: { type: Boolean, value: false },
    invalid: { type: Boolean, value: false },
  },
  data: {
    t: messages().fileSlot,
    uploading: false,
    preview: '',
    localName: '',
    errorText: '',
  },
  methods: {
    onChooseImage() {
      return this.pickAndUpload(pickImage);
    },
    /** The thumbnail: the slot's main picker. */
    onThumbTap() {
      return this.pickAndUpload(this.data.pdfOnly ? pickPdf : pickImage);
    },
    onChoosePdf() {
      return this.pickAndUpload(pickPdf);
    },
    async pickAndUpload(pick: () => Promise<Picked>) {
      if (this.data.disabled || this.data.uploading) return;
      let picked: Picked = null;
      try {
        picked = await pick();
      } catch (err) {
        toast(errorMessage(err));
        return;
      }
      if (!picked) return;
      const slot = this.data.slotKey;
      this.setData({ uploading: true, errorText: '' });
      try {
        const uploaded = await uploadPrivateFile(picked.path, slot);
        const name = uploaded.originalName || picked.name;
        const isImage = !/\.pdf$/i.test(picked.name);
        this.setData({ uploading: false, localName: name, preview: isImage ? picked.path : '' });
        toast(this.data.t.done, 'success');
        this.triggerEvent('change', { slot, documentId: uploaded.documentId, name });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ uploading: false, errorText: message });
        toast(message);
        this.triggerEvent('error', { slot, message });
      }
    },
  },
});
