import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse, Submit } from 'node-pdu';
import { GSM7_BASIC_TABLE, GSM7_EXTENSION_TABLE } from '../../../device/sms/gsm7Alphabet.js';
import { encodeSubmit } from '../../../device/sms/pdu/index.js';
import { segmentText } from '../../../device/sms/segmenter.js';

/**
 * An independent reader: every SMS-SUBMIT we produce must decode with the npm
 * package node-pdu to the same recipient, text and concatenation header.
 */

/**
 * node-pdu 2.1.1 reads septet 0x5F as '`' and escape + 0x0A as '`', where TS
 * 23.038 §6.2.1 has '§' and the page break; those two are left out here (our
 * own GSM-7 tests cover them) so a disagreement means a bug on our side.
 */
const NODE_PDU_MISREADS = ['§', '\f'];
const GSM_CHARS = [
  ...GSM7_BASIC_TABLE.filter((c) => c !== '\u001b'),
  ...GSM7_EXTENSION_TABLE.values(),
].filter((c) => !NODE_PDU_MISREADS.includes(c));
const gsmText = fc.array(fc.constantFrom(...GSM_CHARS), { maxLength: 400 }).map((a) => a.join(''));
const unicodeText = fc.string({ unit: 'binary', maxLength: 200 });

const FIXED_TEXTS = [
  'Rappel : RDV demain à 14h30 chez le Dr Martin. Répondez STOP pour ne plus recevoir de SMS.',
  'Prix: 25€ {promo} [réf. 12] ~ ^ | \\',
  'Ça va ? Votre rendez-vous est confirmé 👍',
  'x'.repeat(161),
  'é'.repeat(153 * 3 + 1),
  '😀'.repeat(40),
  '',
];

const SAMPLES = [
  ...FIXED_TEXTS,
  ...fc.sample(gsmText, { seed: 20261121, numRuns: 40 }),
  ...fc
    .sample(unicodeText, { seed: 20261122, numRuns: 40 })
    .map((text) => text.replace(/[§\f]/g, '')),
];

describe('cross-check with node-pdu', () => {
  test.each(['+33612345678', '0612345678'])(
    'our PDUs to %s decode with node-pdu to the same recipient and text',
    (recipient) => {
      for (const [index, text] of SAMPLES.entries()) {
        const segmentation = segmentText(text);
        const pdus = encodeSubmit({
          recipient,
          segmentation,
          concatRef: index & 0xff,
          statusReport: true,
        });
        pdus.forEach((pdu, i) => {
          const theirs = parse(pdu.hex);
          expect(theirs).toBeInstanceOf(Submit);
          const submit = theirs as Submit;
          expect(submit.address.phone).toBe(recipient.replace('+', ''));
          expect(submit.data.getText(), `text #${index} part ${i + 1}`).toBe(segmentation.parts[i]);
          const header = submit.data.parts[0]?.header?.toJSON();
          if (pdus.length > 1) {
            expect(header).toEqual({
              POINTER: index & 0xff,
              SEGMENTS: pdus.length,
              CURRENT: i + 1,
            });
          } else {
            expect(header).toBeUndefined();
          }
        });
      }
    },
  );
});
