package claimsweep.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Collections;
import java.util.Map;


/**
 * Classical (heavy-ball) SGD momentum as PyTorch's {@code SGD(momentum=mu)} defines it:
 * {@code v = mu * v + g; p -= lr * v}. DL4J 1.0.0-M2.1 only ships the Nesterov variant, and the
 * articles' "SGD + momentum" means this one.
 */
public final class Momentum implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private double momentum;

    /** For Jackson. */
    public Momentum() {
        this(0.01, 0.9);
    }

    public Momentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public void setLearningRateSchedule(ISchedule s) {
        this.learningRateSchedule = s;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<Momentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<Momentum> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public Momentum clone() {
        Momentum m = new Momentum(learningRate, momentum);
        m.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return m;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Momentum m && m.learningRate == learningRate && m.momentum == momentum
                && java.util.Objects.equals(m.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(learningRate, momentum, learningRateSchedule);
    }

    @Override
    public String toString() {
        return "Momentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }

    /** The per-parameter-block state: the velocity, a view into DL4J's updater state array. */
    static final class Updater implements GradientUpdater<Momentum> {
        static final String V = "V";
        private final Momentum config;
        private INDArray v;

        Updater(Momentum config) {
            this.config = config;
        }

        @Override
        public Momentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (!stateMap.containsKey(V) || stateMap.size() != 1) {
                throw new IllegalStateException("momentum state must hold only " + V + ", got " + stateMap.keySet());
            }
            v = stateMap.get(V);
            if (initialize) v.assign(0);
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.singletonMap(V, v);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) viewArray.assign(0);
            v = viewArray.reshape(viewArray.length());
        }

        /** Turns the gradient into the step DL4J subtracts: {@code lr * (mu * v + g)}, keeping v. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            INDArray g = gradient.reshape(v.shape());
            if (Native.level1(g, v)) {
                // as three in-place OpenBLAS level-1 calls: the ND4J ops cost ~30 us each in fixed
                // overhead (op context, shape checks), a cblas call through JavaCPP ~1 us. A single
                // Java loop was slower still: its bulk copies in and out of the native memory cost
                // more than the passes they replace (docs/perf.md, session 5). The new velocity
                // is formed in g (g += mu v) rather than in v (v *= mu; v += g): one pass fewer.
                Native.axpy(config.momentum, v, g);
                Native.copy(g, v);
                Native.scal(lr, g);
            } else {
                v.muli(config.momentum).addi(g);
                g.assign(v).muli(lr);
            }
        }
    }
}
