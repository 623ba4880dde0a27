// Languages: which of the catalog's texts a language tag or locale name asks for.

/** The base language of a language tag or locale name: "en_GB.UTF-8" and "en-GB" give "en"; a tag
 * whose base is not two or three ASCII letters gives "". (Python's smspartner_codes reads tags so.) */
export function languageCode(lang: string): string {
  const base = lang.replaceAll("-", "_").split("_")[0]!.split(".")[0]!.split("@")[0]!.toLowerCase();
  return /^[a-z]{2,3}$/.test(base) ? base : "";
}

/** `english` for a tag whose base language is English, else `text`, SMSPartner's text of record:
 * French where SMSPartner gives French, and a language the catalog lacks falls back to it. */
export function inLanguage(lang: string, text: string, english: string): string {
  return languageCode(lang) === "en" ? english : text;
}
