package org.synthstack.synth;

import java.util.Arrays;
import java.util.TreeSet;

/** The stack sizes a generator draws from, uniformly: a range ({@code 1-8}) or a list ({@code 1,3,5}). */
public final class StackSizes {
  private final int[] sizes;

  private StackSizes(int[] sizes) {
    this.sizes = sizes;
  }

  public static StackSizes of(int... sizes) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("stack sizes: expected at least one size");
    }
    TreeSet<Integer> distinct = new TreeSet<>();
    for (int s : sizes) {
      if (s < 1 || s > SynthLimits.MAX_STACK_SIZE) {
        throw new IllegalArgumentException("stack sizes: " + s + " is out of range; expected 1.."
            + SynthLimits.MAX_STACK_SIZE);
      }
      distinct.add(s);
    }
    return new StackSizes(distinct.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Parses {@code "1-8"} (inclusive range) or {@code "1,3,5"} (list). */
  public static StackSizes parse(String text) {
    String t = text.trim();
    try {
      if (t.matches("\\d+\\s*-\\s*\\d+")) {
        String[] ends = t.split("-");
        int lo = Integer.parseInt(ends[0].trim());
        int hi = Integer.parseInt(ends[1].trim());
        if (lo > hi) {
          throw new IllegalArgumentException("stack sizes \"" + text + "\": range start exceeds its end");
        }
        return of(java.util.stream.IntStream.rangeClosed(lo, hi).toArray());
      }
      if (t.matches("\\d+(\\s*,\\s*\\d+)*")) {
        return of(Arrays.stream(t.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
      }
    } catch (NumberFormatException e) {
      // Falls through to the usage message below.
    }
    throw new IllegalArgumentException("stack sizes \"" + text + "\": expected a range like 1-8 or a list like 1,3,5");
  }

  /** Draws a size uniformly. */
  public int draw(SplitMix64 rng) {
    return sizes[rng.nextInt(sizes.length)];
  }

  public int[] values() {
    return sizes.clone();
  }

  public int max() {
    return sizes[sizes.length - 1];
  }

  @Override
  public String toString() {
    return Arrays.toString(sizes);
  }
}
