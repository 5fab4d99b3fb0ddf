import type { ReactNode } from "react";
import { ModuleGate, ModuleHero, PageCrumbs, type Crumb } from "../../components/ModuleShell";

export type { Crumb };

/** The hero shared by the 出口报关 pages. */
export function CustomsHero(props: { title: ReactNode; lead: ReactNode; extra?: ReactNode; tags?: ReactNode }) {
  return <ModuleHero moduleKey="customs" {...props} />;
}

export const CustomsCrumbs = PageCrumbs;

/** 出口报关 opens only once the business registration is approved (G8). */
export function CustomsGate({ crumbs, children }: { crumbs: Crumb[]; children: ReactNode }) {
  return (
    <ModuleGate moduleKey="customs" crumbs={crumbs}>
      {children}
    </ModuleGate>
  );
}
