/**
 * Where audio enters and leaves synthstack. Pure Java; no Spark and no other synthstack package.
 *
 * <h2>In</h2>
 *
 * {@link org.synthstack.audio.AudioDecoder#decode(byte[], String)} takes a whole file as bytes (what
 * Spark's {@code binaryFile} source gives) and returns {@link org.synthstack.audio.DecodedAudio}, or
 * throws {@link org.synthstack.audio.AudioDecodeException} with a quarantine
 * {@link org.synthstack.audio.AudioDecodeException.Reason}. The format is sniffed from magic bytes:
 * WAV (RIFF, RIFX, RF64; PCM 1..32 bit, float 32/64, WAVE_FORMAT_EXTENSIBLE, Vorbis-in-WAV), FLAC
 * (jFLAC) and Ogg Vorbis (JOrbis). {@link org.synthstack.audio.AudioLoader#loadMono} adds the
 * ingest path: average the channels ({@link org.synthstack.audio.Mixdown}) and resample to the
 * feature rate ({@link org.synthstack.audio.Resampler}).
 *
 * <h2>Out</h2>
 *
 * {@link org.synthstack.audio.WavWriter} writes 16/24-bit PCM or 32-bit float WAV.
 *
 * <h2>Conventions and decisions</h2>
 *
 * <ul>
 *   <li>Integer PCM of b bits maps to {@code q / 2^(b-1)}: -1.0 is full-scale negative, and the
 *       largest positive code is just below 1.0. 8-bit WAV is unsigned with 128 as zero. The writer
 *       inverts this exactly (round half away from zero, then clip), so renders round-trip bit for bit.
 *   <li>Silent and clipped audio are valid. Non-finite float samples are rejected, naming the first
 *       bad frame and channel.
 *   <li>Damage is quarantined rather than repaired whenever the audio itself would be wrong: a WAV
 *       data chunk larger than the file, a FLAC frame with a bad CRC, an Ogg page with a bad CRC, a
 *       compressed stream shorter than it declares. Damage that leaves every decoded sample correct is
 *       tolerated with a warning in {@link org.synthstack.audio.DecodedAudio#warnings()}: a wrong RIFF
 *       size, a missing pad byte, a trailing partial WAV frame (dropped).
 *   <li>Sample rates outside 1 kHz..768 kHz and channel counts outside 1..64 are treated as corrupt
 *       headers ({@code INVALID_FORMAT}).
 *   <li>Everything is stateless or immutable and safe to call from many threads.
 * </ul>
 */
package org.synthstack.audio;
