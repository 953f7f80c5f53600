/**
 * Built-in patterns (`masking.defaults: true`) for columns that hold secrets
 * whatever the application: nobody debugging a CDC pipeline needs to read a
 * password hash or a card number, and these names are common enough that a
 * forgotten `fields` entry should not leak them.
 *
 * They match whole words of the column name, not substrings: `password_hash`,
 * `user_password`, `userPassword` and `PASSWORD2` match `password`, while
 * `passenger`, `secretary` and `tokens_used` match nothing. A word list is
 * safer than a substring (`pwd` inside `cpwdx`?) and cheaper to explain.
 */
export interface DefaultRule {
  /** How docs and the UI name it. */
  name: string;
  /** Alternative word sequences; one found as consecutive words of the column name is a match. */
  words: readonly (readonly string[])[];
  why: string;
}

export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    name: 'password',
    words: [['password']],
    why: 'login passwords and their hashes: a hash of a weak password falls to a dictionary',
  },
  { name: 'passwd', words: [['passwd']], why: 'Unix spelling of password (db_passwd)' },
  { name: 'pwd', words: [['pwd']], why: 'short spelling of password (user_pwd, pwdHash)' },
  {
    name: 'secret',
    words: [['secret']],
    why: 'client secrets, OTP/MFA seeds, signing secrets: each one is a credential',
  },
  { name: 'token', words: [['token']], why: 'session, refresh, reset and API tokens: whoever reads one can use it' },
  { name: 'api_key', words: [['api', 'key'], ['apikey']], why: 'API keys grant access to third-party accounts' },
  {
    name: 'access_key',
    words: [['access', 'key'], ['accesskey']],
    why: 'cloud access keys (aws_access_key_id and its secret)',
  },
  {
    name: 'private_key',
    words: [['private', 'key'], ['privatekey']],
    why: 'PEM/signing keys: whoever holds one can impersonate the owner',
  },
  {
    name: 'credit_card',
    words: [['credit', 'card'], ['creditcard']],
    why: 'card data: PCI DSS forbids displaying full card numbers',
  },
  {
    name: 'card_number',
    words: [['card', 'number'], ['cardnumber']],
    why: 'card data: PCI DSS forbids displaying full card numbers',
  },
  { name: 'ssn', words: [['ssn']], why: 'US social security numbers: enough to steal an identity' },
];

/**
 * Words of an identifier, lower-cased: split at anything that is not a letter
 * or digit, at camelCase humps (`APIKey` → api, key) and between letters and
 * digits (`password2` → password, 2).
 */
export function splitWords(name: string): string[] {
  const spaced = name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
  return spaced
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function hasSequence(words: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

/** The default rule a name falls under, if any. */
export function defaultRuleFor(name: string): DefaultRule | undefined {
  const words = splitWords(name);
  return DEFAULT_RULES.find((r) => r.words.some((seq) => hasSequence(words, seq)));
}
