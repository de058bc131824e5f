/**
 * Languages a story may be written in (BCP 47 / ISO 639-3 tags), with their Vietnamese names for messages.
 * Vietnam's ethnic-minority languages have no text-to-speech voice in espeak-ng or the Vietnamese vendors,
 * so their bulletins go out as recordings the officer uploads, with the script as the transcript.
 */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  vi: 'tiếng Việt',
  hnj: 'tiếng Mông',
  hmn: 'tiếng Mông',
  blu: 'tiếng Mông',
  tay: 'tiếng Tày',
  tyz: 'tiếng Tày',
  dao: 'tiếng Dao',
  ium: 'tiếng Dao',
  mji: 'tiếng Dao',
  nut: 'tiếng Nùng',
  tdd: 'tiếng Thái',
  blt: 'tiếng Thái',
  km: 'tiếng Khmer',
  cja: 'tiếng Chăm',
  rad: 'tiếng Ê Đê',
  jra: 'tiếng Gia Rai',
  bdq: 'tiếng Ba Na',
  mtq: 'tiếng Mường',
  zh: 'tiếng Hoa',
  en: 'tiếng Anh',
};

/** "tiếng Mông (hnj)", or the tag alone when we do not know its name. */
export function languageLabel(language: string): string {
  const name = LANGUAGE_NAMES[language.toLowerCase()];
  return name ? `${name} (${language})` : `ngôn ngữ "${language}"`;
}

/** The primary subtag, lower-cased: "vi-VN" → "vi". */
export function primaryLanguage(language: string | undefined): string {
  return (language ?? 'vi').trim().toLowerCase().split(/[-_]/)[0] || 'vi';
}
