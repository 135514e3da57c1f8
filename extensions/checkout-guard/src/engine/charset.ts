/**
 * Character-set checks of the charset rule.
 *
 * - "ascii": printable ASCII only (space to "~").
 * - "latin": letters of the Latin script, plus digits, punctuation, spaces
 *   and other characters common to all scripts; no emoji. With
 *   `accents: false`, the only letters accepted are A–Z and a–z (no é, ß, ø,
 *   no combining accents).
 * - "noEmoji": anything but emoji (pictographs shown as emoji, flags,
 *   keycaps, emoji joiner sequences). ©, ® and ™ written as text are not emoji.
 */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/u;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}|\u20E3|\u200D\p{Extended_Pictographic}/u;
/** A letter or mark outside the Latin script (Cyrillic, Greek, CJK …). */
const NON_LATIN = /(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])[\p{L}\p{M}\p{N}]/u;
/** Accented or special Latin letters, and combining marks. */
const ACCENTED = /(?![A-Za-z])\p{Script=Latin}|\p{M}/u;

export type Charset = "latin" | "ascii" | "noEmoji";

export function charsetAccepts(text: string, allow: Charset, accents = true): boolean {
  // Printable ASCII passes every charset (its letters are Latin without accents, the
  // rest common to all scripts, none an emoji): one cheap scan answers for most
  // addresses, where the Unicode-property scans below cost QuickJS several times more.
  if (!NOT_PRINTABLE_ASCII.test(text)) return true;
  switch (allow) {
    case "ascii":
      return !NOT_PRINTABLE_ASCII.test(text);
    case "latin":
      if (EMOJI.test(text) || NON_LATIN.test(text)) return false;
      return accents || !ACCENTED.test(text);
    case "noEmoji":
      return !EMOJI.test(text);
    default:
      return true;
  }
}
