import { BulbOutlined, EditOutlined, EnvironmentOutlined } from "@ant-design/icons";
import type { CustomsHint } from "@jmt/api-types";
import { customs, fieldRule } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { List } from "@refinedev/antd";
import { usePermissions, useTranslate } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App as AntdApp, Button, Card, Col, Empty, Flex, Form, Input, Modal, Result, Row, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { RefreshButton } from "../../components/common/RefreshButton";
import { checkBody } from "../../lib/contract-form";
import { hintsByPlacement, placementKey } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import { customsApi } from "../../providers/data-provider";
import { CUSTOMS_KEYS } from "./hooks";

/** The inputs' caps; the limits themselves are the contract's rules (`customs.hintInput`). */
const TITLE_MAX = 100;
const BODY_MAX = 2000;

/** The hint form's rules, the contract's (`customs.hintInput`): a title of at most 100 characters and a text of at most 2000. */
export const hintRules = { title: [fieldRule(customs.hintInput.shape.title)], body: [fieldRule(customs.hintInput.shape.body)] };

/** 水晶行业提示 (C9): the hints merchants see next to the customs forms, grouped by where they show, editable by staff. */
export const CustomsHintList = () => {
  const t = useTranslate();
  const [editing, setEditing] = useState<CustomsHint | null>(null);
  const { data: permissions } = usePermissions<string[]>({});
  const mayEdit = hasPermission(permissions, "customs.hints");
  const query = useQuery({ queryKey: CUSTOMS_KEYS.hints, queryFn: () => customsApi.hints() });
  const groups = hintsByPlacement(query.data).filter((group) => group.placement !== "other" || group.hints.length > 0);
  const forbidden = (query.error as { statusCode?: number } | null)?.statusCode === 403;

  return (
    <List
      title={t("customs.hints.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("customs.hints.subtitle")}</span> }}
      headerButtons={() => <RefreshButton query={query} />}
    >
      {forbidden ? (
        <Result status="403" title={t("customs.common.forbidden")} subTitle={t("customs.common.forbiddenHint", { permission: "customs.view" })} />
      ) : query.isError ? (
        <Result
          status="warning"
          title={t("customs.common.loadFailed")}
          subTitle={(query.error as { message?: string })?.message}
          extra={<Button onClick={() => void query.refetch()}>{t("customs.common.retry")}</Button>}
        />
      ) : query.isLoading ? (
        <Row gutter={[20, 20]}>
          {[0, 1, 2].map((key) => (
            <Col xs={24} xl={8} key={key}>
              <Card variant="borderless" className="section-card">
                <Skeleton active paragraph={{ rows: 5 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : (query.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.hints.empty")} />
      ) : (
        <Row gutter={[20, 20]} data-testid="hint-groups">
          {groups.map((group) => (
            <Col xs={24} xl={8} key={group.placement}>
              <Card
                variant="borderless"
                className="section-card hint-group"
                data-testid={`hint-group-${group.placement}`}
                title={
                  <Space size={8}>
                    <EnvironmentOutlined />
                    <span>{t(`customs.hints.placements.${placementKey(group.placement)}`, group.placement)}</span>
                    <Tag bordered={false}>{t("customs.hints.count", { count: group.hints.length })}</Tag>
                  </Space>
                }
              >
                <Typography.Paragraph type="secondary" className="hint-group__where">
                  {t(`customs.hints.placementHint.${placementKey(group.placement)}`, group.placement)}
                </Typography.Paragraph>
                {group.hints.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.hints.emptyPlacement")} />
                ) : (
                  <Flex vertical gap={12}>
                    {group.hints.map((hint) => (
                      <div className="hint-card" key={hint.key} data-testid="hint-card" data-key={hint.key}>
                        <Flex justify="space-between" align="flex-start" gap={8}>
                          <Typography.Text strong className="hint-card__title" data-testid="hint-title">
                            <BulbOutlined /> {hint.title}
                          </Typography.Text>
                          {mayEdit && (
                            <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(hint)} data-testid="hint-edit">
                              {t("customs.hints.edit")}
                            </Button>
                          )}
                        </Flex>
                        <Typography.Paragraph className="hint-card__body" data-testid="hint-body">
                          {hint.body}
                        </Typography.Paragraph>
                        {(hint.updatedAt || hint.editedBy) && (
                          <Typography.Text type="secondary" className="hint-card__meta">
                            {hint.editedBy
                              ? t("customs.hints.edited", { name: hint.editedBy, time: formatDateTime(hint.updatedAt) })
                              : t("customs.hints.updated", { time: formatDateTime(hint.updatedAt) })}
                          </Typography.Text>
                        )}
                      </div>
                    ))}
                  </Flex>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <HintModal hint={editing} onClose={() => setEditing(null)} />
    </List>
  );
};

interface HintForm {
  title: string;
  body: string;
}

/** Edit a hint's title and text (`PUT /api/customs/hints/:key`), with a preview of how merchants see it. */
const HintModal = ({ hint, onClose }: { hint: CustomsHint | null; onClose: () => void }) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<HintForm>();
  const [saving, setSaving] = useState(false);
  const title = Form.useWatch("title", form);
  const body = Form.useWatch("body", form);

  const save = async () => {
    if (!hint) return;
    let values: HintForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = checkBody(form, customs.hintInput, values);
    if (!input) return;
    setSaving(true);
    try {
      const saved = await customsApi.saveHint(hint.key, input);
      client.setQueryData<CustomsHint[]>(CUSTOMS_KEYS.hints, (list) =>
        list?.map((item) => (item.key === hint.key ? { ...item, ...saved, updatedAt: new Date().toISOString() } : item)),
      );
      void client.invalidateQueries({ queryKey: CUSTOMS_KEYS.hints });
      message.success(t("customs.hints.saved"));
      onClose();
    } catch (error) {
      const apiError = error as ApiHttpError;
      const problems = (apiError.details?.errors as Array<{ field?: string; message?: string }> | undefined) ?? [];
      form.setFields(
        problems
          .filter((problem) => problem.field === "title" || problem.field === "body")
          .map((problem) => ({ name: problem.field as keyof HintForm, errors: [problem.message ?? ""] })),
      );
      notification.error({ message: t("customs.hints.saveFailed"), description: apiError.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(hint)}
      title={t("customs.hints.editTitle")}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "hint-save" } as React.ComponentProps<typeof Button>}
      width={640}
      destroyOnHidden
      data-testid="hint-modal"
    >
      {hint && (
        <Form<HintForm> form={form} layout="vertical" initialValues={{ title: hint.title, body: hint.body }} preserve={false}>
          <Form.Item label={t("customs.hints.fields.placement")}>
            <Tag bordered={false} color="purple" icon={<EnvironmentOutlined />}>
              {t(`customs.hints.placements.${placementKey(hint.placement)}`, String(hint.placement ?? ""))}
            </Tag>
            <Typography.Text type="secondary">{t(`customs.hints.placementHint.${placementKey(hint.placement)}`, "")}</Typography.Text>
          </Form.Item>
          <Form.Item name="title" label={t("customs.hints.fields.title")} required rules={hintRules.title}>
            <Input maxLength={TITLE_MAX} showCount data-testid="hint-title-input" />
          </Form.Item>
          <Form.Item name="body" label={t("customs.hints.fields.body")} required rules={hintRules.body}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={BODY_MAX} showCount data-testid="hint-body-input" />
          </Form.Item>
          <Typography.Text type="secondary" className="section-label">
            {t("customs.hints.preview")}
          </Typography.Text>
          <Alert
            className="hint-preview"
            type="info"
            showIcon
            icon={<BulbOutlined />}
            message={title || hint.title}
            description={<span className="pre-wrap">{body ?? hint.body}</span>}
          />
        </Form>
      )}
    </Modal>
  );
};
