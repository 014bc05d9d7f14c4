import { decodeGsm7Septets, unpackSeptets } from '../gsm7Codec.js';
import { decodeUcs2 } from '../ucs2Codec.js';
import type { DataCodingScheme, UserDataEncoding } from './dataCodingScheme.js';
import { bytesToHex } from './hex.js';
import { pduError } from './pduError.js';
import type { PduReader } from './PduReader.js';
import {
  parseUserDataHeader,
  type ConcatInfo,
  type InformationElement,
  type UserDataHeader,
} from './userDataHeader.js';

/**
 * TP-UDL and TP-UD (TS 23.040 §9.2.3.16, §9.2.3.24). TP-UDL counts septets
 * for GSM-7 (header and fill bits included) and octets otherwise; either way
 * the user data is at most 140 octets.
 */

export interface UserData {
  readonly encoding: UserDataEncoding;
  /** The text; undefined for 8-bit data, which is binary (see `data`). */
  readonly text: string | undefined;
  /** 8-bit user data after the header, as uppercase hex; undefined for text encodings. */
  readonly data: string | undefined;
  readonly udh: readonly InformationElement[];
  readonly concat: ConcatInfo | undefined;
}

const MAX_OCTETS = 140;
const MAX_SEPTETS = 160;

/**
 * Reads TP-UDL and the user data it announces. Octets after that are left
 * unread: some modems pad a PDU, and the length field, not the line, is
 * authoritative (TS 23.040 §9.2.3.16).
 */
export function readUserData(
  reader: PduReader,
  udhi: boolean,
  dcs: number,
  coding: DataCodingScheme,
): UserData {
  const udlOffset = reader.offset;
  const udl = reader.u8('TP-UDL');
  if (coding.compressed) {
    throw pduError('PDU_UNSUPPORTED_DCS', 'compressed user data (TS 23.042) is not supported', {
      field: 'TP-DCS',
      dcs,
    });
  }
  const septets = coding.encoding === 'gsm7';
  const max = septets ? MAX_SEPTETS : MAX_OCTETS;
  if (udl > max) {
    throw pduError(
      'PDU_BAD_LENGTH',
      `TP-UDL is ${udl}, more than the ${max} ${septets ? 'septets' : 'octets'} an SMS holds`,
      {
        field: 'TP-UDL',
        offset: udlOffset,
        udl,
        encoding: coding.encoding,
      },
    );
  }
  const octets = septets ? Math.ceil((udl * 7) / 8) : udl;
  const udOffset = reader.offset;
  const ud = reader.take(octets, 'TP-UD');

  let headerOctets = 0;
  let header: UserDataHeader = { elements: [], concat: undefined };
  if (udhi) {
    const udhl = octets > 0 ? (ud[0] as number) : -1;
    headerOctets = udhl + 1;
    // For GSM-7 the header also occupies whole septets: ⌈octets × 8 / 7⌉ of the UDL.
    if (udhl < 0 || headerOctets > octets || (septets && Math.ceil((headerOctets * 8) / 7) > udl)) {
      throw pduError('PDU_BAD_UDH', 'TP-UDHL points beyond the user data', {
        field: 'TP-UDHL',
        offset: udOffset,
        udhl,
        udl,
      });
    }
    header = parseUserDataHeader(ud, 1, udhl);
  }

  let text: string | undefined;
  let data: string | undefined;
  if (septets) {
    const headerSeptets = Math.ceil((headerOctets * 8) / 7);
    const fillBits = headerSeptets * 7 - headerOctets * 8;
    text = decodeGsm7Septets(unpackSeptets(ud, udl - headerSeptets, fillBits, headerOctets));
  } else if (coding.encoding === 'ucs2') {
    text = decodeUcs2(reader.bytes, udOffset + headerOctets, octets - headerOctets);
  } else {
    data = bytesToHex(ud, headerOctets, octets);
  }
  return { encoding: coding.encoding, text, data, udh: header.elements, concat: header.concat };
}
