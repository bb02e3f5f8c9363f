package org.synthstack.optimize.bayes;

import org.synthstack.optimize.gp.GaussianProcess;

/**
 * How a q-point batch is built: after each chosen point the model is updated with a fictitious
 * observation there (hyperparameters kept) and the acquisition is maximised again (Ginsbourger, Le
 * Riche &amp; Carraro 2010).
 */
public enum BatchStrategy {
    /** Kriging believer: the fictitious value is the current model's mean at the point. */
    KRIGING_BELIEVER {
        @Override
        double lie(GaussianProcess model, double[] point, double[] observed) {
            return model.predict(point).mean();
        }
    },
    /** Constant liar with the smallest observed value: the most exploratory lie. */
    CONSTANT_LIAR_MIN {
        @Override
        double lie(GaussianProcess model, double[] point, double[] observed) {
            double m = Double.POSITIVE_INFINITY;
            for (double v : observed) {
                m = Math.min(m, v);
            }
            return m;
        }
    },
    /** Constant liar with the mean observed value. */
    CONSTANT_LIAR_MEAN {
        @Override
        double lie(GaussianProcess model, double[] point, double[] observed) {
            double s = 0;
            for (double v : observed) {
                s += v;
            }
            return s / observed.length;
        }
    },
    /** Constant liar with the largest observed value: the most conservative lie. */
    CONSTANT_LIAR_MAX {
        @Override
        double lie(GaussianProcess model, double[] point, double[] observed) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : observed) {
                m = Math.max(m, v);
            }
            return m;
        }
    };

    /** The fictitious observation at {@code point} (model input units), given the real (penalised) values. */
    abstract double lie(GaussianProcess model, double[] point, double[] observed);
}
