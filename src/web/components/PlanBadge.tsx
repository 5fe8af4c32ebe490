import type { PlanId } from '../../core/plans/plans.ts';
import type { IconName } from './icon-names.ts';
import { Pill, type PillTone } from './Pill.tsx';

const PLAN_LOOK: Record<PlanId, { label: string; tone: PillTone; icon?: IconName }> = {
  free: { label: 'Free', tone: 'outline' },
  professional: { label: 'Professional', tone: 'brand', icon: 'award' },
  enterprise: { label: 'Enterprise', tone: 'violet', icon: 'building' },
};

/** The organization's plan as an uppercase pill. */
export function PlanBadge({ plan, size }: { plan: PlanId; size?: 'sm' | 'md' }) {
  const look = PLAN_LOOK[plan];
  return (
    <Pill tone={look.tone} icon={look.icon} size={size} className="pill--plan">
      {look.label}
    </Pill>
  );
}
