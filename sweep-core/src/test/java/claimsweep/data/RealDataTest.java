package claimsweep.data;

import claimsweep.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The fetched data sets are what the docs say they are. */
class RealDataTest {
    @Test
    void fashionMnistHasTheDocumentedBalancedSplit() {
        Dataset d = TestData.load("fashion-mnist");
        assertEquals(60_000, d.train().count());
        assertEquals(10_000, d.test().count());
        int[] train = new int[10];
        int[] test = new int[10];
        for (int y : d.train().labelArray()) train[y]++;
        for (int y : d.test().labelArray()) test[y]++;
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train[c], "class " + c);
            assertEquals(1000, test[c], "class " + c);
        }
    }

    @Test
    void mnistHasTheDocumentedSizes() {
        Dataset d = TestData.load("mnist");
        assertEquals(8004, d.train().count());
        assertEquals(1996, d.test().count());
        assertEquals(DatasetCatalog.info("mnist").trainCount(), d.train().count());
    }
}
