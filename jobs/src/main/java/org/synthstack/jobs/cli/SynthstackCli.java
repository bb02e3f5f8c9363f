package org.synthstack.jobs.cli;
public class SynthstackCli { public static void main(String[] a) {} }
