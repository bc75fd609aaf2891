package claimsweep.spec;

import java.util.Objects;

/**
 * What a run does beyond plain training: an emulated training-loop bug (claim B8) and the transfer
 * task (claim A9).
 *
 * @param bug           the emulated bug
 * @param targetLabels  labelled images per target class (5-9) of the transfer task; 0: the 10-class task
 * @param transfer      whether to pretrain on the source classes first
 * @param pretrainSteps steps of pretraining
 * @param bnStats       BatchNorm statistics while fine-tuning
 */
public record Treatments(Bug bug, int targetLabels, Transfer transfer, long pretrainSteps, BnStats bnStats) {
    public Treatments {
        Objects.requireNonNull(bug);
        Objects.requireNonNull(transfer);
        Objects.requireNonNull(bnStats);
    }

    public boolean transferTask() {
        return targetLabels > 0;
    }

    /** The emulated training-loop bugs of claim B8 (their behaviour: claimsweep.train.Bugs). */
    public enum Bug implements Choice {
        NONE, MISALIGNED, TEST_NORM, SUM_LOSS,
        NO_ZERO_GRAD, BN_TRAIN_AT_TEST,
        BN_TRAIN_AT_TEST_SORTED,
        /** BatchNorm in inference mode while training (running statistics, left at their initial 0 and 1). */
        BN_EVAL_IN_TRAINING,
        /** The optimizer step taken before the backward pass: each update uses the previous minibatch's gradient. */
        STALE_GRAD,
        /** A loss that returns a constant: zero gradient, nothing learns. */
        CONSTANT_LOSS;
    }

    /** none (train the target task from scratch) or pretrain on the source classes first. */
    public enum Transfer implements Choice {
        NONE, PRETRAIN;
    }

    /**
     * BatchNorm statistics while fine-tuning: batch ones, the pretrained ones frozen, frozen then
     * re-estimated on the target images after fine-tuning, or (AdaBN, Li et al. 2016) re-estimated on
     * the target images before fine-tuning and frozen during it.
     */
    public enum BnStats implements Choice {
        TRAIN, FROZEN, REESTIMATE, ADABN;
    }
}
