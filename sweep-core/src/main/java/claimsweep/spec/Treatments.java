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
        NONE("none"), MISALIGNED("misaligned"), TEST_NORM("test_norm"), SUM_LOSS("sum_loss"),
        NO_ZERO_GRAD("no_zero_grad"), BN_TRAIN_AT_TEST("bn_train_at_test"),
        BN_TRAIN_AT_TEST_SORTED("bn_train_at_test_sorted");

        private final String key;

        Bug(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    /** none (train the target task from scratch) or pretrain on the source classes first. */
    public enum Transfer implements Choice {
        NONE("none"), PRETRAIN("pretrain");

        private final String key;

        Transfer(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    /** BatchNorm statistics while fine-tuning: batch ones, the pretrained ones frozen, or frozen then re-estimated. */
    public enum BnStats implements Choice {
        TRAIN("train"), FROZEN("frozen"), REESTIMATE("reestimate");

        private final String key;

        BnStats(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }
}
