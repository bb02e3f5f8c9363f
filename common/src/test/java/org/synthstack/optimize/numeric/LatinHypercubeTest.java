package org.synthstack.optimize.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatinHypercubeTest {

    @Test
    void putsExactlyOnePointInEverySliceOfEveryAxis() {
        int n = 17;
        double[][] design = LatinHypercube.maximin(n, 3, 5, new SplittableRandom(7));
        for (int d = 0; d < 3; d++) {
            boolean[] seen = new boolean[n];
            for (double[] p : design) {
                int slice = (int) Math.floor(p[d] * n);
                assertThat(seen[slice]).isFalse();
                seen[slice] = true;
            }
        }
    }

    @Test
    void isDeterministicForASeed() {
        assertThat(LatinHypercube.sample(5, 2, new SplittableRandom(3)))
                .isDeepEqualTo(LatinHypercube.sample(5, 2, new SplittableRandom(3)));
        assertThat(LatinHypercube.sample(5, 2, new SplittableRandom(3)))
                .isNotEqualTo(LatinHypercube.sample(5, 2, new SplittableRandom(4)));
    }
}
