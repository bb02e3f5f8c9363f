package org.synthstack.jobs.kits;

import org.synthstack.synth.Program;

/**
 * One sound of an exported kit.
 *
 * @param id file stem, e.g. the program id {@code s7_i123}
 * @param probability the ear's probability for the kit's label
 * @param audio 1 s at 48 kHz
 */
public record KitSound(String id, double probability, Program program, double[] audio) {}
