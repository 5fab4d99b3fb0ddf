import { MailOutlined } from "@ant-design/icons";
import { Alert, App, Button, Space } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMe } from "../hooks/useSession";
import { useT } from "../i18n/useT";
import { formatDateTime } from "../lib/format";
import { api } from "../providers";
import { errorMessage } from "../providers/apiError";
import { queryClient } from "../providers/queryClient";
import { replaceToken } from "../providers/session";
import type { ReceivedInvitation } from "../providers/types";

/**
 * M3: invitations waiting for the signed-in phone (from GET /api/me). Accepting joins the merchant and switches to
 * it with the token the answer carries; declining just clears the invitation.
 */
export function InvitationInbox() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useMe();
  const [busy, setBusy] = useState<string | null>(null);
  const invitations = me?.invitations ?? [];
  if (invitations.length === 0) return null;

  const respond = async (invitation: ReceivedInvitation, accept: boolean) => {
    setBusy(invitation.documentId);
    try {
      const merchant = invitation.merchant.nameCn ?? "";
      if (accept) {
        const result = await api.acceptInvitation(invitation.documentId);
        replaceToken(result.jwt);
        await queryClient.resetQueries();
        navigate("/");
        message.success(
          t("invitations.accepted", {
            merchant: result.data.merchant.nameCn || merchant,
          }),
        );
      } else {
        await api.declineInvitation(invitation.documentId);
        await queryClient.invalidateQueries({ queryKey: ["jmt", "me"] });
        message.success(t("invitations.declined"));
      }
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" size={12} className="jmt-invitation-inbox" data-testid="invitation-inbox">
      {invitations.map((invitation) => {
        const values = {
          inviter: invitation.invitedByName ?? "",
          merchant: invitation.merchant.nameCn ?? "",
          role: t(`roles.${invitation.role}`),
        };
        return (
          <Alert
            key={invitation.documentId}
            type="info"
            showIcon
            icon={<MailOutlined />}
            message={t("invitations.title")}
            description={
              <>
                <div>{t(invitation.invitedByName ? "invitations.body" : "invitations.bodyNoInviter", values)}</div>
                <div className="jmt-muted">
                  {t("invitations.expires", {
                    time: formatDateTime(invitation.expiresAt),
                  })}
                </div>
              </>
            }
            action={
              <Space>
                <Button
                  type="primary"
                  size="small"
                  loading={busy === invitation.documentId}
                  onClick={() => void respond(invitation, true)}
                  data-testid="accept-invitation"
                >
                  {t("invitations.accept")}
                </Button>
                <Button
                  size="small"
                  disabled={busy === invitation.documentId}
                  onClick={() => void respond(invitation, false)}
                >
                  {t("invitations.decline")}
                </Button>
              </Space>
            }
          />
        );
      })}
    </Space>
  );
}
