import { Card, Skeleton } from "antd";

export function HomeSkeleton() {
  return (
    <div className="jmt-page" data-testid="home-loading" aria-busy="true">
      <div className="jmt-banner jmt-banner-skeleton">
        <Skeleton active paragraph={{ rows: 3 }} title={{ width: "40%" }} />
      </div>
      <div className="jmt-section-head">
        <Skeleton.Input active size="small" style={{ width: 160 }} />
      </div>
      <div className="jmt-module-grid">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="jmt-module-card is-skeleton">
            <Skeleton.Avatar active shape="square" size={52} />
            <Skeleton active title={{ width: "50%" }} paragraph={{ rows: 2 }} />
          </div>
        ))}
      </div>
      <div className="jmt-home-panels">
        <Card className="jmt-panel">
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
        <Card className="jmt-panel">
          <Skeleton active avatar paragraph={{ rows: 5 }} />
        </Card>
      </div>
    </div>
  );
}
