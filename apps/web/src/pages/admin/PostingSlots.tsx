import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { ChannelAccount } from '../../api/types';
import { Button, ErrorBox, useToast } from '../../components/ui';
import { useAction } from '../../lib/hooks';

/**
 * The account's daily posting times, which "Dùng khung giờ trống kế tiếp" picks from. Each change is
 * saved at once through the api, which checks the times and keeps them sorted.
 */
export function PostingSlots({
  account,
  canEdit,
  onChanged,
}: {
  account: ChannelAccount;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const toast = useToast();
  const [time, setTime] = useState('');
  const save = useAction(async (postingSlots: string[], message: string) => {
    await api.patch(`/channel-accounts/${account.id}`, { postingSlots });
    toast('ok', message);
    onChanged();
    return true;
  });
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const text = time.trim();
    if (!text) return;
    if (await save.run([...account.postingSlots, text], `Đã thêm khung giờ ${text} cho ${account.name}.`)) setTime('');
  };
  const inputId = `slot-${account.id}`;
  return (
    <section className="posting-slots" aria-label={`Khung giờ đăng của ${account.name}`}>
      <h4>Khung giờ đăng hằng ngày</h4>
      {account.postingSlots.length === 0 ? (
        <p className="muted small">
          Chưa có khung giờ nào: “Dùng khung giờ trống kế tiếp” sẽ không được đề xuất trong trình soạn tin cho kênh này.
        </p>
      ) : (
        <ul className="slot-list">
          {account.postingSlots.map((slot) => (
            <li key={slot} className="slot-chip">
              <span>{slot}</span>
              {canEdit && (
                <button
                  type="button"
                  className="slot-remove"
                  aria-label={`Bỏ khung giờ ${slot}`}
                  disabled={save.busy}
                  onClick={() =>
                    void save.run(
                      account.postingSlots.filter((s) => s !== slot),
                      `Đã bỏ khung giờ ${slot} của ${account.name}.`,
                    )
                  }
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="slot-add" onSubmit={(e) => void add(e)}>
          <label htmlFor={inputId}>Thêm khung giờ (HH:mm)</label>
          <input
            id={inputId}
            type="text"
            inputMode="numeric"
            className="input-time"
            placeholder="06:30"
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
          <Button type="submit" small busy={save.busy} busyLabel="Đang lưu…">
            Thêm
          </Button>
        </form>
      )}
      <ErrorBox message={save.error} />
    </section>
  );
}
