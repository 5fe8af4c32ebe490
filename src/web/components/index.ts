// Laurel UI components (see README.md for every component's props).
export { ASSET_BASE } from './assets.ts';
export type { Crumb } from './types.ts';
export { type IconName } from './icon-names.ts';
export { renderPage, renderFragment } from './render.ts';

export { Layout } from './Layout.tsx';
export { AuthLayout } from './AuthLayout.tsx';
export { Icon } from './Icon.tsx';

export { PageHeader } from './PageHeader.tsx';
export { SectionHeader } from './SectionHeader.tsx';
export { Card } from './Card.tsx';
export { Banner } from './Banner.tsx';
export { Button, LinkButton } from './Button.tsx';
export { ConfirmDialog, DialogLink } from './Dialog.tsx';

export { Form, FormActions, RequiredNote } from './Form.tsx';
export { CsrfInput } from './CsrfInput.tsx';
export { Field } from './Field.tsx';
export { SelectField } from './SelectField.tsx';
export { CheckboxField } from './CheckboxField.tsx';
export { TextAreaField } from './TextAreaField.tsx';
export { FileField } from './FileField.tsx';
export { CopyField } from './CopyField.tsx';
export { LockedField } from './LockedField.tsx';

export { Pill, type PillTone } from './Pill.tsx';
export { StatusPill } from './StatusPill.tsx';
export { PlanBadge } from './PlanBadge.tsx';
export { RoleBadge } from './RoleBadge.tsx';

export { DataTable, CellPrimary } from './DataTable.tsx';
export { Pagination } from './Pagination.tsx';
export { DescriptionList } from './DescriptionList.tsx';
export { EmptyState } from './EmptyState.tsx';

export { OrgTabs, type OrgSection } from './OrgTabs.tsx';
export { OrgHeader } from './OrgHeader.tsx';
export { MetaItem } from './MetaItem.tsx';
export { OrgLogo } from './OrgLogo.tsx';
export { Avatar } from './Avatar.tsx';
export { BadgeThumb } from './BadgeThumb.tsx';
export { Stat, StatsRow } from './Stat.tsx';
export { Usage } from './Usage.tsx';
