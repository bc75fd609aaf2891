package claimsweep;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's default types set to double around each test and restored after: DL4J's gradient checker
 * needs double precision throughout. Use with {@code @ExtendWith(DoublePrecision.class)} on a test
 * class or method.
 */
public final class DoublePrecision implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DoublePrecision.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("saved", new DataType[] {Nd4j.dataType(), Nd4j.defaultFloatingPointType()});
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        DataType[] saved = context.getStore(NS).remove("saved", DataType[].class);
        Nd4j.setDefaultDataTypes(saved[0], saved[1]);
    }
}
