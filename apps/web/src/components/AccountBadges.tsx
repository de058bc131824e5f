import type { ChannelAccount } from '../api/types';
import { ACCOUNT_STATUS_LABELS, SANDBOX_LABEL, sandboxFeedUrl } from '../lib/labels';

/** The account's status as the api records it, and whether it is a sandbox or rehearses. */
export function AccountBadges({ account }: { account: ChannelAccount }) {
  return (
    <>
      <span className={`badge acc-${account.status}`}>{ACCOUNT_STATUS_LABELS[account.status] ?? account.status}</span>
      {account.sandbox && <span className="badge badge-sandbox">{SANDBOX_LABEL}</span>}
      {account.rehearsal && <span className="badge badge-rehearsal">Diễn tập: không gửi đi</span>}
    </>
  );
}

/** Opens what a sandbox account has received. */
export function SandboxFeedLink({ account }: { account: ChannelAccount }) {
  if (!account.sandbox) return null;
  return (
    <a href={sandboxFeedUrl(account.id)} target="_blank" rel="noreferrer" className="small">
      Xem kênh thử nghiệm ↗
    </a>
  );
}
