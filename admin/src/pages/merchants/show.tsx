import { ShopOutlined } from "@ant-design/icons";
import { Show } from "@refinedev/antd";
import { useShow, useTranslate } from "@refinedev/core";
import { Avatar, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Space, Steps, Typography } from "antd";
import { MerchantTypeTag, RegistrationStatusTag } from "../../components/common/RegistrationStatusTag";
import { REGISTRATION_STEPS as PROGRESS, registrationProgress as progressOf } from "@jmt/api-types";
import { formatDateTime, orDash } from "../../lib/format";
import type { Merchant } from "../../types/merchant";

/** 商户详情 */
export const MerchantShow = () => {
  const t = useTranslate();
  const { query, result: merchant } = useShow<Merchant>({ resource: "merchants" });

  if (query.isError) {
    return (
      <Show title={t("merchants.titles.show")}>
        <Result status="404" title={t("merchants.notFound")} subTitle={query.error?.message} />
      </Show>
    );
  }

  const progress = progressOf(merchant?.registrationStatus);
  return (
    <Show title={t("merchants.titles.show")}>
      {query.isLoading || !merchant ? (
        <Skeleton active avatar paragraph={{ rows: 8 }} />
      ) : (
        <Space direction="vertical" size={24} style={{ width: "100%" }}>
          <div className="merchant-hero">
            <Avatar shape="square" size={64} className="merchant-avatar" icon={<ShopOutlined />} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {merchant.nameCn}
              </Typography.Title>
              <Typography.Text type="secondary">{merchant.nameEn || "—"}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <Space size={8} wrap>
                  <MerchantTypeTag type={merchant.type} />
                  <RegistrationStatusTag status={merchant.registrationStatus} />
                </Space>
              </div>
            </div>
          </div>

          <Card size="small" title={t("merchants.sections.progress")} variant="outlined">
            <Steps
              current={progress.current}
              status={progress.state}
              responsive
              items={PROGRESS.map((status) => ({ title: t(`merchants.status.${status}`) }))}
            />
            {(merchant.registrationStatus === "returned" || merchant.registrationStatus === "rejected") && (
              <div style={{ marginTop: 12 }}>
                <RegistrationStatusTag status={merchant.registrationStatus} />
              </div>
            )}
          </Card>

          <Row gutter={[24, 24]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t("merchants.sections.basic")}>
                <Descriptions column={1} size="middle" bordered styles={{ label: { width: 140 } }}>
                  <Descriptions.Item label={t("merchants.fields.nameCn")}>{merchant.nameCn}</Descriptions.Item>
                  <Descriptions.Item label={t("merchants.fields.nameEn")}>{orDash(merchant.nameEn)}</Descriptions.Item>
                  <Descriptions.Item label={t("merchants.fields.type")}>
                    <MerchantTypeTag type={merchant.type} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t("merchants.fields.legalPersonName")}>{orDash(merchant.legalPersonName)}</Descriptions.Item>
                  <Descriptions.Item label={t("merchants.fields.addressCn")}>{orDash(merchant.addressCn)}</Descriptions.Item>
                  <Descriptions.Item label={t("merchants.fields.addressEn")}>{orDash(merchant.addressEn)}</Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={24}>
                <Card size="small" title={t("merchants.sections.contact")}>
                  <Descriptions column={1} size="middle" bordered styles={{ label: { width: 120 } }}>
                    <Descriptions.Item label={t("merchants.fields.contactName")}>{orDash(merchant.contactName)}</Descriptions.Item>
                    <Descriptions.Item label={t("merchants.fields.contactPhone")}>{orDash(merchant.contactPhone)}</Descriptions.Item>
                    <Descriptions.Item label={t("merchants.fields.contactEmail")}>{orDash(merchant.contactEmail)}</Descriptions.Item>
                  </Descriptions>
                </Card>
                <Card size="small" title={t("merchants.sections.system")}>
                  <Descriptions column={1} size="middle" bordered styles={{ label: { width: 120 } }}>
                    <Descriptions.Item label={t("merchants.fields.creatorPhone")}>{orDash(merchant.creatorPhone)}</Descriptions.Item>
                    <Descriptions.Item label={t("merchants.fields.createdAt")}>{formatDateTime(merchant.createdAt, true)}</Descriptions.Item>
                    <Descriptions.Item label={t("merchants.fields.updatedAt")}>{formatDateTime(merchant.updatedAt, true)}</Descriptions.Item>
                    <Descriptions.Item label={t("merchants.fields.documentId")}>
                      <Typography.Text code copyable>
                        {merchant.documentId}
                      </Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t("merchants.fields.numericId")}>{orDash(merchant._numericId)}</Descriptions.Item>
                  </Descriptions>
                </Card>
              </Flex>
            </Col>
          </Row>
        </Space>
      )}
    </Show>
  );
};
