/**
 * The keys of a mocked response: `"0"`, `"3"`, or an inclusive range `"1-2"`. Together they must
 * number the attempts from 0 without gaps or overlaps, as Step Functions Local requires.
 */

export type AttemptRange = { readonly ok: true; readonly from: number; readonly to: number } | { readonly ok: false; readonly message: string };

const SINGLE = /^(0|[1-9][0-9]*)$/;
const RANGE = /^(0|[1-9][0-9]*)-(0|[1-9][0-9]*)$/;

export function parseAttemptRange(key: string): AttemptRange {
  const single = SINGLE.exec(key);
  if (single) {
    const n = Number(single[1]);
    return { ok: true, from: n, to: n };
  }
  const range = RANGE.exec(key);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from) return { ok: false, message: `the range '${key}' ends before it starts` };
    return { ok: true, from, to };
  }
  return {
    ok: false,
    message: `'${key}' is not an attempt number or range: use an integer such as "0" or an inclusive range such as "1-2"`,
  };
}
