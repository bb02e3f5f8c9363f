package org.synthstack.learn;

/** The autoencoder families of seed 000, appendix D. */
public enum ModelType {
  /** Table 10: one 5×5 convolution with 8 channels, ReLU, 5×5 max-pool (stride 2), dropout, linear to the latent. */
  CNN,
  /** Tables 11 and 12: fully connected, 128 units (and, with the extra hidden layer, 32) on each side. */
  FC
}
