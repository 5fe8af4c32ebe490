import { ROLE_LABELS, type Role } from '../../core/authz/roles.ts';
import { Pill, type PillTone } from './Pill.tsx';

const ROLE_TONE: Record<Role, PillTone> = {
  owner: 'violet',
  admin: 'info',
  issuer: 'brand',
  viewer: 'neutral',
};

/** A member's role in an organization. */
export function RoleBadge({ role, size }: { role: Role; size?: 'sm' | 'md' }) {
  return (
    <Pill tone={ROLE_TONE[role]} size={size}>
      {ROLE_LABELS[role]}
    </Pill>
  );
}
