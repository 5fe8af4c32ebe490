// Laurel UI components (see README.md for every component's props).
export { ASSET_BASE, asset } from './assets.ts';
export { cx } from './cx.ts';
export type { Tone, FlashMessage, LayoutUser, NavItem, ExtraAttrs, Crumb } from './types.ts';
export { ICON_NAMES, type IconName } from './icon-names.ts';
export { renderPage, renderFragment } from './render.ts';

export { Document, type DocumentProps } from './Document.tsx';
export { Layout, defaultNav, DEFAULT_USER_MENU, type LayoutProps } from './Layout.tsx';
export { AuthLayout, type AuthLayoutProps } from './AuthLayout.tsx';
export { Logo, type LogoProps } from './Logo.tsx';
export { Icon, type IconProps } from './Icon.tsx';

export { PageHeader, type PageHeaderProps } from './PageHeader.tsx';
export { SectionHeader, type SectionHeaderProps } from './SectionHeader.tsx';
export { Breadcrumbs } from './Breadcrumbs.tsx';
export { Card, type CardProps } from './Card.tsx';
export { Banner, type BannerProps } from './Banner.tsx';
export { Flash, Toast, TONE_ICON, TONE_LABEL, type FlashProps, type ToastProps } from './Flash.tsx';

export {
  Button,
  LinkButton,
  buttonClass,
  type ButtonProps,
  type LinkButtonProps,
  type ButtonVariant,
  type ButtonSize,
} from './Button.tsx';
export {
  ConfirmDialog,
  DialogLink,
  type ConfirmDialogProps,
  type DialogLinkProps,
} from './Dialog.tsx';

export { Form, FormActions, RequiredNote, type FormProps, type FormActionsProps } from './Form.tsx';
export { CsrfInput } from './CsrfInput.tsx';
export { Field, type FieldProps } from './Field.tsx';
export { SelectField, type SelectFieldProps, type SelectOption } from './SelectField.tsx';
export {
  CheckboxField,
  CheckboxGroup,
  type CheckboxFieldProps,
  type CheckboxGroupProps,
} from './CheckboxField.tsx';
export { TextAreaField, type TextAreaFieldProps } from './TextAreaField.tsx';
export { FileField, type FileFieldProps } from './FileField.tsx';
export { CopyField, type CopyFieldProps } from './CopyField.tsx';
export type { FieldBaseProps } from './field-parts.tsx';
export { LockedField, type LockedFieldProps } from './LockedField.tsx';

export { Pill, type PillProps, type PillTone } from './Pill.tsx';
export {
  StatusPill,
  STATUS_LOOK,
  type StatusPillProps,
  type KnownStatus,
  type CredentialStatus,
} from './StatusPill.tsx';
export { PlanBadge } from './PlanBadge.tsx';
export { RoleBadge } from './RoleBadge.tsx';

export {
  DataTable,
  CellPrimary,
  type Column,
  type DataTableProps,
  type CellPrimaryProps,
} from './DataTable.tsx';
export { Pagination, type PaginationProps } from './Pagination.tsx';
export { DescriptionList, type DescriptionItem } from './DescriptionList.tsx';
export { EmptyState, type EmptyStateProps } from './EmptyState.tsx';

export { OrgTabs, ORG_SECTIONS, type OrgSection, type OrgTabsProps } from './OrgTabs.tsx';
export { OrgHeader, type OrgHeaderProps } from './OrgHeader.tsx';
export { MetaItem } from './MetaItem.tsx';
export { OrgLogo, orgInitials, type OrgLogoProps } from './OrgLogo.tsx';
export { Avatar, initials, type AvatarProps } from './Avatar.tsx';
export { BadgeThumb, type BadgeThumbProps } from './BadgeThumb.tsx';
export { Stat, StatsRow, type StatProps } from './Stat.tsx';
export { Usage, type UsageProps } from './Usage.tsx';
export { Spinner, type SpinnerProps } from './Spinner.tsx';
