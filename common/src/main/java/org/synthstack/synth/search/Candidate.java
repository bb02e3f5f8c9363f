package org.synthstack.synth.search;

import org.synthstack.synth.Program;

/**
 * A program to render and judge.
 *
 * @param index its place in the method's rendering order (0 .. budget-1)
 * @param id stable name, also the file stem of its sound in a kit
 * @param generation the generation that produced it (0: the initial random batch)
 */
public record Candidate(long index, String id, int generation, Program program) {}
