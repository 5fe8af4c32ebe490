import type {
  CheckOutcome,
  CheckResult,
  VerificationReport,
} from '../../core/credentials/verification.ts';
import { DescriptionList, Pill, type IconName, type PillTone } from '../components/index.ts';

const CHECKS: { key: keyof Omit<VerificationReport, 'verified' | 'issuerId'>; label: string }[] = [
  { key: 'signature', label: 'Signature' },
  { key: 'expiration', label: 'Expiration' },
  { key: 'revocation', label: 'Revocation' },
  { key: 'issuerStatus', label: 'Issuer status' },
];

const OUTCOME: Record<CheckOutcome, { label: string; tone: PillTone; icon: IconName }> = {
  passed: { label: 'Passed', tone: 'success', icon: 'check-circle' },
  failed: { label: 'Failed', tone: 'danger', icon: 'x-circle' },
  could_not_check: { label: 'Could not check', tone: 'warning', icon: 'help-circle' },
};

function CheckLine({ check }: { check: CheckResult }) {
  const look = OUTCOME[check.outcome];
  return (
    <div className="cluster">
      <Pill tone={look.tone} icon={look.icon} size="sm">
        {look.label}
      </Pill>
      {check.reason ? <span className="text-secondary text-sm">{check.reason}</span> : null}
    </div>
  );
}

/**
 * The four checks of the one verification function, each with its outcome in words (the
 * pill's colour and icon only repeat it) and the reason when there is one. Shared by the
 * verification page and the lookup's result, so both say the same thing the same way.
 */
export function VerificationCheckList({ report }: { report: VerificationReport }) {
  return (
    <DescriptionList
      items={CHECKS.map(({ key, label }) => ({
        term: label,
        details: <CheckLine check={report[key]} />,
      }))}
    />
  );
}
