package org.synthstack.learn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Builds the encoder and decoder of Tables 10–12. Both models take the flattened {@code bins × steps} spectrogram
 * ({@code [N, bins·steps]}) and give it back.
 *
 * <p>The tables list layers as torchsummary prints them, so activations applied as functions do not appear. A stack
 * of linear layers without them would collapse into one linear map (PCA at best), so every hidden layer gets a ReLU;
 * the latent and the output stay linear (the embedding is a plain projection; the MSE target is the [0, 1] matrix).
 * Table 10's max-pool (kernel 5, stride 2) yields 15 × 10 from 30 × 20 only with padding 2, which its parameter count
 * (9 608 = 8·15·10·8 + 8) confirms.
 */
final class AutoencoderBlocks {
  final SequentialBlock encoder = new SequentialBlock();
  final SequentialBlock decoder = new SequentialBlock();
  final List<SeededDropout> dropouts = new java.util.ArrayList<>();

  AutoencoderBlocks(AutoencoderSpec spec) {
    int bins = spec.frequencyBins();
    int steps = spec.timeSteps();
    if (spec.type() == ModelType.CNN) {
      encoder.add(LambdaBlock.singleton(x -> x.reshape(-1, 1, bins, steps), "to_image"))
          .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2))
              .setFilters(AutoencoderSpec.CNN_CHANNELS).build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(5, 5), new Shape(2, 2), new Shape(2, 2)))
          .add(dropout(spec))
          .add(Blocks.batchFlattenBlock())
          .add(linear(spec.latent()));
      decoder.add(linear(AutoencoderSpec.CNN_DECODER_HIDDEN))
          .add(Activation.reluBlock())
          .add(dropout(spec))
          .add(linear(spec.inputSize()));
    } else {
      encoder.add(linear(AutoencoderSpec.FC_HIDDEN)).add(Activation.reluBlock()).add(dropout(spec));
      if (spec.extraHidden()) {
        encoder.add(linear(AutoencoderSpec.FC_SECOND_HIDDEN)).add(Activation.reluBlock()).add(dropout(spec));
        decoder.add(linear(AutoencoderSpec.FC_SECOND_HIDDEN)).add(Activation.reluBlock()).add(dropout(spec));
      }
      encoder.add(linear(spec.latent()));
      decoder.add(linear(AutoencoderSpec.FC_HIDDEN)).add(Activation.reluBlock()).add(dropout(spec))
          .add(linear(spec.inputSize()));
    }
  }

  private SeededDropout dropout(AutoencoderSpec spec) {
    SeededDropout d = new SeededDropout(spec.dropout());
    dropouts.add(d);
    return d;
  }

  private static Linear linear(int units) {
    return Linear.builder().setUnits(units).build();
  }
}
