import { ArrowLeftOutlined, CheckCircleOutlined, HistoryOutlined, RocketOutlined } from "@ant-design/icons";
import { useResourceParams, useTranslate } from "@refinedev/core";
import { Button, Card, Col, Flex, Result, Row, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { i18n } from "../../providers/i18n";

/**
 * Page of a module that is not built yet: what it will do (from FEATURES.md) and "即将上线", instead of a
 * broken link. The module is the current resource (its `meta.moduleKey`).
 */
export const ModulePlaceholder = ({ moduleKey: fromProps }: { moduleKey?: string }) => {
  const t = useTranslate();
  const { resource } = useResourceParams();
  const moduleKey = fromProps ?? (resource?.meta?.moduleKey as string | undefined) ?? resource?.name ?? "";
  const title = t(`resources.${moduleKey}`);
  const features = i18n.list(`modules.${moduleKey}.features`);

  return (
    <div className="page placeholder-page" data-testid={`placeholder-${moduleKey}`}>
      <Card className="placeholder-card" variant="borderless">
        <Result
          icon={
            <div className="placeholder-icon">
              <RocketOutlined />
            </div>
          }
          title={
            <Space direction="vertical" size={8}>
              <Space size={10} wrap style={{ justifyContent: "center" }}>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {title}
                </Typography.Title>
                <Tag color="purple" bordered={false} className="soon-tag">
                  {t("placeholder.comingSoon")}
                </Tag>
              </Space>
              <Typography.Text type="secondary">{t(`modules.${moduleKey}.subtitle`)}</Typography.Text>
            </Space>
          }
          subTitle={<Typography.Paragraph className="placeholder-description">{t(`modules.${moduleKey}.description`)}</Typography.Paragraph>}
          extra={
            <Flex gap={12} justify="center" wrap>
              <Link to="/">
                <Button type="primary" icon={<ArrowLeftOutlined />}>
                  {t("placeholder.backToDashboard")}
                </Button>
              </Link>
              <Link to="/system/audit-logs">
                <Button icon={<HistoryOutlined />}>{t("placeholder.viewLogs")}</Button>
              </Link>
            </Flex>
          }
        />
        {features.length > 0 && (
          <div className="placeholder-features">
            <Typography.Text type="secondary" className="section-label">
              {t("placeholder.planned")}
            </Typography.Text>
            <Row gutter={[16, 16]}>
              {features.map((feature) => (
                <Col xs={24} sm={12} lg={6} key={feature}>
                  <div className="feature-tile">
                    <CheckCircleOutlined />
                    <span>{feature}</span>
                  </div>
                </Col>
              ))}
            </Row>
          </div>
        )}
      </Card>
    </div>
  );
};
