/**
 * Characters a person can hide in text so that a model reads something a human reviewer does not
 * see: invisible format characters, BiDi controls that reorder what is shown, Unicode tag
 * characters (an invisible copy of ASCII), variation-selector runs (bytes smuggled after a
 * visible character) and control characters.
 *
 * Decisions:
 * - Every format character (General Category Cf) goes, soft hyphen, BOM, word joiner, ZWSP and
 *   ZWNJ included: ZWNJ changes how Persian or Indic words join but they stay legible.
 * - ZWJ (U+200D) stays only between two emoji (👩‍💻, 🏳️‍🌈), where it is how the emoji is spelt.
 * - Tag characters all go, so the England/Scotland/Wales flags degrade to a black flag 🏴.
 * - One variation selector (U+FE00–FE0F) stays right after a visible character (❤️ needs
 *   U+FE0F); a second one in a row, or one of the supplement U+E0100–E01EF, goes.
 * - Controls go except tab, line feed and carriage return; Hangul fillers (drawn as nothing) go.
 */
// The class lists variation selectors on purpose, one by one: they are what is being removed.
// eslint-disable-next-line no-misleading-character-class
const SUSPECT = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
// eslint-disable-next-line no-misleading-character-class
const EACH = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;
const KEPT_CONTROLS = new Set(['\t', '\n', '\r']);
const ZWJ = '\u200D';

function isVariationSelector(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0xfe00 && cp <= 0xfe0f;
}

/** The code point before `index` in `s` (surrogate pairs read whole). */
function before(s: string, index: number): string {
  if (index <= 0) return '';
  const low = s.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) return s.slice(index - 2, index);
  return s.slice(index - 1, index);
}

function after(s: string, index: number): string {
  const cp = s.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** The emoji a ZWJ or variation selector attaches to, looking back over modifiers and one VS. */
function emojiBefore(s: string, index: number): boolean {
  let prev = before(s, index);
  if (prev && isVariationSelector(prev)) prev = before(s, index - prev.length);
  return prev !== '' && EMOJI.test(prev);
}

/** The cleaned text; the same string (identical) when there was nothing to remove. */
export function cleanText(s: string): string {
  if (!SUSPECT.test(s)) return s;
  return s.replace(EACH, (ch: string, index: number) => {
    if (KEPT_CONTROLS.has(ch)) return ch;
    if (ch === ZWJ) return emojiBefore(s, index) && EMOJI.test(after(s, index + 1)) ? ch : '';
    if (isVariationSelector(ch)) {
      const prev = before(s, index);
      return prev !== '' && !isVariationSelector(prev) && !SUSPECT.test(prev) ? ch : '';
    }
    return '';
  });
}
