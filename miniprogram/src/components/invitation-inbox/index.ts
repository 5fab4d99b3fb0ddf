import { format, messages } from '../../locales/index';
import { acceptInvitation, declineInvitation, InvitationCard, invitationCards, ReceivedInvitation } from '../../services/invitations';
import { errorMessage } from '../../utils/errors';
import { confirmModal, toast } from '../../utils/wx-promise';

/**
 * 成员邀请 as the invitee sees it (我的, 消息中心): one card per invitation waiting for the signed-in phone, with
 * 接受 / 拒绝. Property: invitations (ReceivedInvitation[], from GET /api/me or /api/invitations/mine).
 * Events: `accepted` { documentId, merchant: { documentId, nameCn }, role } once joined (the stored token now acts for
 * that merchant: the page reloads), `declined` { documentId }. An answered card leaves the list at once.
 */
Component({
  properties: {
    invitations: { type: Array, value: [] as ReceivedInvitation[] },
  },
  data: {
    t: messages().invitations,
    cards: [] as InvitationCard[],
    /** The invitation being answered (its buttons wait). */
    busy: '',
  },
  observers: {
    invitations(list: ReceivedInvitation[]) {
      this.setData({ cards: invitationCards(list) });
    },
  },
  methods: {
    cardAt(e: WechatMiniprogram.TouchEvent): InvitationCard | undefined {
      return (this.data.cards as InvitationCard[])[Number(e.currentTarget.dataset.index)];
    },

    drop(documentId: string) {
      this.setData({ cards: (this.data.cards as InvitationCard[]).filter((c) => c.documentId !== documentId) });
    },

    async onAccept(e: WechatMiniprogram.TouchEvent) {
      const card = this.cardAt(e);
      if (!card || this.data.busy) return;
      this.setData({ busy: card.documentId });
      wx.showLoading({ title: this.data.t.joining, mask: true });
      try {
        const result = await acceptInvitation(card.documentId);
        wx.hideLoading();
        this.drop(card.documentId);
        const merchant = (result.data && result.data.merchant) || { documentId: '', nameCn: card.merchantName };
        toast(format(this.data.t.accepted, { merchant: merchant.nameCn || card.merchantName }), 'success');
        this.triggerEvent('accepted', { documentId: card.documentId, merchant, role: result.data && result.data.role });
      } catch (err) {
        wx.hideLoading();
        toast(errorMessage(err));
      } finally {
        this.setData({ busy: '' });
      }
    },

    async onDecline(e: WechatMiniprogram.TouchEvent) {
      const card = this.cardAt(e);
      if (!card || this.data.busy) return;
      const t = this.data.t;
      if (!(await confirmModal(t.declineTitle, format(t.declineConfirm, { merchant: card.merchantName })))) return;
      this.setData({ busy: card.documentId });
      try {
        await declineInvitation(card.documentId);
        this.drop(card.documentId);
        toast(t.declined, 'success');
        this.triggerEvent('declined', { documentId: card.documentId });
      } catch (err) {
        toast(errorMessage(err));
      } finally {
        this.setData({ busy: '' });
      }
    },
  },
});
