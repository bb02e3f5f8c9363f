package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Spark runs one task per core in one executor JVM: two models must train at once, and as they would alone. */
class ConcurrentTrainingTest {

  private static TrainingHistory train(List<Performance> corpus, MinMaxNormaliser normaliser, OptimizerSpec spec,
      long seed) {
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, normaliser, seed)) {
      return MdrnnTrainer.train(model, TrainingWindows.of(corpus, normaliser),
          TrainingConfig.standard(spec, seed).quick(2, 3));
    }
  }

  @Test
  void twoModelsTrainAtOnceAndAsTheyWouldAlone() throws Exception {
    List<Performance> corpus = MdrnnTest.corpus(2, 160, 11);
    MinMaxNormaliser normaliser = MinMaxNormaliser.fit(corpus);
    OptimizerSpec adam = OptimizerSpec.Adam.of(0.001);
    OptimizerSpec sgd = new OptimizerSpec.Sgd(0.0005, 0.0005 / 130, 0.8, true);
    TrainingHistory aloneA = train(corpus, normaliser, adam, 1);
    TrainingHistory aloneB = train(corpus, normaliser, sgd, 2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2; round++) {
        CompletableFuture<TrainingHistory> a =
            CompletableFuture.supplyAsync(() -> train(corpus, normaliser, adam, 1), pool);
        CompletableFuture<TrainingHistory> b =
            CompletableFuture.supplyAsync(() -> train(corpus, normaliser, sgd, 2), pool);
        assertThat(a.get().trainLoss()).containsExactly(aloneA.trainLoss());
        assertThat(a.get().validationLoss()).containsExactly(aloneA.validationLoss());
        assertThat(b.get().trainLoss()).containsExactly(aloneB.trainLoss());
        assertThat(b.get().validationLoss()).containsExactly(aloneB.validationLoss());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
