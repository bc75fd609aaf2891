package claimsweep.spec;

import java.util.Objects;

/**
 * The network a run trains: family, size, activation, normalization, initialization, dropout and
 * output loss. Built from a {@link RunSpec} by {@link RunConfig#of}.
 *
 * @param family     mlp (depth x width), cnn (fixed), rnn (depth SimpleRnn layers of width units)
 * @param depth      hidden layers of the mlp / recurrent layers of the rnn
 * @param width      units per hidden layer
 * @param activation hidden-layer activation
 * @param norm       normalization after each hidden layer
 * @param init       weight initialization of every weight layer
 * @param dropout    probability of dropping each hidden unit while training
 * @param loss       output activation and loss
 * @param rnnNorm    normalization inside each recurrent layer of the rnn (claim A6)
 * @param denseNorm  the cnn's dense layer: the same normalization as its conv layers, or none (claim A5)
 */
public record ModelConfig(Family family, int depth, int width, Activation activation, NormSpec norm, InitSpec init,
                          double dropout, Loss loss, RnnNorm rnnNorm, DenseNorm denseNorm) {
    public ModelConfig {
        Objects.requireNonNull(family);
        Objects.requireNonNull(activation);
        Objects.requireNonNull(norm);
        Objects.requireNonNull(init);
        Objects.requireNonNull(loss);
        Objects.requireNonNull(rnnNorm);
        Objects.requireNonNull(denseNorm);
    }

    /** The normalization of the cnn's dense layer's, given the conv layers' {@code norm}. */
    public NormSpec cnnDenseNorm() {
        return denseNorm == DenseNorm.NONE ? NormSpec.parse("none") : norm;
    }

    /**
     * The cnn's dense layer: normalized like its conv layers (same), or not at all (none). BatchNorm
     * over a dense layer sees one value per example and feature, so at batch 2 it outputs exactly
     * +-1 and passes back almost no gradient; conv BatchNorm pools over H x W positions too. A
     * small-batch claim about conv BatchNorm (A5, Wu &amp; He 2018) needs the dense layer left alone.
     */
    public enum DenseNorm implements Choice {
        SAME, NONE;
    }

    /** In-recurrence normalization: LayerNorm (Ba et al. 2016), BatchNorm per time step (Cooijmans et al. 2017). */
    public enum RnnNorm implements Choice {
        NONE, LAYER, BATCH_STEP;
    }

    public enum Family implements Choice {
        MLP, CNN, RNN;
    }

    public enum Activation implements Choice {
        RELU, TANH, SIGMOID, LEAKYRELU;
    }

    /** ce = softmax + cross-entropy, mse = softmax + MSE, linear-mse = identity outputs + MSE (claim B5). */
    public enum Loss implements Choice {
        CE, MSE,
        LINEAR_MSE {
            @Override
            public String key() {
                return "linear-mse";
            }
        }
    }
}
