import type { ChannelAccount } from '../api/types';
import { ACCOUNT_STATUS_LABELS, SANDBOX_LABEL, sandboxFeedUrl } from '../lib/labels';
import { formatDateTime } from '../lib/time';

/** The account's status as the api records it, and whether it is a sandbox or rehearses. */
export function AccountBadges({ account }: { account: ChannelAccount }) {
  return (
    <>
      <span className={`badge acc-${account.status}`}>{ACCOUNT_STATUS_LABELS[account.status] ?? account.status}</span>
      {account.sandbox && <span className="badge badge-sandbox">{SANDBOX_LABEL}</span>}
      {account.rehearsal && <span className="badge badge-rehearsal">Diễn tập: không gửi đi</span>}
      {account.coolingDown && (
        <span className="badge badge-cooling" title={account.coolingDown.reason || undefined}>
          {account.coolingDown.kind === 'blocked' ? 'Kênh tạm chặn' : 'Kênh yêu cầu chờ'}: đăng tiếp từ{' '}
          {formatDateTime(account.coolingDown.until)}
        </span>
      )}
    </>
  );
}

/** Why the channel asked the account to wait, in its own words; the waiting posts go out by themselves after. */
export function CoolingDownNotice({ account }: { account: ChannelAccount }) {
  if (!account.coolingDown) return null;
  return (
    <p className="notice notice-warn" role="status">
      {account.coolingDown.reason ? `${account.coolingDown.reason} ` : ''}Các bài đang chờ sẽ tự đăng sau{' '}
      {formatDateTime(account.coolingDown.until)}, không mất lượt thử.
    </p>
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
