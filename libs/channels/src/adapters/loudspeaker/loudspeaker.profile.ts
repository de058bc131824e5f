import {
  checkProgramFits,
  countSyllables,
  DEFAULT_SYLLABLES_PER_MINUTE,
  estimateReadingSeconds,
  formatDurationVi,
  normaliseForSpeech,
} from '@nhip/speech';
import type { ChannelProfile } from '../../channel';
import type { LoudspeakerBulletin } from '../../content/channel-content';
import { DraftContext, DraftSource, leadOf, paragraphsAfterLead } from '../../content/drafting';

/** A bulletin from a story: a script written for the ear, for the account's station groups. */
function draftLoudspeakerBulletin(source: DraftSource, context: DraftContext): LoudspeakerBulletin {
  const script = [`${source.title}.`, leadOf(source), ...paragraphsAfterLead(source)].filter(Boolean).join('\n\n');
  const vietnamese = (source.language ?? 'vi').toLowerCase().split('-')[0] === 'vi';
  return {
    title: source.title,
    // The spoken-form rules are Vietnamese; another language's story is its bulletin's transcript as written.
    script: vietnamese ? normaliseForSpeech(script) : script,
    ...(vietnamese ? {} : { language: source.language }),
    level: 'normal',
    stations: Array.isArray(context.accountSettings.stationGroups)
      ? (context.accountSettings.stationGroups as string[])
      : [],
  };
}

export const LOUDSPEAKER_PROFILE: ChannelProfile<'loudspeaker'> = {
  type: 'loudspeaker',
  draft: draftLoudspeakerBulletin,
  preview: (content, accountSettings, programme) => {
    const rate =
      typeof accountSettings.syllablesPerMinute === 'number'
        ? accountSettings.syllablesPerMinute
        : DEFAULT_SYLLABLES_PER_MINUTE;
    const script = String(content.script ?? '');
    const seconds = estimateReadingSeconds(script, rate);
    const slot = typeof accountSettings.slotSeconds === 'number' ? accountSettings.slotSeconds : null;
    return {
      channel: 'loudspeaker',
      title: content.title ?? '',
      script,
      level: content.level ?? 'normal',
      stations: content.stations ?? [],
      syllables: countSyllables(script),
      readingSeconds: Math.round(seconds * 10) / 10,
      readingTime: formatDurationVi(seconds),
      syllablesPerMinute: rate,
      slot: slot ? { seconds: slot, fit: checkProgramFits([{ text: script }], slot, rate) } : null,
      programme:
        slot && programme.length
          ? { bulletins: programme.length + 1, fit: checkProgramFits([{ text: script }, ...programme], slot, rate) }
          : null,
    };
  },
  // A normal bulletin must reach the station before its programme; an emergency one airs at once.
  minLeadSeconds: (content) => (content.level === 'emergency' ? 0 : content.level === 'priority' ? 60 : 300),
};
