/**
 * The seeded message corpus every codec contestant runs on. Deterministic: the
 * same seed and size give the same messages on every machine, so figures and
 * disagreement counts can be compared between runs.
 *
 * The corpus deliberately has its own small copy of the extension characters
 * instead of importing gsmgate's tables: the test data must not inherit a bug
 * from the code under test.
 */

/** The kinds of message the corpus mixes, with the share of each. */
export const CORPUS_CLASSES = [
  /** French appointment reminders whose accents are all in GSM-7 (é è à ù, and €). */
  'reminder-gsm',
  /** French reminders with characters outside GSM-7 (ç ê ô œ ’ « » …): UCS-2. */
  'reminder-ucs2',
  /** Plain ASCII without extension characters or backtick. */
  'ascii',
  /** GSM-7 texts with ^ { } [ ] ~ | \ € planted on the 153/160 boundaries. */
  'extension',
  /** Emoji (surrogate pairs, ZWJ sequences, flags) planted on the 67/70 boundaries. */
  'emoji',
] as const;

export type CorpusClass = (typeof CORPUS_CLASSES)[number];

const CLASS_WEIGHTS: Readonly<Record<CorpusClass, number>> = {
  'reminder-gsm': 0.3,
  'reminder-ucs2': 0.2,
  ascii: 0.15,
  extension: 0.2,
  emoji: 0.15,
};

export interface Corpus {
  readonly seed: number;
  readonly messages: readonly string[];
  /** Index into CORPUS_CLASSES for each message. */
  readonly classes: Uint8Array;
}

/** Longest message, in UTF-16 code units (the issue asks for 1–1,200 characters). */
export const MAX_LENGTH = 1200;

/** The seed `npm run bench` uses unless told `--seed=N`. */
export const DEFAULT_SEED = 0x5eed_2026;

/** mulberry32: tiny, fast, and good enough to shuffle test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

// --- vocabulary ------------------------------------------------------------

const NAMES_GSM = [
  'Marie',
  'Léa',
  'Chloé',
  'Hélène',
  'Thomas',
  'Inès',
  'Clément',
  'André',
  'Lucas',
  'Noé',
  'Emma',
];
const NAMES_UCS2 = [
  'François',
  'Jérôme',
  'Gaël',
  'Loïc',
  'Anaïs',
  'Benoît',
  'Maëlle',
  'Joël',
  'Françoise',
];
const DOCTORS_GSM = [
  'le Dr Lefèvre',
  'le Dr Martin',
  'le cabinet dentaire du Parc',
  'votre kinésithérapeute',
  'le Dr Dubois',
];
const DOCTORS_UCS2 = [
  'le Dr Benoît',
  '« Centre médical Pasteur »',
  'l’ophtalmologue',
  'la Clinique Saint-Côme',
  'le Dr Lemaître',
];
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const STREETS = ['Pasteur', 'de la République', 'Victor Hugo', 'des Lilas', 'Jean Jaurès'];

type Template = (rng: Rng) => string;

const date = (rng: Rng): string => `${rng.int(1, 28)}/${String(rng.int(1, 12)).padStart(2, '0')}`;
const time = (rng: Rng): string => `${rng.int(8, 19)}h${rng.pick(['00', '15', '30', '45'])}`;
const phone = (rng: Rng): string =>
  `0${rng.int(1, 5)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`;

/** Sentences whose every character is in the GSM-7 default alphabet or its extension table. */
const REMINDER_GSM: readonly Template[] = [
  (r) =>
    `Bonjour ${r.pick(NAMES_GSM)}, rappel de votre rendez-vous chez ${r.pick(DOCTORS_GSM)} le ${r.pick(DAYS)} ${date(r)} à ${time(r)}.`,
  () => `Merci de vous présenter 10 minutes avant l'heure.`,
  (r) => `En cas d'absence, prévenez-nous 24h à l'avance au ${phone(r)}.`,
  () => 'Pensez à apporter votre carte Vitale et votre ordonnance.',
  (r) => `Tarif de la consultation : ${r.int(20, 90)} €.`,
  (r) => `Adresse : ${r.int(1, 120)} rue ${r.pick(STREETS)}, ${r.int(10, 95)}${r.int(100, 999)}.`,
  () => 'Répondez STOP pour ne plus recevoir nos SMS.',
  () => "Votre résultat d'analyse est disponible au secrétariat.",
  (r) => `Votre séance de rééducation est déplacée au ${r.pick(DAYS)} ${date(r)}.`,
];

/** The same reminders as a French user really types them: apostrophe ’, guillemets, ç ê ô œ û. */
const REMINDER_UCS2: readonly Template[] = [
  (r) =>
    `Bonjour ${r.pick(NAMES_UCS2)}, n’oubliez pas votre rendez-vous chez ${r.pick(DOCTORS_UCS2)} le ${r.pick(DAYS)} ${date(r)} à ${time(r)}.`,
  () => 'En cas d’empêchement, merci de nous prévenir.',
  () => 'À bientôt !',
  () => 'Bilan cœur et tension : venez à jeun.',
  (r) => `Reçu : ${r.int(20, 90)} € réglés, merci.`,
  () => 'Le cabinet sera fermé en août.',
  () => 'Prévoir une pièce d’identité et la fenêtre de prélèvement.',
  () => '« Où ? » Hôpital Saint-Côme, bâtiment B, 2e étage.',
  ...REMINDER_GSM,
];

const ASCII: readonly Template[] = [
  (r) =>
    `Your appointment is confirmed for ${r.pick(['Monday', 'Tuesday', 'Friday'])} at ${r.int(1, 12)}:${r.pick(['00', '30'])} PM.`,
  () => 'Reply STOP to opt out.',
  (r) => `Order #${r.int(10000, 99999)} has shipped and should arrive within 3-5 days.`,
  (r) => `Your verification code is ${r.int(100000, 999999)}.`,
  () => 'Please bring your insurance card and arrive 10 minutes early.',
  () => 'Questions? Call us at +33 1 23 45 67 89 (Mon-Fri, 9am-6pm).',
  () => 'Thank you for choosing our clinic!',
];

/** Extension characters (TS 23.038 §6.2.1.1): each costs an escape plus one septet. */
const EXTENSION_CHARS = ['^', '{', '}', '[', ']', '~', '|', '\\', '€'];
const EXTENSION_CODES = new Set(EXTENSION_CHARS.map((ch) => ch.charCodeAt(0)));

/** One code point of 2 units, a BMP symbol, and clusters of several code points. */
// prettier-ignore
const EMOJI = [
  '😀', '🙂', '📅', '🦷', '💉', '👋', '🎉', // surrogate pairs
  '✅', '☎', '⏰', '❤', // BMP, one unit each
  '❤️', '👍🏽', '👨‍👩‍👧', '🇫🇷', // several code points: one grapheme
];

// --- generation ------------------------------------------------------------

function pickClass(rng: Rng): CorpusClass {
  let x = rng.next();
  for (const name of CORPUS_CLASSES) {
    x -= CLASS_WEIGHTS[name];
    if (x < 0) return name;
  }
  return 'emoji';
}

/**
 * Target length: natural reminders, lengths hugging a segment boundary (where
 * counting rules differ), or anything up to 1,200.
 */
function pickLength(rng: Rng, ucs2: boolean): number {
  const roll = rng.next();
  if (roll < 0.45) return rng.int(40, 320);
  if (roll < 0.75) {
    const boundaries = ucs2 ? [70, 67, 134, 201, 268, 335] : [160, 153, 306, 459, 612, 765];
    return Math.max(1, rng.pick(boundaries) + rng.int(-3, 3));
  }
  return rng.int(1, MAX_LENGTH);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Sentences joined until `length` is reached, cut to exactly `length` without splitting a surrogate pair. */
function fill(rng: Rng, templates: readonly Template[], length: number): string {
  let text = '';
  while (text.length < length) {
    if (text.length > 0) text += rng.chance(0.15) ? '\n' : ' ';
    text += rng.pick(templates)(rng);
  }
  text = text.slice(0, length);
  if (isHighSurrogate(text.charCodeAt(text.length - 1))) text = text.slice(0, -1) + '.';
  return text;
}

/**
 * Replaces the character that sits at each planted position (counted in
 * septets or in UTF-16 units) with one of `inserts`. Positions just
 * before a boundary are where an escape pair or a surrogate pair straddles;
 * one to three more land anywhere, so short texts get one too.
 */
function plant(
  rng: Rng,
  text: string,
  boundaries: readonly number[],
  inserts: readonly string[],
  unit: 'septet' | 'utf16',
): string {
  const targets = new Set<number>();
  for (const boundary of boundaries) {
    if (rng.chance(0.6)) targets.add(boundary - rng.pick([1, 1, 2, 0]));
  }
  for (let k = rng.int(1, 3); k > 0; k--) targets.add(rng.int(0, Math.max(0, text.length - 1)));
  const pieces: string[] = [];
  let from = 0;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    if (targets.has(units)) {
      const insert = rng.pick(inserts);
      pieces.push(text.slice(from, i), insert);
      units += unit === 'septet' ? 2 : insert.length;
      from = i + 1;
    } else {
      // Base texts hold no surrogate pair: one unit per code unit, or two septets for an extension char.
      units += unit === 'septet' && EXTENSION_CODES.has(text.charCodeAt(i)) ? 2 : 1;
    }
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}

/** Cuts to MAX_LENGTH units without leaving half a surrogate pair. */
function clamp(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const cut = text.slice(0, MAX_LENGTH);
  return isHighSurrogate(cut.charCodeAt(cut.length - 1)) ? cut.slice(0, -1) : cut;
}

const GSM_BOUNDARIES = [153, 160, 306, 459, 612, 765, 918, 1071, 1224];
const UCS2_BOUNDARIES = [
  67, 70, 134, 201, 268, 335, 402, 469, 536, 603, 670, 737, 804, 871, 938, 1005, 1072, 1139,
];

function generate(rng: Rng, kind: CorpusClass): string {
  switch (kind) {
    case 'reminder-gsm':
      return fill(rng, REMINDER_GSM, pickLength(rng, false));
    case 'reminder-ucs2':
      return fill(rng, REMINDER_UCS2, pickLength(rng, true));
    case 'ascii':
      return fill(rng, ASCII, pickLength(rng, false));
    case 'extension': {
      const base = fill(rng, rng.chance(0.5) ? ASCII : REMINDER_GSM, pickLength(rng, false));
      return plant(rng, base, GSM_BOUNDARIES, EXTENSION_CHARS, 'septet');
    }
    case 'emoji': {
      const base = fill(rng, rng.chance(0.5) ? ASCII : REMINDER_UCS2, pickLength(rng, true));
      return clamp(plant(rng, base, UCS2_BOUNDARIES, EMOJI, 'utf16'));
    }
  }
}

/** `size` messages from `seed`. Same arguments, same corpus, everywhere. */
export function buildCorpus(size: number, seed: number = DEFAULT_SEED): Corpus {
  const rng = new Rng(seed);
  const messages: string[] = new Array<string>(size);
  const classes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const kind = pickClass(rng);
    let text = generate(rng, kind);
    if (text.length === 0) text = '.';
    messages[i] = text;
    classes[i] = CORPUS_CLASSES.indexOf(kind);
  }
  return { seed, messages, classes };
}

export interface CorpusStats {
  readonly messages: number;
  readonly codeUnits: number;
  readonly minLength: number;
  readonly medianLength: number;
  readonly maxLength: number;
  readonly perClass: Readonly<Record<CorpusClass, number>>;
}

export function describeCorpus(corpus: Corpus): CorpusStats {
  const lengths = corpus.messages.map((m) => m.length).sort((a, b) => a - b);
  const perClass = Object.fromEntries(CORPUS_CLASSES.map((c) => [c, 0])) as Record<
    CorpusClass,
    number
  >;
  for (const index of corpus.classes) perClass[CORPUS_CLASSES[index] as CorpusClass]++;
  return {
    messages: lengths.length,
    codeUnits: lengths.reduce((a, b) => a + b, 0),
    minLength: lengths[0] ?? 0,
    medianLength: lengths[Math.floor(lengths.length / 2)] ?? 0,
    maxLength: lengths[lengths.length - 1] ?? 0,
    perClass,
  };
}
