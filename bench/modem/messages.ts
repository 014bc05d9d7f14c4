/**
 * The SMS-SUBMIT PDUs both contestants send: the single-part messages of the codec suite's
 * seeded corpus (GSM-7 and UCS-2 reminders, ASCII, extension characters, emoji), encoded
 * once by gsmgate before any timing, without status report request (a `+CDS` 1 s later would
 * land in the middle of the next run).
 */
import { encodeSubmit } from '../../device/sms/pdu/index.js';
import { segmentText } from '../../device/sms/segmenter.js';
import { buildCorpus, DEFAULT_SEED } from '../codec/corpus.js';

export interface BenchPdu {
  /** Hex with the SCA octet, as written after the prompt. */
  readonly hex: string;
  /** TPDU octets, the `<length>` of AT+CMGS. */
  readonly length: number;
}

export interface PduSet {
  readonly pdus: readonly BenchPdu[];
  readonly seed: number;
  readonly ucs2: number;
  /** Median hex characters per PDU. */
  readonly medianHex: number;
}

const RECIPIENTS = ['+33612345678', '+33798765432', '+4915112345678', '0612345678'];

/** `count` distinct single-part PDUs: the corpus is drawn, bigger each time, until that many are found. */
export function buildPdus(count: number, seed: number = DEFAULT_SEED): PduSet {
  for (let size = count * 4; ; size *= 2) {
    const set = singleParts(buildCorpus(size, seed).messages, count, seed);
    if (set.pdus.length === count) return set;
  }
}

function singleParts(texts: readonly string[], count: number, seed: number): PduSet {
  const pdus: BenchPdu[] = [];
  let ucs2 = 0;
  for (const text of texts) {
    if (pdus.length === count) break;
    const segmentation = segmentText(text);
    if (segmentation.parts.length !== 1) continue;
    const recipient = RECIPIENTS[pdus.length % RECIPIENTS.length] as string;
    const [pdu] = encodeSubmit({ recipient, segmentation });
    if (pdu === undefined) continue;
    pdus.push({ hex: pdu.hex, length: pdu.length });
    if (segmentation.encoding === 'ucs2') ucs2++;
  }
  const sizes = pdus.map((p) => p.hex.length).sort((a, b) => a - b);
  return { pdus, seed, ucs2, medianHex: sizes[sizes.length >> 1] ?? 0 };
}
