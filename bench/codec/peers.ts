/**
 * The npm packages gsmgate is measured against, each behind the same small
 * adapter: the package's own cheapest call for the job, its answer packed as
 * `segments × 2 + (UCS-2 ? 1 : 0)`. Each peer also lists how its counting
 * departs from RULES.md §1, as read in its source in node_modules; the
 * disagreement analysis checks those readings against its actual answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as gsmCharsetUtils from '@trt2/gsm-charset-utils';
import { Submit } from 'node-pdu';
import { count as smsLengthCount } from 'sms-length';
import { SegmentedMessage } from 'sms-segments-calculator';
import * as splitSms from 'split-sms';
import {
  ALPHABET_BY_CODE_POINT,
  ESCAPE_PAIR_SPLIT,
  EXTENSION_COUNTED_ONCE,
  FIXED_SPLIT,
  FORM_FEED_NOT_GSM,
  GRAPHEMES_WHOLE,
  SURROGATE_PAIR_SPLIT,
  type Deviation,
} from './referenceModel.js';
import { pack } from './timing.js';

const require = createRequire(import.meta.url);

interface SmsCounterApi {
  count(text: string): { encoding: 'GSM_7BIT' | 'GSM_7BIT_EX' | 'UTF16'; messages: number };
}

/*
 * sms-counter's `main` (index.js) is ES module syntax in a package without
 * "type": "module": it only loads where Node detects the syntax (≥ 20.19).
 * Its published CommonJS build holds the same code and loads everywhere.
 */
const SmsCounter = (require('sms-counter/build/index.js') as { default: SmsCounterApi }).default;

export interface Peer {
  /** The npm package name. */
  readonly name: string;
  readonly version: string;
  /** The call that is timed, as a reader would write it. */
  readonly call: string;
  /** Runs that call on one message; returns `pack(segments, ucs2)`. */
  readonly run: (text: string) => number;
  /**
   * Timed on every n-th message of the corpus only, when a full pass would
   * take minutes; gsmgate is then timed on the same sample for the ratio.
   */
  readonly sampleEvery: number;
  /** How its counting departs from RULES.md §1 (empty: no departure known). */
  readonly deviations: readonly Deviation[];
}

/** Installed version, read from the package's own package.json. */
export function installedVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === name) return json.version ?? '?';
    }
    const parent = dirname(dir);
    if (parent === dir) return '?';
    dir = parent;
  }
}

/** The segment counters. */
export function segmentPeers(): Peer[] {
  return [
    {
      name: 'sms-counter',
      version: installedVersion('sms-counter'),
      call: 'SmsCounter.count(text).messages',
      run: (text) => {
        const r = SmsCounter.count(text);
        return pack(r.messages, r.encoding === 'UTF16');
      },
      sampleEvery: 1,
      // `countGsm7bitEx` returns `chars.length` where `chars` is a function, so
      // always 0; then Math.ceil(length / 153) and Math.ceil(length / 67).
      deviations: [
        EXTENSION_COUNTED_ONCE,
        ESCAPE_PAIR_SPLIT,
        SURROGATE_PAIR_SPLIT,
        FORM_FEED_NOT_GSM,
      ],
    },
    {
      name: 'sms-length',
      version: installedVersion('sms-length'),
      call: 'count(text).messages',
      run: (text) => {
        const r = smsLengthCount(text);
        return pack(r.messages, r.encoding === 'UTF16');
      },
      sampleEvery: 1,
      // length + extension chars is right, then Math.ceil(length / 153) and / 67.
      deviations: [ESCAPE_PAIR_SPLIT, SURROGATE_PAIR_SPLIT, FORM_FEED_NOT_GSM],
    },
    {
      name: '@trt2/gsm-charset-utils',
      version: installedVersion('@trt2/gsm-charset-utils'),
      call: 'getCharCount(text).msgCount',
      run: (text) => {
        const r = gsmCharsetUtils.getCharCount(text);
        return pack(r.msgCount, r.encoding === 'UCS2');
      },
      sampleEvery: 1,
      // Walks the text moving escape pairs and surrogate pairs whole: no departure found.
      deviations: [],
    },
    {
      name: 'split-sms',
      version: installedVersion('split-sms'),
      call: 'split(text, { summary: true }).parts.length',
      run: (text) => {
        const r = splitSms.split(text, { summary: true });
        return pack(r.parts.length, r.characterSet === 'Unicode');
      },
      sampleEvery: 1,
      // Banks a part at 152 before an escape pair and at 132 bytes before a surrogate pair.
      deviations: [],
    },
    {
      name: 'sms-segments-calculator',
      version: installedVersion('sms-segments-calculator'),
      call: 'new SegmentedMessage(text).segmentsCount',
      run: (text) => {
        const r = new SegmentedMessage(text);
        return pack(r.segmentsCount, r.encodingName === 'UCS-2');
      },
      // One object per grapheme and a bit total recomputed per character
      // (Segment.sizeInBits reduces the whole segment): ~170 messages/s here,
      // ten minutes for one pass over 100,000 messages.
      sampleEvery: 100,
      deviations: [GRAPHEMES_WHOLE],
    },
  ];
}

/** A recipient for the PDU encoders: a French mobile in international form. */
export const PDU_RECIPIENT = '+33612345678';

/** The PDU encoder, with the same packing: parts × 2 + (UCS-2 ? 1 : 0). */
export function pduPeer(): Peer {
  return {
    name: 'node-pdu',
    version: installedVersion('node-pdu'),
    call: `new Submit('${PDU_RECIPIENT}', text).getPartStrings()`,
    run: (text) => {
      const submit = new Submit(PDU_RECIPIENT, text);
      const parts = submit.getPartStrings();
      return pack(parts.length, submit.dataCodingScheme.textAlphabet === 2);
    },
    sampleEvery: 1,
    // Data.checkData: UCS-2 iff a code unit > 192; prepareParts: splitMessage(140 − 7)
    // or (70 − 7) UTF-16 units, whatever the length.
    deviations: [ALPHABET_BY_CODE_POINT, FIXED_SPLIT],
  };
}

/** node-pdu's parts for one text, for the fidelity check (not timed). */
export function nodePduParts(text: string): string[] {
  return new Submit(PDU_RECIPIENT, text).getPartStrings();
}
