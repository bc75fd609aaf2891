package claimsweep.train;

import claimsweep.Runs;
import claimsweep.TestData;
import claimsweep.data.Dataset;
import claimsweep.result.RunResult;
import claimsweep.result.RunStatus;
import claimsweep.spec.RunSpec;
import claimsweep.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** remedy = smote on a real Fashion-MNIST subset with imbalance 50: the data it trains on, and a short run. */
class SmoteRunTest {
    @Test
    void aFashionMnistSubsetWithImbalanceFiftyTrainsWithSmote() {
        Dataset data = TestData.load("fashion-mnist");
        RunSpec run = Runs.small("imbalance=50", "remedy=smote");
        RunSpec plain = Runs.small("imbalance=50");
        RunData d = RunData.prepare(run.config(), Bugs.of(run.config()), data);
        RunData p = RunData.prepare(plain.config(), Bugs.of(plain.config()), data);
        int[] count = new int[10];
        for (int y : d.trainY()) count[y]++;
        int[] before = new int[10];
        for (int y : p.trainY()) before[y]++;
        double majority = Arrays.stream(before, 5, 10).average().orElseThrow();
        for (int c = 0; c < 5; c++) {
            assertTrue(before[c] <= 5, "imbalance 50 leaves class " + c + " " + before[c] + " examples");
            assertEquals(Math.round(majority), count[c], "class " + c + " after SMOTE");
        }
        assertArrayEquals(Arrays.copyOfRange(before, 5, 10), Arrays.copyOfRange(count, 5, 10));
        assertArrayEquals(p.trainX(), Arrays.copyOf(d.trainX(), p.trainX().length), "real rows first, unchanged");
        for (float v : d.trainX()) assertTrue(v >= 0 && v <= 1, "scaled synthetic pixel " + v);
        RunResult r = new Trainer().train(run, data, new Trainer.Context("h", "c", "host"));
        assertEquals(RunStatus.OK, r.status(), r.reason());
        assertTrue(r.testAcc() > 0.3, "test accuracy " + r.testAcc());
        var e = assertThrows(SpecException.class, () -> Runs.small("remedy=smote", "target_labels=20"));
        assertTrue(e.getMessage().contains("remedy = smote only without a transfer task"), e.getMessage());
    }
}
