package org.synthstack.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgramJsonTest {
  private static final String VALID = """
      {"submodules": [{"oscillator": "saw", "noise": false, "pitches": [65.41, 130.81],
        "attack": 0.1, "decay": 0.3, "sustain": 0.5, "release": 0.2, "start": 0.0, "length": 0.8,
        "amplitude": 0.8, "highPassHz": 40.0, "lowPassHz": 8000.0, "filterOrder": 8, "noiseSeed": 12345}]}
      """;

  @Test
  void parsesEveryField() {
    Program p = ProgramJson.parse(VALID);
    Submodule s = p.submodules().get(0);
    assertThat(s.oscillator()).isEqualTo(Oscillator.SAW);
    assertThat(s.pitches()).containsExactly(65.41, 130.81);
    assertThat(s.attack()).isEqualTo(0.1);
    assertThat(s.length()).isEqualTo(0.8);
    assertThat(s.lowPassHz()).isEqualTo(8000.0);
    assertThat(s.filterOrder()).isEqualTo(8);
    assertThat(s.noiseSeed()).isEqualTo(12345);
  }

  @Test
  void roundTripsGeneratedProgramsExactly() {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    for (int i = 0; i < 200; i++) {
      Program p = generator.generate(-3, i);
      assertThat(ProgramJson.parse(ProgramJson.toJson(p))).isEqualTo(p);
      assertThat(ProgramJson.parse(ProgramJson.toPrettyJson(p))).isEqualTo(p);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "syntax error          | {\"submodules\": [}                            | not valid JSON",
      "unknown oscillator    | \"oscillator\": \"saw\" => \"oscillator\": \"triangle\" | submodules[0].oscillator: unknown oscillator \"triangle\"; expected one of sine, square, saw",
      "NaN                   | \"attack\": 0.1 => \"attack\": NaN            | submodules[0].attack: NaN is not a finite number",
      "attack out of range   | \"attack\": 0.1 => \"attack\": 3.5            | submodules[0].attack: 3.5 is out of range; expected 0.0..3.0 seconds",
      "amplitude too low     | \"amplitude\": 0.8 => \"amplitude\": 0.05     | submodules[0].amplitude: 0.05 is out of range; expected 0.1..1.0",
      "low-pass below high   | \"lowPassHz\": 8000.0 => \"lowPassHz\": 30.0  | submodules[0].lowPassHz: 30.0 is below highPassHz 40.0",
      "cutoff above limit    | \"lowPassHz\": 8000.0 => \"lowPassHz\": 24000 | submodules[0].lowPassHz: 24000.0 is out of range",
      "bad filter order      | \"filterOrder\": 8 => \"filterOrder\": 6      | submodules[0].filterOrder: 6 is not allowed; expected 4, 8 or 16",
      "start plus length     | \"start\": 0.0 => \"start\": 0.5              | submodules[0].length: start + length = 1.3",
      "pitch below C0        | [65.41, 130.81] => [10, 130.81]             | submodules[0].pitches[0]: 10.0 is out of range",
      "too many pitches      | [65.41, 130.81] => [65, 66, 67, 68, 69]     | submodules[0].pitches: 5 pitches; expected 1..4",
      "unknown field         | \"noise\": false => \"noize\": false          | submodules[0].noize: unknown field",
      "wrong type            | \"noise\": false => \"noise\": \"no\"         | submodules[0].noise: expected true or false",
      "string number         | \"decay\": 0.3 => \"decay\": \"0.3\"          | submodules[0].decay: expected a number",
      "empty stack           | EMPTY                                       | submodules: empty stack",
      "missing field         | \"release\": 0.2, => NOTHING                | submodules[0].release: missing",
  })
  void rejectsBadProgramsNamingTheFieldAndRange(String name, String edit, String message) {
    String json;
    if (edit.startsWith("{")) {
      json = edit;
    } else if (edit.equals("EMPTY")) {
      json = "{\"submodules\": []}";
    } else {
      String[] parts = edit.split(" => ", -1);
      assertThat(VALID).contains(parts[0]);
      json = VALID.replace(parts[0], parts[1].equals("NOTHING") ? "" : parts[1]);
    }
    assertThatThrownBy(() -> ProgramJson.parse(json))
        .isInstanceOf(InvalidProgramException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aNoiseCloudNeedsItsSeedButAToneDoesNot() {
    String tone = VALID.replace(", \"noiseSeed\": 12345", "");
    assertThat(ProgramJson.parse(tone).submodules().get(0).noiseSeed()).isZero();
    String cloud = tone.replace("\"noise\": false", "\"noise\": true");
    assertThatThrownBy(() -> ProgramJson.parse(cloud)).hasMessageContaining("submodules[0].noiseSeed: missing");
  }
}
