package org.synthstack.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synthstack.jobs.InputException;

/**
 * The debian-drums rule table on names as they occur in the packages: Hydrogen instrument names from the kits'
 * drumkit.xml files, and file names from LMMS and sonic-pi. Expected labels are a drummer's reading of the names.
 */
class LabelRulesTest {
  static final Path TABLE = Path.of("../data-catalog/debian-drums/label-rules.tsv");
  private static LabelRules rules;

  @BeforeAll
  static void load() throws IOException {
    rules = LabelRules.parse("label-rules.tsv", Files.readString(TABLE), DrumLabels.ALL);
  }

  private static Optional<String> label(String path, String... instruments) {
    return rules.label(new LabelRules.Evidence(path, List.of(instruments), "Kit")).map(LabelRules.Match::label);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "Kick                                          | Kick-Softest.wav                | kick",
      "Kick Long                                     | 808_Kick_Long.flac              | kick",
      "BassDrum                                      | BD_08.aiff                      | kick",
      "c3 - bass drum 1                              | beats_06-38.flac                | kick",
      "Kick (Tama Superstar 22\")                    | Kick-0.wav                      | kick",
      "Snare                                         | Snare-Med.wav                   | snare",
      "Snare Jazz                                    | jsnare_01.flac                  | snare",
      "Snare Rimshot                                 | SnareRimshot-Hard.wav           | snare",
      "Snare 2 Rimshot (Pearl Free Floating Maple 14x3.5) | SnareOffRim-0.wav          | snare",
      "Snare Roll                                    | SN3_01.aiff                     | snare",
      "Hand Clap                                     | HandClap.wav                    | clap",
      "Finger Snaps                                  | Fingersnap-Hard.wav             | clap",
      "Hat Closed                                    | HatClosed-Soft.wav              | hat",
      "Closed HH                                     | hhclosed_01.flac                | hat",
      "Hi-Hat Pedal (Paiste Alpha Metal edge 14\")   | HiHatFoot-0.wav                 | hat",
      "Side OHH                                      | PowR_HH_2.flac                  | hat",
      "Pedal HH                                      | 156272__dayvonjersen__fxshake5.wav | hat",
      "Tom Hi                                        | 808_Tom_Hi.flac                 | tom",
      "Floor Tom                                     | TomFloor-Hard.wav               | tom",
      "tomhi2                                        | tom-hi-1.flac                   | tom",
      "b3 - low tom                                  | beats_08-17.flac                | tom",
      "Stick                                         | SideStick-Med.wav               | rim",
      "Pearl Side Stick                              | PearlSideStick-Hard.wav         | rim",
      "Rim Click (Pearl Free Floating Maple 14x3.5)  | RimClick-0.wav                  | rim",
      "Shaker                                        | 808_Shaker.flac                 | shaker",
      "Maraca                                        | Maraca-Soft.wav                 | shaker",
      "Tambourine Pedal (Pearl PTM-10GH)             | TambourineFoot-0.wav            | shaker",
      "Crash                                         | Crash-Hard.wav                  | cymbal",
      "Crash/Ride Bell (Paiste Rude Crash/Ride 18\") | CrashRide18Bell-0.wav           | cymbal",
      "China (Paiste Alpha 18\")                     | China-0.wav                     | cymbal",
      "Bell                                          | Bell-Hard.wav                   | cymbal",
      "ride-cup                                      | crash20i__ride-cup1.flac        | cymbal",
      "d#4 - cymbal 1                                | beats_08-20.flac                | cymbal",
      "Cowbell                                       | Cowbell-Med.wav                 | other-percussion",
      "Agogo Low (Pearl ECB-23)                      | AgogoLow-0.wav                  | other-percussion",
      "Djembe1 Bass                                  | Djembe1 Bass.wav                | other-percussion",
      "Sangban1 Bell Hit                             | Sangban1 Bell Hit.wav           | other-percussion",
      "Woodblock Hi                                  | WoodBlock-Hard.wav              | other-percussion",
      "VariBreaks Drum 1                             | VP Click.flac                   | other-percussion",
      "Zap 1                                         | yFX_8.flac                      | other-percussion",
  })
  void hydrogenInstrumentNames(String instrument, String file, String expected) {
    String path = "hydrogen-drumkits/usr/share/hydrogen/data/drumkits/Kit/" + file.trim();
    assertThat(label(path, instrument.trim())).contains(expected);
  }

  @Test
  void theKitAuthorsInstrumentNameWinsOverTheFileName() {
    // Audiophob plays a sample named ...tom-0105.wav as its Kick.
    String path = "hydrogen-drumkits/usr/share/hydrogen/data/drumkits/Audiophob/86335__zgump__tom-0105.wav";
    assertThat(label(path, "Kick")).contains("kick");
    assertThat(label(path)).contains("tom");
  }

  @Test
  void placeholderAndUnknownInstrumentsFallBackToTheFileName() {
    String kit = "hydrogen-drumkits/usr/share/hydrogen/data/drumkits/ColomboAcousticDrumkit/";
    assertThat(label(kit + "snare-opaque-2mics_normal-shot1.flac", "redo super opaco")).contains("snare");
    assertThat(label(kit + "beats_08-37.flac", "Sample: beats_08-37.flac")).isEmpty();
    assertThat(label(kit + "xFX_6.flac", "FX")).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "lmms-common/usr/share/lmms/samples/drums/bassdrum_acoustic01.ogg, kick",
      "lmms-common/usr/share/lmms/samples/drums/nasty_bass01.ogg, kick",
      "lmms-common/usr/share/lmms/samples/drums/hihat_foot_pedal01.ogg, hat",
      "lmms-common/usr/share/lmms/samples/drums/snare_rim01.ogg, snare",
      "lmms-common/usr/share/lmms/samples/drums/sidestick01.ogg, rim",
      "lmms-common/usr/share/lmms/samples/drums/clav01.ogg, other-percussion",
      "lmms-common/usr/share/lmms/samples/drums/ride02.ogg, cymbal",
      "lmms-common/usr/share/lmms/samples/drums/tom_low01.ogg, tom",
      "lmms-common/usr/share/lmms/samples/beats/rave_kick01.ogg, not-percussive",
      "lmms-common/usr/share/lmms/samples/basses/bass_acid01.ogg, not-percussive",
      "lmms-common/usr/share/lmms/samples/misc/hit01.ogg, not-percussive",
      "sonic-pi-samples/usr/share/sonic-pi/samples/bd_haus.flac, kick",
      "sonic-pi-samples/usr/share/sonic-pi/samples/drum_bass_hard.flac, kick",
      "sonic-pi-samples/usr/share/sonic-pi/samples/sn_dub.flac, snare",
      "sonic-pi-samples/usr/share/sonic-pi/samples/elec_hi_snare.flac, snare",
      "sonic-pi-samples/usr/share/sonic-pi/samples/drum_cymbal_closed.flac, hat",
      "sonic-pi-samples/usr/share/sonic-pi/samples/drum_cymbal_hard.flac, cymbal",
      "sonic-pi-samples/usr/share/sonic-pi/samples/drum_splash_soft.flac, cymbal",
      "sonic-pi-samples/usr/share/sonic-pi/samples/drum_tom_lo_soft.flac, tom",
      "sonic-pi-samples/usr/share/sonic-pi/samples/perc_snap2.flac, clap",
      "sonic-pi-samples/usr/share/sonic-pi/samples/tabla_ghe3.flac, other-percussion",
      "sonic-pi-samples/usr/share/sonic-pi/samples/perc_impact1.flac, other-percussion",
      "sonic-pi-samples/usr/share/sonic-pi/samples/ambi_choir.flac, not-percussive",
      "sonic-pi-samples/usr/share/sonic-pi/samples/bass_hit_c.flac, not-percussive",
      "sonic-pi-samples/usr/share/sonic-pi/samples/guit_em9.flac, not-percussive",
      "sonic-pi-samples/usr/share/sonic-pi/samples/loop_amen.flac, not-percussive",
      "sonic-pi-samples/usr/share/sonic-pi/samples/misc_crow.flac, not-percussive",
      "sonic-pi-samples/usr/share/sonic-pi/samples/glitch_robot2.flac, not-percussive",
  })
  void fileNames(String path, String expected) {
    assertThat(label(path)).contains(expected);
  }

  @Test
  void namesThatSayNothingAboutADrumStayUnlabelled() {
    assertThat(label("sonic-pi-samples/usr/share/sonic-pi/samples/elec_blip.flac")).isEmpty();
    assertThat(label("sonic-pi-samples/usr/share/sonic-pi/samples/drum_roll.flac")).isEmpty();
    assertThat(label("hydrogen-data/usr/share/hydrogen/data/emptySample.wav")).isEmpty();
    // 'tom' inside a word, 'hat' inside a word: no match
    assertThat(label("x/custom_atom.wav")).isEmpty();
    assertThat(label("x/chatter.wav")).isEmpty();
  }

  @Test
  void normalisationSplitsCamelCaseDigitsAndPunctuation() {
    assertThat(LabelRules.normalise("PearlSnareRimshot-Softest")).isEqualTo("pearl snare rimshot softest");
    assertThat(LabelRules.normalise("808_Hat_Closed")).isEqualTo("808 hat closed");
    assertThat(LabelRules.normalise("Hi-Hat Closed (Paiste 14\")")).isEqualTo("hi hat closed paiste 14");
    assertThat(LabelRules.normalise("c#3 - stick")).isEqualTo("c 3 stick");
    assertThat(LabelRules.normalise("Hard_Hse_OHH_1")).isEqualTo("hard hse ohh 1");
    assertThat(LabelRules.normalise("tomhi2")).isEqualTo("tomhi 2");
  }

  @Test
  void theWinnerIsTheSmallestPriorityThenTheEarlierLine() {
    LabelRules table = LabelRules.parse("t.tsv", "20\tsnare\tfile\tx\n10\tkick\tfile\tx\n10\ttom\tfile\tx\n",
        DrumLabels.ALL);
    LabelRules.Match m = table.label(new LabelRules.Evidence("p/x.wav", List.of(), null)).orElseThrow();
    assertThat(m.label()).isEqualTo("kick");
    assertThat(m.rule().location("t.tsv")).isEqualTo("t.tsv:2");
  }

  @Test
  void malformedTablesAreRejectedNamingTheLine() {
    assertThatThrownBy(() -> LabelRules.parse("t.tsv", "# c\n10\tkicks\tfile\tx\n", DrumLabels.ALL))
        .isInstanceOf(InputException.class).hasMessageContaining("t.tsv:2").hasMessageContaining("'kicks'");
    assertThatThrownBy(() -> LabelRules.parse("t.tsv", "10\tkick\tname\tx\n", DrumLabels.ALL))
        .isInstanceOf(InputException.class).hasMessageContaining("field 'name'");
    assertThatThrownBy(() -> LabelRules.parse("t.tsv", "10\tkick\tfile\t(x\n", DrumLabels.ALL))
        .isInstanceOf(InputException.class).hasMessageContaining("does not compile");
    assertThatThrownBy(() -> LabelRules.parse("t.tsv", "ten\tkick\tfile\tx\n", DrumLabels.ALL))
        .isInstanceOf(InputException.class).hasMessageContaining("priority 'ten'");
    assertThatThrownBy(() -> LabelRules.parse("t.tsv", "10 kick file x\n", DrumLabels.ALL))
        .isInstanceOf(InputException.class).hasMessageContaining("tab-separated");
  }
}
