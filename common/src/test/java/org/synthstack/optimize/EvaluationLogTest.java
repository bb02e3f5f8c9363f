package org.synthstack.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationLogTest {

    private static List<double[]> points(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new double[] {i}).toList();
    }

    @Test
    void recordsNonFiniteValuesUnchangedAndPenalisesThemForModelling() {
        EvaluationLog log = new EvaluationLog();
        log.evaluate(p -> new double[] {2.0, Double.NaN, 6.0, Double.POSITIVE_INFINITY}, points(4), 0);

        assertThat(log.size()).isEqualTo(4);
        assertThat(log.value(1)).isNaN();
        assertThat(log.value(3)).isInfinite();
        // worst 6, best 2: margin 0.1·4.
        assertThat(log.penalty()).isEqualTo(6.4);
        assertThat(log.penalisedValues()).containsExactly(2.0, 6.4, 6.0, 6.4);
        assertThat(log.bestIndex()).isZero();
    }

    @Test
    void penaltyFollowsTheWorstValueAsItGrows() {
        EvaluationLog log = new EvaluationLog();
        log.evaluate(p -> new double[] {1.0, Double.NaN}, points(2), 0);
        assertThat(log.penalty()).isEqualTo(1.1); // all finite values equal: 0.1·max(1, |worst|)
        log.evaluate(p -> new double[] {11.0}, points(1), 1);
        assertThat(log.penalisedValue(1)).isEqualTo(12.0);
    }

    @Test
    void withoutAnyFiniteValueThePenaltyIsZeroAndTheResultValueNaN() {
        EvaluationLog log = new EvaluationLog();
        log.evaluate(p -> new double[] {Double.NaN, Double.NaN}, points(2), 0);
        assertThat(log.penalty()).isZero();
        OptimizationResult r = log.bestObservedResult(List.of(), StopReason.BUDGET);
        assertThat(r.bestValue()).isNaN();
        assertThat(r.bestPoint()).containsExactly(0.0);
        assertThat(r.history()).hasSize(2);
    }

    @Test
    void rejectsABatchReplyOfTheWrongLength() {
        EvaluationLog log = new EvaluationLog();
        assertThatThrownBy(() -> log.evaluate(p -> new double[] {1.0}, points(2), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 values for 2 points");
    }
}
