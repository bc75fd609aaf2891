package claimsweep.model;

import claimsweep.model.layers.GroupNormalization;

import claimsweep.model.fused.FastGroupNorm;

import claimsweep.model.fused.FastBatchNorm;
import claimsweep.model.fused.FastConv;
import claimsweep.model.fused.FastDense;
import claimsweep.model.fused.FastMaxPool;
import claimsweep.model.fused.FastOutput;
import claimsweep.model.fused.FastRnn;
import claimsweep.model.fused.FusedLayers;
import claimsweep.model.fused.Momentum;
import claimsweep.model.fused.OneDnnHelpers;
import claimsweep.model.fused.SweepNetwork;

import claimsweep.data.DatasetCatalog;
import claimsweep.spec.ModelConfig;
import claimsweep.spec.OptimConfig;
import claimsweep.spec.RunConfig;
import claimsweep.spec.RunSpec;
import claimsweep.spec.Treatments;
import claimsweep.spec.InitSpec;
import claimsweep.spec.NormSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the DL4J network a run asks for. Pure: the same run spec gives the same configuration
 * (and, through the seed, the same initial weights).
 *
 * <p>Normalization sits between each hidden linear/conv layer and its activation
 * (linear -> norm -> activation), as in Ioffe &amp; Szegedy; without normalization the activation is
 * fused into the linear layer.
 */
public final class NetworkFactory {
    private NetworkFactory() {}

    public static MultiLayerNetwork build(RunSpec run) {
        return build(run, DataType.FLOAT, null);
    }

    /** With per-class loss weights (the class-weighted remedy), or null for the plain loss. */
    public static MultiLayerNetwork build(RunSpec run, double[] classWeights) {
        return build(run, DataType.FLOAT, classWeights);
    }

    public static MultiLayerNetwork build(RunSpec run, DataType dataType) {
        return build(run, dataType, null);
    }

    public static MultiLayerNetwork build(RunSpec run, DataType dataType, double[] classWeights) {
        return build(run, dataType, classWeights, null);
    }

    public static MultiLayerNetwork build(RunSpec run, DataType dataType, double[] classWeights, ISchedule schedule) {
        return build(run.config(), dataType, classWeights, schedule);
    }

    /** With a learning-rate schedule for the updater (null: the constant lr). */
    public static MultiLayerNetwork build(RunConfig run, DataType dataType, double[] classWeights, ISchedule schedule) {
        MultiLayerNetwork net = new SweepNetwork(configure(run, dataType, classWeights, schedule));
        net.init();
        OneDnnHelpers.install(net);
        return net;
    }

    public static MultiLayerConfiguration configure(RunSpec run, DataType dataType) {
        return configure(run, dataType, null);
    }

    public static MultiLayerConfiguration configure(RunSpec run, DataType dataType, double[] classWeights) {
        return configure(run, dataType, classWeights, null);
    }

    public static MultiLayerConfiguration configure(RunSpec run, DataType dataType, double[] classWeights,
                                                    ISchedule schedule) {
        return configure(run.config(), dataType, classWeights, schedule);
    }

    public static MultiLayerConfiguration configure(RunConfig run, DataType dataType, double[] classWeights,
                                                    ISchedule schedule) {
        ModelConfig model = run.model();
        OptimConfig optim = run.optim();
        NormSpec norm = model.norm();
        Activation act = activation(model.activation());
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(run.seeds().init())
                .dataType(dataType)
                .updater(updater(optim, run.treatments().bug(), schedule))
                .weightInit(weightInit(model.init()))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        switch (optim.clip()) {
            case NONE -> { }
            case NORM -> b.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(optim.clipAt());
            case VALUE -> b.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(optim.clipAt());
        }

        double dropout = model.dropout();
        List<Layer> layers = new ArrayList<>();
        java.util.Map<Integer, org.deeplearning4j.nn.conf.InputPreProcessor> rnnPreprocessors = new java.util.HashMap<>();
        InputType input;
        switch (model.family()) {
            case MLP -> {
                input = InputType.feedForward((long) DatasetCatalog.ROWS * DatasetCatalog.COLS);
                int width = model.width();
                for (int i = 0; i < model.depth(); i++) {
                    layers.add(dense(width, preNormActivation(norm, act), i == 0 ? 0 : dropout));
                    addNormAndActivation(layers, norm, act, width);
                }
            }
            case CNN -> {
                input = InputType.convolutionalFlat(DatasetCatalog.ROWS, DatasetCatalog.COLS, 1);
                for (int channels : new int[] {Architectures.CNN_CONV1, Architectures.CNN_CONV2}) {
                    ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(Architectures.CNN_KERNEL, Architectures.CNN_KERNEL)
                            .nOut(channels).stride(1, 1).convolutionMode(ConvolutionMode.Same)
                            .activation(preNormActivation(norm, act));
                    // FastConv: DL4J's convolution with a leaner backward pass (FastConvTest)
                    layers.add(FusedLayers.enabled("conv") ? FastConv.of(conv) : conv.build());
                    addNormAndActivation(layers, norm, act, channels);
                    // FastMaxPool: the same 2x2 max pooling in Java loops (FastMaxPoolTest), host only
                    layers.add(FusedLayers.enabled("maxpool") ? new FastMaxPool.Builder().build()
                            : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
                }
                NormSpec denseNorm = model.cnnDenseNorm(); // dense_norm = none: conv-only normalization (claim A5)
                layers.add(dense(Architectures.CNN_DENSE, preNormActivation(denseNorm, act), dropout));
                addNormAndActivation(layers, denseNorm, act, Architectures.CNN_DENSE);
            }
            case RNN -> {
                // The image's rows as a sequence (RowsAsSequence); depth SimpleRnn layers of width
                // units; the last one read at its last time step. The normalization sits between
                // the recurrent layers, on each layer's output sequence flattened to [minibatch x
                // time, units] (DL4J's BatchNormalization rejects recurrent input): BatchNorm with
                // statistics shared over batch and time ("sequence-wise" BN, Laurent et al. 2016),
                // LayerNorm over the units of each example at each time step. Same place, different
                // statistics, so the comparison isolates the statistics.
                input = InputType.feedForward((long) DatasetCatalog.ROWS * DatasetCatalog.COLS);
                int width = model.width();
                int depth = model.depth();
                // FastRnn: the same model with fused steps and the in-recurrence norms (RnnLayers, FastRnnTest)
                FastRnn.Norm rnnNorm = FastRnn.Norm.valueOf(model.rnnNorm().name());
                if (RnnLayers.fused(rnnNorm)) {
                    RnnLayers.add(layers, rnnPreprocessors, depth, width, act, norm, rnnNorm);
                    break;
                }
                for (int i = 0; i < depth; i++) {
                    Layer rnn = new SimpleRnn.Builder().nOut(width).activation(act).dataFormat(RNNFormat.NCW).build();
                    if (i == depth - 1) {
                        layers.add(new LastTimeStep(rnn));
                    } else {
                        layers.add(rnn);
                        if (norm.kind() != NormSpec.Kind.NONE) {
                            rnnPreprocessors.put(layers.size(), new RnnToFeedForwardPreProcessor(RNNFormat.NCW));
                            layers.add(normLayer(norm, width));
                            rnnPreprocessors.put(layers.size(), new FeedForwardToRnnPreProcessor(RNNFormat.NCW));
                        }
                    }
                }
                rnnPreprocessors.put(0, new RowsAsSequence(DatasetCatalog.ROWS, DatasetCatalog.COLS));
            }
            default -> throw new IllegalStateException("unhandled model family " + model.family());
        }
        // Class weights (remedy = weighted) scale each example's cross-entropy by its class's weight.
        // FastOutput fuses softmax + cross-entropy on the host (FastOutputTest proves it equal to
        // OutputLayer); on the CUDA backend DL4J's own layer runs, as for the other fused layers.
        ILossFunction loss = lossFunction(model.loss(), classWeights, dataType);
        layers.add((FusedLayers.enabled("output") ? new FastOutput.Builder(loss) : new OutputLayer.Builder(loss))
                .nOut(DatasetCatalog.CLASSES).activation(model.loss() == ModelConfig.Loss.LINEAR_MSE
                        ? Activation.IDENTITY : Activation.SOFTMAX)
                .dropOut(dropout > 0 ? 1 - dropout : 0).build());

        NeuralNetConfiguration.ListBuilder list = b.list();
        for (int i = 0; i < layers.size(); i++) list.layer(i, layers.get(i));
        rnnPreprocessors.forEach(list::inputPreProcessor);
        MultiLayerConfiguration conf = list.setInputType(input).build();
        setRegularization(conf, optim);
        return conf;
    }

    /**
     * A hidden dense layer. DL4J applies a layer's dropout to its input, so dropping hidden units
     * means dropout on every layer after the first (and on the output layer); the pixels are never
     * dropped. Dropout needs DL4J's DenseLayer; without it the fused FastDense is used.
     */
    private static Layer dense(int width, Activation activation, double dropout) {
        if (dropout > 0) {
            return new DenseLayer.Builder().nOut(width).activation(activation).dropOut(1 - dropout).build();
        }
        // the fused layers compute on the host with OpenBLAS: on the CUDA backend DL4J's own layers run
        if (!FusedLayers.enabled("dense")) return new DenseLayer.Builder().nOut(width).activation(activation).build();
        return new FastDense.Builder().nOut(width).activation(activation).build();
    }

    private static Activation preNormActivation(NormSpec norm, Activation act) {
        return norm.kind() == NormSpec.Kind.NONE ? act : Activation.IDENTITY;
    }

    private static void addNormAndActivation(List<Layer> layers, NormSpec norm, Activation act, int channels) {
        if (norm.kind() == NormSpec.Kind.NONE) return;
        if (norm.kind() == NormSpec.Kind.BATCH && FusedLayers.enabled("batchnorm")) {
            // DL4J's BatchNormalization + ActivationLayer, fused, for dense and NCHW input
            // (FastBatchNormTest proves them equal)
            layers.add(FastBatchNorm.withActivation(act.getActivationFunction()));
            return;
        }
        if (norm.isGroupFamily() && FusedLayers.enabled("groupnorm")) {
            // GroupNormalization (also LayerNorm, InstanceNorm) + ActivationLayer, fused (FastGroupNormTest)
            layers.add(FastGroupNorm.of(norm.groupsFor(channels), act.getActivationFunction()));
            return;
        }
        layers.add(normLayer(norm, channels));
        layers.add(new ActivationLayer.Builder().activation(act).build());
    }

    /** The normalization layer for {@code channels} channels (or units). */
    public static Layer normLayer(NormSpec norm, int channels) {
        return switch (norm.kind()) {
            case BATCH -> new BatchNormalization.Builder().build();
            case LAYER, GROUP, INSTANCE -> new GroupNormalization.Builder().groups(norm.groupsFor(channels)).build();
            case NONE -> throw new IllegalArgumentException("no layer for norm none");
        };
    }

    static Activation activation(ModelConfig.Activation a) {
        return switch (a) {
            case RELU -> Activation.RELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case LEAKYRELU -> Activation.LEAKYRELU;
        };
    }

    /** xavier: N(0, 2/(fan_in+fan_out)); he: N(0, 2/fan_in); normal(s): N(0, s^2); uniform(a): U(-a, a). */
    static IWeightInit weightInit(InitSpec init) {
        return switch (init.kind()) {
            case XAVIER -> WeightInit.XAVIER.getWeightInitFunction();
            case HE -> WeightInit.RELU.getWeightInitFunction();
            case NORMAL -> new WeightInitDistribution(new NormalDistribution(0, init.scale()));
            case UNIFORM -> new WeightInitDistribution(new UniformDistribution(-init.scale(), init.scale()));
        };
    }

    /**
     * L2 (coupled: added to the gradient) and decoupled weight decay (Loshchilov & Hutter: DL4J's
     * WeightDecay subtracts lr * wd * w after the updater), on weights only, set on each layer.
     * Not through the global builder: DL4J 1.0.0-M2.1 copies a global weightDecay/l2 into each
     * layer twice, doubling the coefficient (measured: a step off by 2 lr wd w;
     * OptimizationFactorsTest pins the exact value), and its weightDecay() silently drops l2.
     */
    private static void setRegularization(MultiLayerConfiguration conf, OptimConfig optim) {
        List<Regularization> regs = new ArrayList<>();
        double l2 = optim.l2();
        if (l2 > 0) regs.add(new L2Regularization(l2));
        double wd = optim.weightDecay();
        if (wd > 0) regs.add(new WeightDecay(wd, true));
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer bl
                    && !(c.getLayer() instanceof BatchNormalization)) {
                bl.setRegularization(new ArrayList<>(regs));
                bl.setRegularizationBias(new ArrayList<>());
            }
        }
    }

    /**
     * The output loss (claim B5): ce = softmax + cross-entropy, mse = softmax + mean squared error,
     * linear-mse = identity outputs + mean squared error, all against one-hot targets; class
     * weights (remedy = weighted) scale each example's loss by its class's weight.
     */
    static ILossFunction lossFunction(ModelConfig.Loss loss, double[] classWeights, DataType dataType) {
        INDArray w = classWeights == null ? null
                : Nd4j.create(classWeights).castTo(dataType).reshape(1, classWeights.length);
        return switch (loss) {
            case CE -> w == null ? new LossMCXENT() : new LossMCXENT(w);
            case MSE, LINEAR_MSE -> w == null ? new LossMSE() : new LossMSE(w);
        };
    }

    /** The decoupled weight decay a run applies (adamw defaults it; see OptimConfig). */
    static double weightDecay(RunSpec run) {
        return run.config().optim().weightDecay();
    }

    static IUpdater updater(OptimConfig optim, Treatments.Bug bug, ISchedule schedule) {
        double lr = optim.lr();
        IUpdater u = switch (optim.optimizer()) {
            // never-zeroed gradients: the step uses the sum of every gradient so far, which is
            // heavy-ball momentum with mu = 1 (v = v + g; w -= lr v)
            case SGD -> bug == Treatments.Bug.NO_ZERO_GRAD ? new Momentum(lr, 1.0) : new Sgd(lr);
            case MOMENTUM -> new Momentum(lr, optim.momentum());
            case NESTEROV -> new Nesterovs(lr, optim.momentum());
            case RMSPROP -> new RmsProp(lr);
            case ADAM, ADAMW -> new Adam(lr);
        };
        if (schedule != null) u.setLrAndSchedule(lr, schedule);
        return u;
    }
}
