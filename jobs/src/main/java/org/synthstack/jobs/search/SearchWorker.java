package org.synthstack.jobs.search;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.features.BehaviourDescriptors;
import org.synthstack.jobs.render.ProgramFeaturizer;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.SynthLimits;

/**
 * The per-task worker of the search: renders candidate programs a batch at a time through the
 * {@link ProgramFeaturizer} every sound-making job uses, and adds their {@link BehaviourDescriptors}.
 */
final class SearchWorker implements MapPartitionsFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;

  /** What the driver ships: the candidate's index and its program JSON. */
  static final StructType INPUT = new StructType()
      .add("index", DataTypes.LongType, false)
      .add("program_json", DataTypes.StringType, false);

  /** What the worker returns, ready for the ear. */
  static final StructType OUTPUT = new StructType()
      .add("index", DataTypes.LongType, false)
      .add(ProgramRows.FEATURES.fields()[0])
      .add(ProgramRows.FEATURES.fields()[1])
      .add(ProgramRows.FEATURES.fields()[2])
      .add("silent", DataTypes.BooleanType, false)
      .add("descriptors", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  private final RenderSettings settings;

  SearchWorker(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    ProgramFeaturizer featurizer = new ProgramFeaturizer(settings);
    BehaviourDescriptors descriptors = new BehaviourDescriptors();
    ArrayDeque<Row> ready = new ArrayDeque<>();
    List<Program> programs = new ArrayList<>(ProgramFeaturizer.BATCH);
    long[] indices = new long[ProgramFeaturizer.BATCH];
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (ready.isEmpty() && input.hasNext()) {
          programs.clear();
          while (programs.size() < ProgramFeaturizer.BATCH && input.hasNext()) {
            Row r = input.next();
            indices[programs.size()] = r.getLong(0);
            programs.add(ProgramJson.parse(r.getString(1)));
          }
          featurizer.process(programs, indices, rendered -> ready.add(RowFactory.create(rendered.index(),
              rendered.features().envelope(), rendered.features().frequency(), rendered.features().spectrum(),
              rendered.stats().silent(), descriptors.compute(rendered.audio(), SynthLimits.FRAMES))));
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }
}
