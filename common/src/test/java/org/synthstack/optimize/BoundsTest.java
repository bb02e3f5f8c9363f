package org.synthstack.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundsTest {

    @Test
    void rejectsLowerNotBelowUpperNamingTheDimension() {
        assertThatThrownBy(() -> new Bounds(new double[] {0, 3}, new double[] {1, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> new Bounds(new double[] {2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 0");
    }

    @Test
    void rejectsNonFiniteBoundsNamingTheDimension() {
        assertThatThrownBy(() -> new Bounds(new double[] {0, 0, Double.NEGATIVE_INFINITY}, new double[] {1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> new Bounds(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 0");
    }

    @Test
    void rejectsEmptyOrMismatchedArrays() {
        assertThatThrownBy(() -> new Bounds(new double[0], new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bounds(new double[] {0}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsToAndFromTheUnitCube() {
        Bounds b = new Bounds(new double[] {-5, 0}, new double[] {10, 15});
        assertThat(b.fromUnit(new double[] {0.5, 0.2})).containsExactly(2.5, 3.0);
        double[] u = b.toUnit(new double[] {-2, 12});
        assertThat(u[0]).isCloseTo(0.2, within(1e-15));
        assertThat(u[1]).isCloseTo(0.8, within(1e-15));
        assertThat(b.contains(new double[] {10, 0})).isTrue();
        assertThat(b.contains(new double[] {10.0001, 0})).isFalse();
    }

    @Test
    void isImmutable() {
        double[] lower = {0};
        Bounds b = new Bounds(lower, new double[] {1});
        lower[0] = 5;
        b.lower()[0] = 7;
        assertThat(b.lower(0)).isEqualTo(0.0);
    }
}
