package org.synthstack.caad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.audio.AudioLoader;

/**
 * Clean speech for the problem instances: a recording decoded by {@link AudioLoader} (WAV, FLAC or
 * Ogg; channels averaged) and resampled to the working rate.
 *
 * <p>The experiment's speech is a public-domain LibriVox sentence from the Debian package {@code
 * pocketsphinx-testdata}: 16 kHz mono 16-bit WAV in {@link #LIBRIVOX_DIRECTORY}. {@link
 * #DEFAULT_SENTENCE} is a 3.3 s sentence, close to the seed's 3 s TIMIT sentence, whose first 0.25 s
 * are 20 dB or more below its RMS level, so the noise lead holds no speech.
 */
public final class SpeechSource {
    /** Where {@code pocketsphinx-testdata} installs its LibriVox sentences. */
    public static final Path LIBRIVOX_DIRECTORY = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    /** "he might even have been made amiable himself", 3.29 s. */
    public static final String DEFAULT_SENTENCE = "sense_and_sensibility_01_austen_64kb-0930.wav";
    /** Recordings longer than this are refused: a design problem wants one sentence, not a book. */
    public static final double MAX_SECONDS = 60;

    private SpeechSource() {
    }

    /**
     * Loads a recording as mono at {@code workingRate}.
     *
     * @param workingRate the reducer's rate in Hz, positive
     * @throws IOException if the file cannot be read
     * @throws AudioDecodeException if it is not decodable audio, or longer than {@link #MAX_SECONDS}
     */
    public static double[] load(Path file, int workingRate) throws IOException, AudioDecodeException {
        if (workingRate <= 0) {
            throw new IllegalArgumentException("workingRate must be a positive number of Hz, got " + workingRate);
        }
        byte[] data = Files.readAllBytes(file);
        return AudioLoader.loadMono(data, file.toString(), workingRate, MAX_SECONDS).samples();
    }
}
