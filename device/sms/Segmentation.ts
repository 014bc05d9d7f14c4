/** How a message travels: the GSM 7-bit default alphabet, or UCS-2 (UTF-16 units). */
export type SmsEncoding = 'gsm7' | 'ucs2';

/**
 * Segment sizes from 3GPP TS 23.038/23.040: a single SMS carries 140 octets
 * (160 septets or 70 UTF-16 units); a concatenated one gives 6 octets to its
 * header, leaving 153 septets or 67 units per segment.
 */
export const SEGMENT_LIMITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const satisfies Record<SmsEncoding, { single: number; multi: number }>;

/** The result of cutting one text into SMS segments. One credit is one segment. */
export interface Segmentation {
  readonly encoding: SmsEncoding;
  /** Number of SMS the network carries (at least 1, even for an empty text). */
  readonly segments: number;
  /** Credits billed: one per segment (SMS4less art. 5.3, Cely "SMS Long"). */
  readonly credits: number;
  /** Septets (gsm7) or UTF-16 units (ucs2) in the whole text. */
  readonly units: number;
  /** Units still free in the last segment. */
  readonly remaining: number;
  /** The text of each segment; joined they give the input back. */
  readonly parts: readonly string[];
}

/** The counting half of a Segmentation, for callers that never need the texts. */
export type SegmentCount = Omit<Segmentation, 'parts'>;
