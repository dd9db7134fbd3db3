// Personal details in published and exported text (prompts and answers) become typed placeholders: Discord
// mentions and ids, URLs carrying credentials or tokens, e-mail addresses, IP addresses, phone numbers and long
// digit runs (card or account numbers). Tuned to leave dates, times, versions, prices, ordinary numbers and code alone.
import { isIPv4, isIPv6 } from 'node:net';
import { findPhoneNumbersInText } from 'libphonenumber-js';

export const PII_PLACEHOLDERS = {
  mention: '[mention]',
  urlWithSecret: '[url-with-secret]',
  email: '[email]',
  ip: '[ip]',
  phone: '[phone]',
  id: '[id]',
  number: '[number]',
} as const;

const MENTION = /<(?:@[!&]?|#)\d+>/g;

// Scheme-qualified URLs; trailing sentence punctuation is not part of them. The scheme's length is bounded, so a
// long word without `://` costs linear time, not quadratic.
const URL_CANDIDATE = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
// Query or fragment keys that carry a secret: token, key, sig... alone or as the last word of a longer name.
const SECRET_KEY =
  /(?:^|[_.-])(?:token|key|secret|sig|signature|password|passwd|pwd|pass|auth|authorization|credential|session|sessionid)$|^(?:apikey|accesskey|jwt|code)$/i;
// Discord webhook URLs hold their token in the path.
const SECRET_PATH = /\/webhooks\/\d+\/[\w-]{20,}/;

// The local part and domain of an address; the top-level domain is letters, so `pkg@1.2.3` is not one.
const EMAIL =
  /(?<![\w.+%-])[\w.+%-]+@[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*\.[a-z]{2,}(?![\w-])/gi;

// Candidates are checked with node:net. Not after a `v` or a dot (versions), nor inside a longer dotted run.
const IPV4_CANDIDATE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
// At least two colons; `std::vector` fails the look-behind, `Abc::Def` (no digit) and `12:30:45` fail the check.
const IPV6_CANDIDATE = /(?<![\w:.])(?:[\da-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[\da-f]{0,4})(?![\w:])/gi;

// Runs of 12 or more digits, in groups joined by one space or dash, every group but the last of 3+ digits:
// cards (4-4-4-4, 4-6-5), account numbers and raw ids, but not dates (2024-01-15) or lists of small numbers.
// Not part of a decimal (3.14159265358979) or a word (hashes, hex).
const DIGIT_RUN = /(?<![\w.,-])\d{3,}(?:[ -]\d{3,})*(?:[ -]\d{1,2})?(?![\w-]|[.,]\d)/g;
const MIN_RUN_DIGITS = 12;
// A Discord snowflake: 17 to 20 digits written together.
const SNOWFLAKE = /^\d{17,20}$/;

// Numbers in the North American plan and anything written in international form (+44 …).
const PHONE_COUNTRY = 'US';
// Stretches shaped like a phone number (7+ digits with the separators numbers are written with): only these go to
// the library, which costs milliseconds per answer when run over whole texts and microseconds over these.
const PHONE_CANDIDATE = /(?<!\w)\+?\(?\d[\d ().-]{5,}\d(?!\w)/g;
const MIN_PHONE_DIGITS = 7;
// Longer stretches (tables of numbers, dotted runs) are not phone numbers written out, and would cost the library
// time growing with their length.
const MAX_PHONE_CANDIDATE = 100;

function hasSecret(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return true;
  if (SECRET_PATH.test(url.pathname)) return true;
  const fragment = new URLSearchParams(url.hash.slice(1));
  return [...url.searchParams.keys(), ...fragment.keys()].some((key) => SECRET_KEY.test(key));
}

function redactUrls(text: string): string {
  return text.replace(URL_CANDIDATE, (match) => {
    const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
    const url = match.slice(0, match.length - trailing.length);
    return hasSecret(url) ? PII_PLACEHOLDERS.urlWithSecret + trailing : match;
  });
}

function redactPhones(text: string): string {
  return text.replace(PHONE_CANDIDATE, (candidate) => {
    if (candidate.length > MAX_PHONE_CANDIDATE || candidate.replace(/\D/g, '').length < MIN_PHONE_DIGITS)
      return candidate;
    let result = candidate;
    // From the end, so earlier offsets stay right.
    for (const { startsAt, endsAt } of findPhoneNumbersInText(candidate, { defaultCountry: PHONE_COUNTRY }).reverse()) {
      result = result.slice(0, startsAt) + PII_PLACEHOLDERS.phone + result.slice(endsAt);
    }
    return result;
  });
}

function redactDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, (match) => {
    const digits = match.replace(/\D/g, '');
    if (digits.length < MIN_RUN_DIGITS) return match;
    return SNOWFLAKE.test(match) ? PII_PLACEHOLDERS.id : PII_PLACEHOLDERS.number;
  });
}

/** `text` with every personal detail it finds replaced by a placeholder naming its kind. */
export function redactPii(text: string): string {
  let result = text.replace(MENTION, PII_PLACEHOLDERS.mention);
  result = redactUrls(result);
  result = result.replace(EMAIL, PII_PLACEHOLDERS.email);
  result = result.replace(IPV6_CANDIDATE, (match) => (isIPv6(match) && /\d/.test(match) ? PII_PLACEHOLDERS.ip : match));
  result = result.replace(IPV4_CANDIDATE, (match) => (isIPv4(match) ? PII_PLACEHOLDERS.ip : match));
  result = redactPhones(result);
  return redactDigitRuns(result);
}
