// The TypeScript twin of native/kernels/topk.cc (issue 8): each row's k best entries
// merged into its running buffer, kept sorted best first. Same order as the addon:
// NaN above every number, then larger values, then the smaller index; a negative
// index marks an empty slot, which ranks below everything.

/** A 2-D strided view in elements: a typed array over the whole buffer, strides and offset in items. */
export interface View2 {
  data: { [i: number]: number | bigint; length: number };
  s0: number;
  s1: number;
  off: number;
}

/** Whether (v, i) ranks before (w, j). */
function better(v: number, i: number, w: number, j: number): boolean {
  const vn = v !== v, wn = w !== w;
  if (vn !== wn) return vn;
  if (!vn && v !== w) return v > w;
  return i < j;
}

/**
 * Merges rows × cols of `a` into `values`/`indices` (rows × k); column j enters with
 * index indexOffset + j. Each row's buffer is read into plain arrays (indices as
 * numbers: the caller keeps them below 2^53), sorted, merged and written back.
 */
export function topkMerge(rows: number, cols: number, a: View2, k: number, values: View2, indices: View2, indexOffset: number): void {
  if (k <= 0) return;
  const ad = a.data as { [i: number]: number };
  const vd = values.data as { [i: number]: number };
  const id = indices.data as { [i: number]: bigint };
  const bv = new Float64Array(k);
  const bi = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const vo = values.off + r * values.s0;
    const io = indices.off + r * indices.s0;
    // Sort the incoming buffer (insertion: O(k) when already sorted); empty slots drop out.
    let filled = 0;
    for (let s = 0; s < k; s++) {
      const x = vd[vo + s * values.s1]!;
      const j = Number(id[io + s * indices.s1]!);
      if (j < 0) continue;
      let p = filled++;
      while (p > 0 && !better(bv[p - 1]!, bi[p - 1]!, x, j)) { bv[p] = bv[p - 1]!; bi[p] = bi[p - 1]!; p--; }
      bv[p] = x; bi[p] = j;
    }
    const ao = a.off + r * a.s0;
    const as = a.s1;
    let thr = filled === k ? bv[k - 1]! : NaN;
    for (let c = 0; c < cols; c++) {
      const x = ad[ao + c * as]!;
      // Full buffer: only an element not below the k-th best can enter (NaN and ties
      // are settled exactly by better()).
      if (filled === k && x < thr) continue;
      const j = indexOffset + c;
      let last: number;
      if (filled < k) last = filled++;
      else {
        if (!better(x, j, bv[k - 1]!, bi[k - 1]!)) continue;
        last = k - 1;
      }
      // Binary search for the slot, then the worse entries move down one (as the addon does).
      let lo = 0, hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (better(bv[mid]!, bi[mid]!, x, j)) lo = mid + 1;
        else hi = mid;
      }
      if (last > lo) { bv.copyWithin(lo + 1, lo, last); bi.copyWithin(lo + 1, lo, last); }
      bv[lo] = x; bi[lo] = j;
      if (filled === k) thr = bv[k - 1]!;
    }
    for (let s = 0; s < k; s++) {
      const full = s < filled;
      vd[vo + s * values.s1] = full ? bv[s]! : -Infinity;
      id[io + s * indices.s1] = BigInt(full ? bi[s]! : -1);
    }
  }
}
