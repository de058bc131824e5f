import { DataSource } from 'typeorm';
import { AgencyEntity, ChannelAccountEntity, ChannelType, PublicationState, StoryFormat } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../../support/factories';

const WARD_PLAN_CODE = 'dak-bla-truyen-thong-nq57-2025';
const PROVINCE_CODE = 'tinh-quang-ngai';
const DEPARTMENT_CODE = 'quang-ngai-so-khcn';
const WARD_OFFICE_CODE = 'dak-bla-phong-vhxh';

export interface HalfYear {
  ward: AgencyEntity;
  wardOffice: AgencyEntity;
  province: AgencyEntity;
  department: AgencyEntity;
  planId: string;
  tasks: Array<{ id: string; number: string; name: string }>;
  /** Publications written, by state, whatever the period (for sanity checks only). */
  written: number;
}

/** A small deterministic generator, so that every run scripts the same half-year. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

const at = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);
const FORMATS: StoryFormat[] = [
  'news',
  'news',
  'news',
  'article',
  'article',
  'feature',
  'video',
  'infographic',
  'broadcast',
];
const TOPICS = [
  'Phường Đăk Bla đẩy mạnh chuyển đổi số trong cải cách hành chính',
  'Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt VNeID',
  'Hưởng ứng phong trào "Bình dân học vụ số" tại các tổ dân phố',
  'Tuyên truyền Nghị quyết 57-NQ/TW đến hộ kinh doanh tại chợ Đăk Bla',
  'Trường học trên địa bàn phường ứng dụng khoa học, công nghệ trong dạy học',
  'Mỗi hộ kinh doanh một tài khoản số: kết quả bước đầu',
  'Ngày Khoa học và Công nghệ Việt Nam 18/5: lan tỏa tinh thần đổi mới sáng tạo',
  'Thanh toán không dùng tiền mặt: người dân phường Đăk Bla ngày càng quen thuộc',
];
const ERRORS = [
  { code: 'FACEBOOK_TOKEN_EXPIRED', message: 'Mã truy cập Fanpage đã hết hạn; cần kết nối lại.' },
  { code: 'ZALO_RATE_LIMITED', message: 'Zalo OA từ chối vì vượt hạn mức gọi API.' },
  { code: 'LOUDSPEAKER_STATION_OFFLINE', message: 'Cụm loa không phản hồi.' },
];

/**
 * The demo data plus a scripted first half of 2026: the ward (and its culture office) publishing for
 * each task of its plan, the 18/5 peak, failures and unknown outcomes, cancelled and scheduled items,
 * publications just outside the period, one for another plan's task; and the province and its science
 * department publishing on their own channels.
 */
export async function scriptHalfYear(db: DataSource): Promise<HalfYear> {
  const make = factories(db);
  const agencies = db.getRepository(AgencyEntity);
  const ward = await agencies.findOneByOrFail({ code: DEMO_WARD_CODE });
  const wardOffice = await agencies.findOneByOrFail({ code: WARD_OFFICE_CODE });
  const province = await agencies.findOneByOrFail({ code: PROVINCE_CODE });
  const department = await agencies.findOneByOrFail({ code: DEPARTMENT_CODE });
  const accounts = db.getRepository(ChannelAccountEntity);
  const wardAccounts = new Map((await accounts.find({ where: { agencyId: ward.id } })).map((a) => [a.type, a]));
  const provinceAccounts = new Map<ChannelType, ChannelAccountEntity>();
  for (const [type, name] of [
    ['portal', 'Cổng thông tin điện tử tỉnh Quảng Ngãi'],
    ['facebook', 'Fanpage UBND tỉnh Quảng Ngãi'],
  ] as const) {
    provinceAccounts.set(type, await accounts.save({ agencyId: province.id, type, name, settings: {} }));
  }
  const departmentPortal = await accounts.save({
    agencyId: department.id,
    type: 'portal',
    name: 'Trang thông tin điện tử Sở KH&CN Quảng Ngãi',
    settings: {},
  });

  const [plan] = await db.query(`SELECT id FROM plans WHERE code = $1`, [WARD_PLAN_CODE]);
  const tasks: Array<{ id: string; number: string; name: string }> = await db.query(
    `SELECT id, number, name FROM plan_tasks WHERE plan_id = $1 ORDER BY position`,
    [plan.id],
  );
  const [peak] = await db.query(`SELECT id FROM peaks WHERE plan_id = $1 AND key = 'science-technology-day'`, [
    plan.id,
  ]);
  const [otherTask] = await db.query(
    `SELECT t.id FROM plan_tasks t JOIN plans p ON p.id = t.plan_id WHERE p.code = 'tuyen-quang-truyen-thong-nq57-2026' ORDER BY t.position LIMIT 1`,
  );

  const rnd = random(57);
  let written = 0;
  const state = (): PublicationState => {
    const x = rnd.next();
    return x < 0.84 ? 'published' : x < 0.9 ? 'failed' : x < 0.94 ? 'unknown' : x < 0.97 ? 'scheduled' : 'cancelled';
  };
  const publish = async (
    agencyId: string,
    channels: ChannelAccountEntity[],
    when: Date,
    story: {
      planTaskId?: string | null;
      peakId?: string | null;
      format?: StoryFormat;
      title?: string;
      fixedState?: PublicationState;
    } = {},
  ) => {
    const entries = channels.map((account, i) => {
      const s = story.fixedState ?? state();
      return {
        account,
        at: new Date(when.getTime() + i * 15 * 60_000),
        state: s,
        url: account.type === 'loudspeaker' ? null : undefined,
        error: s === 'failed' || s === 'unknown' ? rnd.pick(ERRORS) : undefined,
      };
    });
    written += entries.length;
    return make.storyWithPublications(
      {
        agencyId,
        title: story.title ?? `${rnd.pick(TOPICS)} (${when.toISOString().slice(0, 10)})`,
        format: story.format ?? rnd.pick(FORMATS),
        planTaskId: story.planTaskId ?? null,
        peakId: story.peakId ?? null,
      },
      entries,
    );
  };
  const subset = <T>(items: T[]) => {
    const chosen = items.filter(() => rnd.next() < 0.55);
    return chosen.length ? chosen : [rnd.pick(items)];
  };

  const wardChannels = [...wardAccounts.values()];
  // The ward, week by week; about one story in five is tied to no task.
  for (
    let day = new Date(Date.UTC(2026, 0, 1));
    day < new Date(Date.UTC(2026, 6, 1));
    day = new Date(day.getTime() + 7 * 86_400_000)
  ) {
    const stories = rnd.int(2, 4);
    for (let i = 0; i < stories; i += 1) {
      const d = new Date(day.getTime() + rnd.int(0, 6) * 86_400_000).toISOString().slice(0, 10);
      if (d > '2026-06-30') continue;
      const task = rnd.next() < 0.2 ? null : rnd.pick(tasks.slice(0, 5)).id;
      await publish(
        ward.id,
        subset(wardChannels),
        at(d, `${String(rnd.int(7, 19)).padStart(2, '0')}:${rnd.pick(['00', '15', '30', '45'])}`),
        { planTaskId: task },
      );
    }
  }
  // The 18/5 peak: a portal article and a loudspeaker bulletin each day of the lead-up, linked to the peak.
  for (let d = 11; d <= 18; d += 1) {
    const day = `2026-05-${String(d).padStart(2, '0')}`;
    await publish(ward.id, [wardAccounts.get('portal')!, wardAccounts.get('loudspeaker')!], at(day, '06:30'), {
      planTaskId: tasks[0].id,
      peakId: peak.id,
      format: d % 2 ? 'broadcast' : 'article',
      title: `Chào mừng Ngày Khoa học và Công nghệ Việt Nam 18/5 — bản tin ngày ${d}/5`,
      fixedState: 'published',
    });
  }
  // The ward's culture office writes for tasks 2 and 3 on the ward's portal and Zalo.
  for (let i = 0; i < 10; i += 1) {
    const d = `2026-0${rnd.int(1, 6)}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    await publish(wardOffice.id, [wardAccounts.get('portal')!, wardAccounts.get('zalo')!], at(d, '09:00'), {
      planTaskId: rnd.pick([tasks[1].id, tasks[2].id]),
      format: 'article',
    });
  }
  // Edges of the period and things the ward's report must leave out or keep.
  // The first half-year's figures run 15/12/2025–14/6/2026 (Decree 09/2019/NĐ-CP Art. 12).
  await publish(ward.id, [wardAccounts.get('portal')!], at('2025-12-14', '23:59'), {
    planTaskId: tasks[0].id,
    fixedState: 'published',
    title: 'Tin ngày 14/12/2025',
  });
  await publish(ward.id, [wardAccounts.get('portal')!], at('2025-12-15', '00:00'), {
    planTaskId: tasks[0].id,
    fixedState: 'published',
    title: 'Tin ngày 15/12/2025',
  });
  await publish(ward.id, [wardAccounts.get('facebook')!], at('2026-06-14', '23:59'), {
    planTaskId: tasks[3].id,
    fixedState: 'published',
    title: 'Tin ngày 14/6/2026',
  });
  await publish(ward.id, [wardAccounts.get('facebook')!], at('2026-06-15', '00:00'), {
    planTaskId: tasks[3].id,
    fixedState: 'published',
    title: 'Tin ngày 15/6/2026',
  });
  await publish(ward.id, [wardAccounts.get('zalo')!], at('2026-03-15', '10:00'), {
    planTaskId: tasks[1].id,
    fixedState: 'cancelled',
    title: 'Tin đã hủy',
  });
  await publish(ward.id, [wardAccounts.get('zalo')!], at('2026-06-10', '10:00'), {
    planTaskId: tasks[4].id,
    fixedState: 'scheduled',
    title: 'Tin đã lên lịch',
  });
  await publish(ward.id, [wardAccounts.get('portal')!], at('2026-04-02', '08:00'), {
    planTaskId: otherTask.id,
    fixedState: 'published',
    title: 'Tin cho nhiệm vụ của kế hoạch tỉnh khác',
  });

  // The province's own channels, and its science department writing for task 5 of the ward's plan.
  for (let i = 0; i < 24; i += 1) {
    const d = `2026-0${rnd.int(1, 6)}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    await publish(province.id, subset([...provinceAccounts.values()]), at(d, '14:00'), {
      title: `UBND tỉnh Quảng Ngãi: ${rnd.pick(TOPICS)}`,
    });
  }
  for (let i = 0; i < 12; i += 1) {
    const d = `2026-0${rnd.int(1, 6)}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    await publish(department.id, [departmentPortal], at(d, '15:30'), {
      planTaskId: tasks[4].id,
      title: `Sở KH&CN giới thiệu nhiệm vụ khoa học và công nghệ (${i + 1})`,
    });
  }
  return { ward, wardOffice, province, department, planId: plan.id, tasks, written };
}
