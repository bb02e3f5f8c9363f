package org.synthstack.dsp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Power spectrum of a real frame of power-of-two length {@code n >= }{@value #MIN_SIZE} on 8-lane (512-bit) SIMD
 * vectors, computed in place in the frame. Only {@link RealFft} uses it, and only when {@link #supported()};
 * loading this class needs the {@code jdk.incubator.vector} module.
 *
 * <p>Algorithm, with {@code m = n / 16}. Lane {@code l} (0..7) owns the decimated sequence
 * {@code y_l[j] = x[8 j + l]} of length {@code 2m}, packed as the complex sequence
 * {@code c_l[r] = y_l[2r] + i y_l[2r+1] = x[16 r + l] + i x[16 r + 8 + l]}. So "row" {@code r} of the frame,
 * {@code x[16r .. 16r+16)}, is already a complex vector in split form (eight real parts, then eight imaginary
 * parts): no input permutation or de-interleaving is needed.
 * <ol>
 *   <li>Eight lane-parallel complex FFTs of length {@code m}: in-place radix-4 decimation-in-frequency passes
 *       (plus one radix-2 pass when {@code log2 m} is odd). Every operand is a whole row and every twiddle one
 *       broadcast scalar, so there are no shuffles. {@code C[k]} ends in row {@code slot(k)} (digit-reversed
 *       order), and the later steps address rows through that table. Blocks over 32 KB get one pass and then
 *       their quarters are finished one at a time, while they sit in the L1 cache.
 *   <li>Per lane, the split step of a real FFT turns {@code C_l[k]} and {@code C_l[m-k]} into {@code 2 Y_l[k]}
 *       and {@code 2 Y_l[m-k]}, {@code Y_l} being the DFT of {@code y_l}, for {@code k = 0..m}: lane-parallel,
 *       in place ({@code Y[m]} goes to a small extra row).
 *   <li>{@code X[k1 + 2m k2] = sum_l W_n^(l k1) W_8^(l k2) Y_l[k1]} for {@code k1 < m}: each block of eight rows
 *       {@code k1 = 8b .. 8b+7} is transposed in place (three rounds of shifted loads or permutes, and blends),
 *       so that lanes run over {@code k1} and rows over {@code l}; then the twiddles {@code W_n^(l k1) / 2}, an
 *       8-point DFT across the eight rows (a radix-2 pass, then two 4-point DFTs), and {@code |X|^2}. Outputs
 *       with {@code k2 < 4} are stored as they are; those with {@code k2 >= 4} are bins above n/2, stored
 *       reversed at their mirror bins {@code n - k} (the input is real). Row {@code k1 = m} is done in scalar
 *       code. For frames beyond 32 KB these steps visit the rows in frame order, for the prefetchers.
 * </ol>
 *
 * <p>C2 stops inlining into a method after some 18 000 IR nodes, and an inlined vector operation costs a few
 * hundred, so no method here has more than about 60 of them: past that the operations stay calls on boxed
 * vectors, some hundred times slower. Hence the many small passes over the frame, which for n = 4096 stays in
 * the L1 cache. Speed depends on the frame's alignment, which Java does not control: 512-bit accesses to a frame
 * that does not start on a 64-byte boundary (most of them) split across cache lines, and the passes then run up
 * to about 1.5 times slower.
 *
 * <p>An instance is a workspace: not thread-safe. Nothing is allocated per call, and there is no mutable static
 * state. The species is a static final constant: the JIT compiles vector operations to SIMD instructions only
 * when it can see the species.
 */
final class VectorRealFft {
  /** Smallest supported size: the last step needs {@code m = n / 16} to be at least 8. */
  static final int MIN_SIZE = 128;

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
  /** Doubles per row: eight real parts, then eight imaginary parts. */
  private static final int ROW = 16;
  private static final int IM = 8;

  private static final VectorShuffle<Double> SWAP2 = VectorShuffle.fromValues(S, 2, 3, 0, 1, 6, 7, 4, 5);
  private static final VectorShuffle<Double> SWAP4 = VectorShuffle.fromValues(S, 4, 5, 6, 7, 0, 1, 2, 3);
  private static final VectorShuffle<Double> REVERSE = VectorShuffle.fromValues(S, 7, 6, 5, 4, 3, 2, 1, 0);
  private static final VectorMask<Double> BIT1 =
      VectorMask.fromValues(S, false, true, false, true, false, true, false, true);
  private static final VectorMask<Double> BIT2 =
      VectorMask.fromValues(S, false, false, true, true, false, false, true, true);
  private static final VectorMask<Double> BIT4 =
      VectorMask.fromValues(S, false, false, false, false, true, true, true, true);
  /** Re, Im, -Im of W_8^l for l = 0..3. */
  private static final double[] EIGHTH_TWIDDLES = eighthTwiddles();
  /** Vectors over lanes t of Re, Im, -Im of W_n^(l t) / 2 depend on n: see {@link #laneTwiddles}. */
  private static final int TWIDDLE = 3 * IM;
  /** Rows (128 bytes each) that the FFT passes transform breadth-first: 32 KB, within the L1 data cache. */
  private static final int CACHED_ROWS = 256;

  private final int n;
  private final int m;
  /** Offset in the frame of the row that holds C[k] (then Y[k]), for k = 0..m-1. */
  private final int[] offset;
  /** First k of each block of eight, 8b, in the frame order of their rows (the steps after the FFT go this way). */
  private final int[] blockOrder;
  /** k = 1..m/2 in the frame order of their rows, for the split step. */
  private final int[] splitOrder;
  /** 2 Y[m], which has no row of its own in the frame. */
  private final double[] rowM = new double[ROW];
  /** Per radix-4 pass with twiddles, per p: Re, Im, -Im of W_len^p, W_len^(2p), W_len^(3p). */
  private final double[] passTwiddles;
  /** Per k in 0..m/2: Re, Im, -Re of W_(2m)^k. */
  private final double[] splitTwiddles;
  /** Per l = 0..7: vectors over t of Re, Im, -Im of W_n^(l t) / 2. */
  private final double[] laneTwiddles;
  /** Per block b and l = 0..7: Re, Im, -Im of W_n^(8 b l). */
  private final double[] blockTwiddles;
  /** For k2 = 0..3 and l = 0..7: Re, Im of W_16^(l (2 k2 + 1)) / 2, for row m. */
  private final double[] lastRowTwiddles;

  /** Whether this JVM compiles 512-bit double vectors (needs the vector module; true with AVX-512). */
  static boolean supported() {
    return DoubleVector.SPECIES_PREFERRED.length() >= S.length();
  }

  static boolean supports(int size) {
    return size >= MIN_SIZE && Integer.bitCount(size) == 1;
  }

  VectorRealFft(int n) {
    if (!supports(n)) {
      throw new IllegalArgumentException("size must be a power of two >= " + MIN_SIZE + ", got " + n);
    }
    this.n = n;
    this.m = n / 16;

    // Digit-reversed order of the in-place passes: a radix-r pass over a block of length L leaves the
    // frequencies k = q (mod r) in its q-th sub-block, so slot_L(k) = (k mod r) L / r + slot_(L/r)(k / r).
    offset = new int[m];
    for (int k = 0; k < m; k++) {
      int slot = 0;
      int rest = k;
      for (int len = m; len > 1; len /= radix(len)) {
        int r = radix(len);
        slot += (rest % r) * (len / r);
        rest /= r;
      }
      offset[k] = ROW * slot;
    }
    // The transpose's shifted loads read one double before the rows of odd k and one after those of even k.
    for (int k = 0; k < m; k++) {
      if (k % 2 == 1 ? offset[k] == 0 : offset[k] == ROW * (m - 1)) {
        throw new IllegalStateException("row order breaks the transpose's shifted loads at k = " + k);
      }
    }

    // When the frame outgrows the L1 cache, visiting rows in frame order keeps the access streams sequential for
    // the prefetchers; otherwise ascending k keeps the stores into the power spectrum sequential.
    java.util.Comparator<Integer> order = m > CACHED_ROWS
        ? java.util.Comparator.comparingInt(k -> offset[k]) : java.util.Comparator.naturalOrder();
    blockOrder = java.util.stream.IntStream.range(0, m / 8).map(b -> 8 * b).boxed().sorted(order)
        .mapToInt(Integer::intValue).toArray();
    splitOrder = java.util.stream.IntStream.rangeClosed(1, m / 2).boxed().sorted(order)
        .mapToInt(Integer::intValue).toArray();

    int count = 0;
    for (int len = m; len > 4; len /= 4) {
      count += len / 4;
    }
    passTwiddles = new double[9 * count];
    int at = 0;
    for (int len = m; len > 4; len /= 4) {
      for (int p = 0; p < len / 4; p++) {
        for (int j = 1; j <= 3; j++) {
          double angle = -2 * Math.PI * ((long) j * p % len) / len;
          passTwiddles[at++] = Math.cos(angle);
          passTwiddles[at++] = Math.sin(angle);
          passTwiddles[at++] = -Math.sin(angle);
        }
      }
    }

    splitTwiddles = new double[3 * (m / 2 + 1)];
    for (int k = 0; k <= m / 2; k++) {
      double angle = -Math.PI * k / m;
      splitTwiddles[3 * k] = Math.cos(angle);
      splitTwiddles[3 * k + 1] = Math.sin(angle);
      splitTwiddles[3 * k + 2] = -Math.cos(angle);
    }

    laneTwiddles = new double[8 * TWIDDLE];
    for (int l = 0; l < 8; l++) {
      for (int t = 0; t < 8; t++) {
        double angle = -2 * Math.PI * (l * t) / n;
        laneTwiddles[l * TWIDDLE + t] = 0.5 * Math.cos(angle);
        laneTwiddles[l * TWIDDLE + IM + t] = 0.5 * Math.sin(angle);
        laneTwiddles[l * TWIDDLE + 2 * IM + t] = -0.5 * Math.sin(angle);
      }
    }
    blockTwiddles = new double[(m / 8) * 8 * 3];
    for (int b = 0; b < m / 8; b++) {
      for (int l = 0; l < 8; l++) {
        double angle = -2 * Math.PI * ((long) 8 * b * l % n) / n;
        blockTwiddles[3 * (8 * b + l)] = Math.cos(angle);
        blockTwiddles[3 * (8 * b + l) + 1] = Math.sin(angle);
        blockTwiddles[3 * (8 * b + l) + 2] = -Math.sin(angle);
      }
    }

    lastRowTwiddles = new double[4 * 8 * 2];
    for (int k2 = 0; k2 < 4; k2++) {
      for (int l = 0; l < 8; l++) {
        double angle = -2 * Math.PI * (l * (2 * k2 + 1) % 16) / 16;
        lastRowTwiddles[(k2 * 8 + l) * 2] = 0.5 * Math.cos(angle);
        lastRowTwiddles[(k2 * 8 + l) * 2 + 1] = 0.5 * Math.sin(angle);
      }
    }
  }

  /** Radix of the in-place pass over blocks of length {@code len}: 4, or 2 for the last pass when log2 m is odd. */
  private static int radix(int len) {
    return len == 2 ? 2 : 4;
  }

  private static double[] eighthTwiddles() {
    double[] w = new double[12];
    for (int l = 0; l < 4; l++) {
      double angle = -2 * Math.PI * l / 8;
      w[3 * l] = Math.cos(angle);
      w[3 * l + 1] = Math.sin(angle);
      w[3 * l + 2] = -Math.sin(angle);
    }
    return w;
  }

  int size() {
    return n;
  }

  /** Writes |X[k]|^2 for k = 0..n/2 into {@code power}; {@code frame} (length >= n) is overwritten. */
  void power(double[] frame, double[] power) {
    if (frame.length < n || power.length < n / 2 + 1) {
      throw new IllegalArgumentException("frame needs " + n + " samples and power " + (n / 2 + 1) + " bins");
    }
    fftRows(frame, 0, m, 0);
    split(frame);
    transpose(frame, 0);
    transpose(frame, IM);
    radix2Rows(frame);
    dft4Rows(frame, power, 0);
    dft4Rows(frame, power, 1);
    lastRow(power);
  }

  private static DoubleVector load(double[] a, int offset) {
    return DoubleVector.fromArray(S, a, offset);
  }

  private static DoubleVector splat(double value) {
    return DoubleVector.broadcast(S, value);
  }

  /**
   * The lane-parallel FFT of rows {@code from .. from+len-1}, whose first pass has twiddles at {@code tw}. Blocks
   * larger than {@link #CACHED_ROWS} get one pass, then their four quarters are transformed one after the other
   * (depth first), so that each quarter stays in the L1 cache for its remaining passes; smaller blocks run all
   * their passes in turn.
   */
  private void fftRows(double[] x, int from, int len, int tw) {
    if (len > CACHED_ROWS) {
      radix4PassPerRow(x, from, from + len, len, tw);
      for (int q = 0; q < 4; q++) {
        fftRows(x, from + q * (len / 4), len / 4, tw + 9 * (len / 4));
      }
      return;
    }
    int to = from + len;
    for (; len > 4; len /= 4) {
      if (len / 4 >= (to - from) / len) {
        radix4PassPerRow(x, from, to, len, tw);
      } else {
        radix4Pass(x, from, to, len, tw);
      }
      tw += 9 * (len / 4);
    }
    if (len == 4) {
      lastRadix4Pass(x, from, to);
    } else {
      lastRadix2Pass(x, from, to);
    }
  }

  /**
   * In-place radix-4 DIF pass over the blocks of {@code len > 4} rows in rows {@code from .. to-1}, with
   * twiddles W_len^(jp) on the outputs.
   */
  private void radix4Pass(double[] x, int from, int to, int len, int tw) {
    double[] w = passTwiddles;
    int quarter = len / 4;
    int step = ROW * quarter;
    int block = ROW * len;
    int end = ROW * to;
    for (int p = 0; p < quarter; p++) {
      int t = tw + 9 * p;
      DoubleVector w1r = splat(w[t]);
      DoubleVector w1i = splat(w[t + 1]);
      DoubleVector nw1i = splat(w[t + 2]);
      DoubleVector w2r = splat(w[t + 3]);
      DoubleVector w2i = splat(w[t + 4]);
      DoubleVector nw2i = splat(w[t + 5]);
      DoubleVector w3r = splat(w[t + 6]);
      DoubleVector w3i = splat(w[t + 7]);
      DoubleVector nw3i = splat(w[t + 8]);
      for (int a = ROW * (from + p); a < end; a += block) {
        int b = a + step;
        int c = b + step;
        int d = c + step;
        DoubleVector ar = load(x, a);
        DoubleVector ai = load(x, a + IM);
        DoubleVector br = load(x, b);
        DoubleVector bi = load(x, b + IM);
        DoubleVector cr = load(x, c);
        DoubleVector ci = load(x, c + IM);
        DoubleVector dr = load(x, d);
        DoubleVector di = load(x, d + IM);
        DoubleVector apcR = ar.add(cr);
        DoubleVector apcI = ai.add(ci);
        DoubleVector amcR = ar.sub(cr);
        DoubleVector amcI = ai.sub(ci);
        DoubleVector bpdR = br.add(dr);
        DoubleVector bpdI = bi.add(di);
        DoubleVector bmdR = br.sub(dr);
        DoubleVector bmdI = bi.sub(di);
        apcR.add(bpdR).intoArray(x, a);
        apcI.add(bpdI).intoArray(x, a + IM);
        // (a - c) - i (b - d), times W^p.
        DoubleVector t1r = amcR.add(bmdI);
        DoubleVector t1i = amcI.sub(bmdR);
        t1r.fma(w1r, t1i.mul(nw1i)).intoArray(x, b);
        t1r.fma(w1i, t1i.mul(w1r)).intoArray(x, b + IM);
        // (a + c) - (b + d), times W^2p.
        DoubleVector t2r = apcR.sub(bpdR);
        DoubleVector t2i = apcI.sub(bpdI);
        t2r.fma(w2r, t2i.mul(nw2i)).intoArray(x, c);
        t2r.fma(w2i, t2i.mul(w2r)).intoArray(x, c + IM);
        // (a - c) + i (b - d), times W^3p.
        DoubleVector t3r = amcR.sub(bmdI);
        DoubleVector t3i = amcI.add(bmdR);
        t3r.fma(w3r, t3i.mul(nw3i)).intoArray(x, d);
        t3r.fma(w3i, t3i.mul(w3r)).intoArray(x, d + IM);
      }
    }
  }

  /**
   * The same pass as {@link #radix4Pass} with the loops the other way round, for few long blocks: rows inner,
   * so the twiddles are loaded per butterfly.
   */
  private void radix4PassPerRow(double[] x, int from, int to, int len, int tw) {
    double[] w = passTwiddles;
    int quarter = len / 4;
    int step = ROW * quarter;
    int block = ROW * len;
    int end = ROW * to;
    for (int first = ROW * from; first < end; first += block) {
      int last = first + step;
      int t = tw;
      for (int a = first; a < last; a += ROW, t += 9) {
        DoubleVector w1r = splat(w[t]);
        DoubleVector w1i = splat(w[t + 1]);
        DoubleVector nw1i = splat(w[t + 2]);
        DoubleVector w2r = splat(w[t + 3]);
        DoubleVector w2i = splat(w[t + 4]);
        DoubleVector nw2i = splat(w[t + 5]);
        DoubleVector w3r = splat(w[t + 6]);
        DoubleVector w3i = splat(w[t + 7]);
        DoubleVector nw3i = splat(w[t + 8]);
        int b = a + step;
        int c = b + step;
        int d = c + step;
        DoubleVector ar = load(x, a);
        DoubleVector ai = load(x, a + IM);
        DoubleVector br = load(x, b);
        DoubleVector bi = load(x, b + IM);
        DoubleVector cr = load(x, c);
        DoubleVector ci = load(x, c + IM);
        DoubleVector dr = load(x, d);
        DoubleVector di = load(x, d + IM);
        DoubleVector apcR = ar.add(cr);
        DoubleVector apcI = ai.add(ci);
        DoubleVector amcR = ar.sub(cr);
        DoubleVector amcI = ai.sub(ci);
        DoubleVector bpdR = br.add(dr);
        DoubleVector bpdI = bi.add(di);
        DoubleVector bmdR = br.sub(dr);
        DoubleVector bmdI = bi.sub(di);
        apcR.add(bpdR).intoArray(x, a);
        apcI.add(bpdI).intoArray(x, a + IM);
        // (a - c) - i (b - d), times W^p.
        DoubleVector t1r = amcR.add(bmdI);
        DoubleVector t1i = amcI.sub(bmdR);
        t1r.fma(w1r, t1i.mul(nw1i)).intoArray(x, b);
        t1r.fma(w1i, t1i.mul(w1r)).intoArray(x, b + IM);
        // (a + c) - (b + d), times W^2p.
        DoubleVector t2r = apcR.sub(bpdR);
        DoubleVector t2i = apcI.sub(bpdI);
        t2r.fma(w2r, t2i.mul(nw2i)).intoArray(x, c);
        t2r.fma(w2i, t2i.mul(w2r)).intoArray(x, c + IM);
        // (a - c) + i (b - d), times W^3p.
        DoubleVector t3r = amcR.sub(bmdI);
        DoubleVector t3i = amcI.add(bmdR);
        t3r.fma(w3r, t3i.mul(nw3i)).intoArray(x, d);
        t3r.fma(w3i, t3i.mul(w3r)).intoArray(x, d + IM);
      }
    }
  }

  /** The in-place radix-4 pass over the blocks of 4 rows in rows {@code from .. to-1}: no twiddles. */
  private static void lastRadix4Pass(double[] x, int from, int to) {
    int end = ROW * to;
    for (int a = ROW * from; a < end; a += 4 * ROW) {
      DoubleVector ar = load(x, a);
      DoubleVector ai = load(x, a + IM);
      DoubleVector br = load(x, a + ROW);
      DoubleVector bi = load(x, a + ROW + IM);
      DoubleVector cr = load(x, a + 2 * ROW);
      DoubleVector ci = load(x, a + 2 * ROW + IM);
      DoubleVector dr = load(x, a + 3 * ROW);
      DoubleVector di = load(x, a + 3 * ROW + IM);
      DoubleVector apcR = ar.add(cr);
      DoubleVector apcI = ai.add(ci);
      DoubleVector amcR = ar.sub(cr);
      DoubleVector amcI = ai.sub(ci);
      DoubleVector bpdR = br.add(dr);
      DoubleVector bpdI = bi.add(di);
      DoubleVector bmdR = br.sub(dr);
      DoubleVector bmdI = bi.sub(di);
      apcR.add(bpdR).intoArray(x, a);
      apcI.add(bpdI).intoArray(x, a + IM);
      amcR.add(bmdI).intoArray(x, a + ROW);
      amcI.sub(bmdR).intoArray(x, a + ROW + IM);
      apcR.sub(bpdR).intoArray(x, a + 2 * ROW);
      apcI.sub(bpdI).intoArray(x, a + 2 * ROW + IM);
      amcR.sub(bmdI).intoArray(x, a + 3 * ROW);
      amcI.add(bmdR).intoArray(x, a + 3 * ROW + IM);
    }
  }

  /** The in-place radix-2 pass over blocks of 2 rows (when log2 m is odd): no twiddles. */
  private static void lastRadix2Pass(double[] x, int from, int to) {
    int end = ROW * to;
    for (int a = ROW * from; a < end; a += 2 * ROW) {
      DoubleVector ar = load(x, a);
      DoubleVector ai = load(x, a + IM);
      DoubleVector br = load(x, a + ROW);
      DoubleVector bi = load(x, a + ROW + IM);
      ar.add(br).intoArray(x, a);
      ai.add(bi).intoArray(x, a + IM);
      ar.sub(br).intoArray(x, a + ROW);
      ai.sub(bi).intoArray(x, a + ROW + IM);
    }
  }

  /**
   * The real-FFT split step per lane, in place: C[k] and C[m-k] become 2 Y[k] and 2 Y[m-k] (E + Q and
   * conj(E - Q), with E = C[k] + conj C[m-k] and Q = W_(2m)^k (C[k] - conj C[m-k]) / i); 2 Y[m] goes to
   * {@link #rowM}.
   */
  private void split(double[] x) {
    double[] w = splitTwiddles;
    int[] at = offset;
    // k = 0 pairs with itself: 2 Y[0] = 2 (E + O), 2 Y[m] = 2 (E - O) with E = Re C[0], O = Im C[0].
    DoubleVector r0 = load(x, 0);
    DoubleVector i0 = load(x, IM);
    DoubleVector zero = DoubleVector.zero(S);
    r0.add(i0).mul(2.0).intoArray(x, 0);
    zero.intoArray(x, IM);
    r0.sub(i0).mul(2.0).intoArray(rowM, 0);
    zero.intoArray(rowM, IM);
    int[] order = splitOrder;
    for (int j = 0; j < order.length; j++) {
      int k = order[j];
      int ka = at[k];
      int kb = at[m - k];
      DoubleVector ar = load(x, ka);
      DoubleVector ai = load(x, ka + IM);
      DoubleVector br = load(x, kb);
      DoubleVector bi = load(x, kb + IM);
      DoubleVector er = ar.add(br);
      DoubleVector ei = ai.sub(bi);
      DoubleVector dr = ar.sub(br);
      DoubleVector di = ai.add(bi);
      DoubleVector wr = splat(w[3 * k]);
      DoubleVector wi = splat(w[3 * k + 1]);
      DoubleVector nwr = splat(w[3 * k + 2]);
      // Q = W (-i D): Qr = wr di + wi dr, Qi = wi di - wr dr.
      DoubleVector qr = di.fma(wr, dr.mul(wi));
      DoubleVector qi = di.fma(wi, dr.mul(nwr));
      er.add(qr).intoArray(x, ka);
      ei.add(qi).intoArray(x, ka + IM);
      er.sub(qr).intoArray(x, kb);
      qi.sub(ei).intoArray(x, kb + IM);
    }
  }

  /**
   * Transposes the real ({@code part = 0}) or imaginary ({@code part = IM}) parts of each block of rows
   * {@code k = 8b .. 8b+7}, in place: afterwards the row of {@code k = 8b + l} holds lane {@code l} of the
   * block's rows, with lane {@code t} from row {@code 8b + t}. Each of the three rounds exchanges one bit of the
   * row index with the same bit of the lane index; every {@code rearrange} also checks its shuffle, so the first
   * round is done with shifted loads instead (about 10% faster).
   */
  private void transpose(double[] x, int part) {
    int[] at = offset;
    int[] order = blockOrder;
    for (int j = 0; j < order.length; j++) {
      int k = order[j];
      int o0 = at[k] + part;
      int o1 = at[k + 1] + part;
      int o2 = at[k + 2] + part;
      int o3 = at[k + 3] + part;
      int o4 = at[k + 4] + part;
      int o5 = at[k + 5] + part;
      int o6 = at[k + 6] + part;
      int o7 = at[k + 7] + part;
      // Round 1, bit 0, by loads shifted by one lane: the odd lanes of u0 come from the row of k+1 one lane
      // down, the even lanes of u1 from the row of k one lane up. Both stay inside the frame: the rows of odd k
      // never come first in the frame and those of even k never last (see the constructor).
      DoubleVector u0 = load(x, o0).blend(load(x, o1 - 1), BIT1);
      DoubleVector u1 = load(x, o0 + 1).blend(load(x, o1), BIT1);
      DoubleVector u2 = load(x, o2).blend(load(x, o3 - 1), BIT1);
      DoubleVector u3 = load(x, o2 + 1).blend(load(x, o3), BIT1);
      DoubleVector u4 = load(x, o4).blend(load(x, o5 - 1), BIT1);
      DoubleVector u5 = load(x, o4 + 1).blend(load(x, o5), BIT1);
      DoubleVector u6 = load(x, o6).blend(load(x, o7 - 1), BIT1);
      DoubleVector u7 = load(x, o6 + 1).blend(load(x, o7), BIT1);
      // Rounds 2 and 3 in registers.
      DoubleVector r0 = u0.blend(u2.rearrange(SWAP2), BIT2);
      DoubleVector r2 = u0.rearrange(SWAP2).blend(u2, BIT2);
      DoubleVector r1 = u1.blend(u3.rearrange(SWAP2), BIT2);
      DoubleVector r3 = u1.rearrange(SWAP2).blend(u3, BIT2);
      DoubleVector r4 = u4.blend(u6.rearrange(SWAP2), BIT2);
      DoubleVector r6 = u4.rearrange(SWAP2).blend(u6, BIT2);
      DoubleVector r5 = u5.blend(u7.rearrange(SWAP2), BIT2);
      DoubleVector r7 = u5.rearrange(SWAP2).blend(u7, BIT2);
      r0.blend(r4.rearrange(SWAP4), BIT4).intoArray(x, o0);
      r0.rearrange(SWAP4).blend(r4, BIT4).intoArray(x, o4);
      r1.blend(r5.rearrange(SWAP4), BIT4).intoArray(x, o1);
      r1.rearrange(SWAP4).blend(r5, BIT4).intoArray(x, o5);
      r2.blend(r6.rearrange(SWAP4), BIT4).intoArray(x, o2);
      r2.rearrange(SWAP4).blend(r6, BIT4).intoArray(x, o6);
      r3.blend(r7.rearrange(SWAP4), BIT4).intoArray(x, o3);
      r3.rearrange(SWAP4).blend(r7, BIT4).intoArray(x, o7);
    }
  }

  /**
   * On the transposed rows {@code x_l} of each block (l = 0..7, lanes t): the twiddles
   * {@code W_n^(l (8b + t)) / 2 = W_n^(8bl) (W_n^(lt) / 2)}, then the first radix-2 pass of the 8-point DFTs
   * over l: row l becomes {@code x_l + x_(l+4)} and row l+4 becomes {@code (x_l - x_(l+4)) W_8^l}.
   */
  private void radix2Rows(double[] x) {
    double[] lane = laneTwiddles;
    double[] blk = blockTwiddles;
    int[] at = offset;
    int[] order = blockOrder;
    for (int l = 0; l < 4; l++) {
      DoubleVector lr = load(lane, l * TWIDDLE);
      DoubleVector li = load(lane, l * TWIDDLE + IM);
      DoubleVector hr = load(lane, (l + 4) * TWIDDLE);
      DoubleVector hi = load(lane, (l + 4) * TWIDDLE + IM);
      DoubleVector nhi = load(lane, (l + 4) * TWIDDLE + 2 * IM);
      DoubleVector er = splat(EIGHTH_TWIDDLES[3 * l]);
      DoubleVector ei = splat(EIGHTH_TWIDDLES[3 * l + 1]);
      DoubleVector nei = splat(EIGHTH_TWIDDLES[3 * l + 2]);
      for (int j = 0; j < order.length; j++) {
        int k = order[j] + l;
        int oa = at[k];
        int oc = at[k + 4];
        int ta = 3 * k;
        int tc = ta + 12;
        // The twiddle vectors for rows l and l + 4 of this block.
        DoubleVector sr = splat(blk[ta]);
        DoubleVector si = splat(blk[ta + 1]);
        DoubleVector nsi = splat(blk[ta + 2]);
        DoubleVector war = lr.fma(sr, li.mul(nsi));
        DoubleVector wai = lr.fma(si, li.mul(sr));
        sr = splat(blk[tc]);
        si = splat(blk[tc + 1]);
        nsi = splat(blk[tc + 2]);
        DoubleVector wcr = hr.fma(sr, hi.mul(nsi));
        DoubleVector wci = hr.fma(si, hi.mul(sr));
        DoubleVector xr = load(x, oa);
        DoubleVector xi = load(x, oa + IM);
        DoubleVector ar = xr.fma(war, xi.mul(wai).neg());
        DoubleVector ai = xr.fma(wai, xi.mul(war));
        xr = load(x, oc);
        xi = load(x, oc + IM);
        DoubleVector cr = xr.fma(wcr, xi.mul(wci).neg());
        DoubleVector ci = xr.fma(wci, xi.mul(wcr));
        ar.add(cr).intoArray(x, oa);
        ai.add(ci).intoArray(x, oa + IM);
        DoubleVector dr = ar.sub(cr);
        DoubleVector di = ai.sub(ci);
        dr.fma(er, di.mul(nei)).intoArray(x, oc);
        dr.fma(ei, di.mul(er)).intoArray(x, oc + IM);
      }
    }
  }

  /**
   * 4-point DFTs of rows {@code 8b + 4 parity + j} (j = 0..3) after {@link #radix2Rows}: outputs
   * {@code k2 = parity + 2 j} of the 8-point DFTs, stored as |X|^2. Bin {@code k1 + 2m k2} with {@code k2 < 4}
   * is stored as it is; for {@code k2 >= 4} it mirrors to {@code 2m (8 - k2) - k1}: lanes reversed, ending at
   * {@code 2m (8 - k2) - 8b}.
   */
  private void dft4Rows(double[] x, double[] power, int parity) {
    int[] at = offset;
    int span = 2 * m;
    int direct = parity * span;
    int mirror = (4 - parity) * span - 7;
    int[] order = blockOrder;
    for (int j = 0; j < order.length; j++) {
      int k = order[j];
      int o0 = at[k + 4 * parity];
      int o1 = at[k + 4 * parity + 1];
      int o2 = at[k + 4 * parity + 2];
      int o3 = at[k + 4 * parity + 3];
      DoubleVector s0r = load(x, o0);
      DoubleVector s0i = load(x, o0 + IM);
      DoubleVector s1r = load(x, o1);
      DoubleVector s1i = load(x, o1 + IM);
      DoubleVector s2r = load(x, o2);
      DoubleVector s2i = load(x, o2 + IM);
      DoubleVector s3r = load(x, o3);
      DoubleVector s3i = load(x, o3 + IM);
      DoubleVector ur = s0r.add(s2r);
      DoubleVector ui = s0i.add(s2i);
      DoubleVector vr = s0r.sub(s2r);
      DoubleVector vi = s0i.sub(s2i);
      DoubleVector wr = s1r.add(s3r);
      DoubleVector wi = s1i.add(s3i);
      DoubleVector zr = s1r.sub(s3r);
      DoubleVector zi = s1i.sub(s3i);
      magnitude(ur.add(wr), ui.add(wi)).intoArray(power, direct + k);
      magnitude(vr.add(zi), vi.sub(zr)).intoArray(power, direct + 2 * span + k);
      magnitude(ur.sub(wr), ui.sub(wi)).rearrange(REVERSE).intoArray(power, mirror - k);
      magnitude(vr.sub(zi), vi.add(zr)).rearrange(REVERSE).intoArray(power, mirror - 2 * span - k);
    }
  }

  private static DoubleVector magnitude(DoubleVector re, DoubleVector im) {
    return re.fma(re, im.mul(im));
  }

  /** Row k1 = m: bins m (2 k2 + 1) for k2 = 0..3, from the eight lanes of 2 Y_l[m], in scalar code. */
  private void lastRow(double[] power) {
    double[] w = lastRowTwiddles;
    for (int k2 = 0; k2 < 4; k2++) {
      double re = 0;
      double im = 0;
      for (int l = 0; l < 8; l++) {
        double yr = rowM[l];
        double yi = rowM[IM + l];
        double wr = w[(k2 * 8 + l) * 2];
        double wi = w[(k2 * 8 + l) * 2 + 1];
        re += yr * wr - yi * wi;
        im += yr * wi + yi * wr;
      }
      power[m * (2 * k2 + 1)] = re * re + im * im;
    }
  }
}
