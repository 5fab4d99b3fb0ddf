import { DeleteOutlined, InfoCircleOutlined, UserAddOutlined } from "@ant-design/icons";
import { useDelete, useList, useUpdate } from "@refinedev/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Avatar,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  Tag,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";
import { fieldRule, invitations as invitationContract } from "@jmt/contracts";
import { api } from "../../providers";
import type { ApiError } from "../../providers/apiError";
import { errorMessage } from "../../providers/apiError";
import { queryClient } from "../../providers/queryClient";
import type { MerchantRole, Membership, SentInvitation } from "../../providers/types";

interface InviteForm {
  phone: string;
  role: MerchantRole;
}

const INVITATION_COLOR: Record<SentInvitation["status"], string> = {
  pending: "processing",
  accepted: "success",
  declined: "default",
  revoked: "default",
  expired: "warning",
};

/**
 * M3 members of the current merchant: admins invite by phone (the invitee joins only by accepting), change roles
 * and remove; members only look.
 */
export function Members({ role, currentUserId }: { role: MerchantRole | null; currentUserId?: number }) {
  const t = useT();
  const { message } = App.useApp();
  const isAdmin = role === "admin";
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<InviteForm>();
  const { result, query } = useList<Membership & { id?: number }, ApiError>({
    resource: "memberships",
    pagination: { mode: "off" },
  });
  const invitations = useQuery<SentInvitation[], ApiError>({
    queryKey: ["jmt", "invitations"],
    queryFn: () => api.listInvitations(),
    enabled: isAdmin,
  });
  const invite = useMutation<SentInvitation, ApiError, InviteForm>({
    mutationFn: (values) => api.invite(values.phone.trim(), values.role),
    onSuccess: () => {
      message.success(t("me.members.invited"));
      setAdding(false);
      form.resetFields();
      void invitations.refetch();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const revoke = useMutation<SentInvitation, ApiError, string>({
    mutationFn: (documentId) => api.revokeInvitation(documentId),
    onSuccess: () => {
      message.success(t("me.members.revoked"));
      void invitations.refetch();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const { mutate: update } = useUpdate<Membership, ApiError, { role: MerchantRole }>();
  const { mutation: remove } = useDelete<Membership, ApiError>();

  const afterChange = (text: string) => {
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ["jmt", "home"] });
  };

  const changeRole = (m: Membership, next: MerchantRole) =>
    update(
      {
        resource: "memberships",
        id: m.documentId,
        values: { role: next },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => afterChange(t("me.members.roleChanged")),
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  const removeMember = (m: Membership) =>
    remove.mutate(
      {
        resource: "memberships",
        id: m.documentId,
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => afterChange(t("me.members.removed")),
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  const columns: ColumnsType<Membership> = [
    {
      title: t("me.members.name"),
      key: "name",
      render: (_, m) => (
        <span className="jmt-member">
          <Avatar size={32} className="jmt-user-avatar">
            {(m.user?.realName || "晶").slice(0, 1)}
          </Avatar>
          <span>
            {m.user?.realName || <span className="jmt-muted">{t("me.members.unnamed")}</span>}
            {m.user?.id === currentUserId && <Tag className="jmt-me-tag">{t("common.you")}</Tag>}
          </span>
        </span>
      ),
    },
    {
      title: t("me.members.phone"),
      key: "phone",
      render: (_, m) => m.user?.phone,
    },
    {
      title: t("me.members.role"),
      key: "role",
      render: (_, m) =>
        isAdmin ? (
          <Select<MerchantRole>
            size="small"
            value={m.role}
            style={{ width: 120 }}
            onChange={(next) => changeRole(m, next)}
            options={[
              { value: "admin", label: t("roles.admin") },
              { value: "member", label: t("roles.member") },
            ]}
            aria-label={t("me.members.role")}
          />
        ) : (
          <Tag color={m.role === "admin" ? "purple" : "default"} bordered={false}>
            {t(`roles.${m.role}`)}
          </Tag>
        ),
    },
    {
      title: t("me.members.joinedAt"),
      key: "createdAt",
      render: (_, m) => formatDateTime(m.createdAt),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t("me.members.actions"),
      key: "actions",
      align: "right",
      render: (_, m) => (
        <Popconfirm
          title={t("me.members.removeConfirm")}
          description={t("me.members.removeConfirmDesc")}
          okText={t("common.remove")}
          cancelText={t("common.cancel")}
          okButtonProps={{ danger: true }}
          onConfirm={() => removeMember(m)}
        >
          <Button type="text" danger icon={<DeleteOutlined />}>
            {t("common.remove")}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      className="jmt-panel"
      title={t("me.members.title")}
      extra={
        isAdmin ? (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="invite-member">
            {t("me.members.invite")}
          </Button>
        ) : null
      }
      data-testid="members"
    >
      <Alert
        type="info"
        showIcon
        icon={<InfoCircleOutlined />}
        className="jmt-me-note"
        message={isAdmin ? t("me.members.hint") : t("me.members.readOnly")}
      />
      <Table<Membership>
        rowKey="documentId"
        columns={columns}
        dataSource={result.data}
        loading={query.isLoading}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{
          emptyText: query.isError ? (
            <Empty description={query.error?.message}>
              <Button onClick={() => void query.refetch()}>{t("common.reload")}</Button>
            </Empty>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("me.members.empty")} />
          ),
        }}
      />
      {isAdmin && (invitations.data?.length ?? 0) > 0 && (
        <div className="jmt-invitations" data-testid="sent-invitations">
          <h4 className="jmt-invitations-title">{t("me.members.invitations")}</h4>
          <Table<SentInvitation>
            rowKey="documentId"
            size="small"
            dataSource={invitations.data}
            pagination={false}
            scroll={{ x: 640 }}
            columns={[
              {
                title: t("me.members.phone"),
                key: "phone",
                render: (_, i) => i.phone,
              },
              {
                title: t("me.members.role"),
                key: "role",
                render: (_, i) => t(`roles.${i.role}`),
              },
              {
                title: t("me.members.invitationStatus"),
                key: "status",
                render: (_, i) => (
                  <Tag color={INVITATION_COLOR[i.status]} bordered={false} data-status={i.status}>
                    {t(`me.members.invitationStatuses.${i.status}`)}
                  </Tag>
                ),
              },
              {
                title: t("me.members.invitedAt"),
                key: "createdAt",
                render: (_, i) => formatDateTime(i.createdAt),
              },
              {
                title: t("me.members.expiresAt"),
                key: "expiresAt",
                render: (_, i) => formatDateTime(i.expiresAt),
              },
              {
                title: t("me.members.actions"),
                key: "actions",
                align: "right",
                render: (_, i) =>
                  i.status === "pending" ? (
                    <Popconfirm
                      title={t("me.members.revokeConfirm")}
                      okText={t("me.members.revoke")}
                      cancelText={t("common.cancel")}
                      onConfirm={() => revoke.mutate(i.documentId)}
                    >
                      <Button type="link" size="small" danger>
                        {t("me.members.revoke")}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </div>
      )}
      <Modal
        open={adding}
        title={t("me.members.inviteTitle")}
        okText={t("me.members.sendInvite")}
        cancelText={t("common.cancel")}
        confirmLoading={invite.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <p className="jmt-muted">{t("me.members.inviteHint")}</p>
        <Form<InviteForm>
          form={form}
          layout="vertical"
          initialValues={{ role: "member" }}
          onFinish={(values) => invite.mutate(values)}
          preserve={false}
        >
          <Form.Item
            name="phone"
            label={t("me.members.phone")}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t("login.phoneRequired"),
              },
              fieldRule(invitationContract.inviteInput.shape.phone, { message: t("login.phoneInvalid") }),
            ]}
          >
            <Input placeholder={t("login.phonePlaceholder")} maxLength={11} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="role" label={t("me.members.role")}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="member">{t("roles.member")}</Radio.Button>
              <Radio.Button value="admin">{t("roles.admin")}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
