import { readFileSync } from 'node:fs';

/** One published or constructed PDU with the fields decodePdu must return (a subset). */
export interface DecodeVector {
  readonly name: string;
  readonly source: string;
  readonly note?: string;
  readonly hex: string;
  readonly hasSca?: boolean;
  readonly expected: Record<string, unknown>;
  /** SUBMIT vectors whose inputs are known: re-encoded and compared byte for byte. */
  readonly encode?: EncodeInputs;
}

export interface EncodeInputs {
  readonly recipient: string;
  readonly text: string;
  readonly validityMinutes?: number | null;
  readonly serviceCentre?: string;
  readonly messageReference?: number;
  readonly statusReport?: boolean;
  readonly rejectDuplicates?: boolean;
  readonly concatRef?: number;
}

export interface MultipartVector {
  readonly name: string;
  readonly source: string;
  readonly hex: readonly string[];
  readonly encode: EncodeInputs;
}

export interface MalformedVector {
  readonly name: string;
  readonly source: string;
  readonly hex: string;
  readonly code: string;
}

function load<T>(name: string): readonly T[] {
  const url = new URL(`../../fixtures/pdu/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { vectors: T[] }).vectors;
}

export const deliverVectors = load<DecodeVector>('deliver');
export const statusReportVectors = load<DecodeVector>('status-report');
export const submitVectors = load<DecodeVector>('submit');
export const multipartVectors = load<MultipartVector>('submit-multipart');
export const malformedVectors = load<MalformedVector>('malformed');

/** Every well-formed PDU of the fixtures, with its SCA flag: the seeds of the fuzz tests. */
export const allValidPdus: readonly { hex: string; hasSca: boolean }[] = [
  ...[...deliverVectors, ...statusReportVectors, ...submitVectors].map((v) => ({
    hex: v.hex,
    hasSca: v.hasSca ?? true,
  })),
  ...multipartVectors.flatMap((v) => v.hex.map((hex) => ({ hex, hasSca: true }))),
];

/** JSON has no `undefined`: a `null` in `expected` means "absent". */
export function nullsToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(nullsToUndefined);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as object).map(([k, v]) => [k, nullsToUndefined(v)]),
    );
  }
  return value;
}
