import {
  AccountBookOutlined,
  AuditOutlined,
  ContainerOutlined,
  FileProtectOutlined,
  ReadOutlined,
  RocketOutlined,
  ShopOutlined,
  TransactionOutlined,
} from "@ant-design/icons";
import type { ComponentType, CSSProperties } from "react";
import type { ModuleKey } from "../providers/types";
import { MODULE_ACCENT } from "../theme";

const ICONS: Record<ModuleKey, ComponentType<{ style?: CSSProperties }>> = {
  registration: FileProtectOutlined,
  logistics: RocketOutlined,
  filing: AuditOutlined,
  customs: ContainerOutlined,
  "tax-refund": AccountBookOutlined,
  fx: TransactionOutlined,
  training: ReadOutlined,
  trading: ShopOutlined,
};

/** A module's icon in its accent-coloured bubble. */
export function ModuleIcon({
  moduleKey,
  size = 48,
  muted = false,
}: {
  moduleKey: ModuleKey;
  size?: number;
  muted?: boolean;
}) {
  const Icon = ICONS[moduleKey];
  const accent = MODULE_ACCENT[moduleKey];
  return (
    <span
      className="jmt-module-icon"
      style={{
        width: size,
        height: size,
        borderRadius: size * 0.32,
        color: muted ? "#a09bb3" : "#ffffff",
        background: muted
          ? "#f0eef5"
          : `linear-gradient(145deg, color-mix(in srgb, ${accent.color} 62%, white) 0%, ${accent.color} 100%)`,
        boxShadow: muted ? "none" : `0 6px 14px color-mix(in srgb, ${accent.color} 30%, transparent)`,
      }}
    >
      <Icon style={{ fontSize: size * 0.46 }} />
    </span>
  );
}
