package org.synthstack.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.features.EarFeatures;
import org.synthstack.synth.Oscillator;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.Submodule;

/**
 * The Parquet schema of rendered programs ({@code synth_programs} in the data catalog) and the codec between its
 * rows and the domain types. The {@code program} struct mirrors the program JSON field for field, so
 * {@code to_json(program)} in SQL gives the editable document.
 */
public final class ProgramRows {
  public static final StructType SUBMODULE = new StructType()
      .add("oscillator", DataTypes.StringType, false)
      .add("noise", DataTypes.BooleanType, false)
      .add("pitches", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("attack", DataTypes.DoubleType, false)
      .add("decay", DataTypes.DoubleType, false)
      .add("sustain", DataTypes.DoubleType, false)
      .add("release", DataTypes.DoubleType, false)
      .add("start", DataTypes.DoubleType, false)
      .add("length", DataTypes.DoubleType, false)
      .add("amplitude", DataTypes.DoubleType, false)
      .add("highPassHz", DataTypes.DoubleType, false)
      .add("lowPassHz", DataTypes.DoubleType, false)
      .add("filterOrder", DataTypes.IntegerType, false)
      .add("noiseSeed", DataTypes.LongType, false);

  public static final StructType PROGRAM = new StructType()
      .add("submodules", DataTypes.createArrayType(SUBMODULE, false), false);

  private static final ArrayType FLOATS = DataTypes.createArrayType(DataTypes.FloatType, false);

  /** Ear feature columns, shared by every table that carries features. */
  public static final StructType FEATURES = new StructType()
      .add("envelope", FLOATS, false)
      .add("frequency", FLOATS, false)
      .add("spectrum", DataTypes.createArrayType(FLOATS, false), false);

  public static final StructType SCHEMA = new StructType()
      .add("program_id", DataTypes.StringType, false)
      .add("run_seed", DataTypes.LongType, false)
      .add("program_index", DataTypes.LongType, false)
      .add("stack_size", DataTypes.IntegerType, false)
      .add("program", PROGRAM, false)
      .add("program_json", DataTypes.StringType, false)
      .add(FEATURES.fields()[0])
      .add(FEATURES.fields()[1])
      .add(FEATURES.fields()[2])
      .add("peak", DataTypes.DoubleType, false)
      .add("rms", DataTypes.DoubleType, false)
      .add("silent", DataTypes.BooleanType, false);

  private ProgramRows() {}

  /** The id of program {@code index} of the run with {@code seed}: stable, readable, usable as a file name. */
  public static String programId(long seed, long index) {
    return "s" + seed + "_i" + index;
  }

  public static Row toRow(long seed, long index, Program program, EarFeatures features, double peak, double rms,
      boolean silent) {
    return RowFactory.create(programId(seed, index), seed, index, program.stackSize(), programStruct(program),
        ProgramJson.toJson(program), features.envelope(), features.frequency(), features.spectrum(), peak, rms,
        silent);
  }

  public static Row programStruct(Program program) {
    // An array, not a java.util.List: Spark's row encoder accepts arrays and Scala sequences only.
    Row[] submodules = new Row[program.stackSize()];
    for (int i = 0; i < submodules.length; i++) {
      Submodule s = program.submodules().get(i);
      submodules[i] = RowFactory.create(s.oscillator().jsonName(), s.noise(), s.pitches(), s.attack(), s.decay(),
          s.sustain(), s.release(), s.start(), s.length(), s.amplitude(), s.highPassHz(), s.lowPassHz(),
          s.filterOrder(), s.noiseSeed());
    }
    return RowFactory.create((Object) submodules);
  }

  /** Reads a {@code program} struct back. */
  public static Program program(Row struct) {
    List<Row> rows = struct.getList(0);
    List<Submodule> submodules = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      List<Double> pitchList = r.getList(2);
      double[] pitches = new double[pitchList.size()];
      for (int k = 0; k < pitches.length; k++) {
        pitches[k] = pitchList.get(k);
      }
      submodules.add(Submodule.validated("submodules[" + i + "]", Oscillator.fromJsonName(r.getString(0)),
          r.getBoolean(1), pitches, r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6),
          r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11), r.getInt(12),
          r.getLong(13)));
    }
    return new Program(submodules);
  }

  /** The Spark type of a feature column, by name. */
  public static DataType featureType(String name) {
    return FEATURES.apply(name).dataType();
  }
}
