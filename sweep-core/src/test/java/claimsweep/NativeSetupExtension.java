package claimsweep;

import claimsweep.backend.NativeSetup;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Applies the native settings before any test loads ND4J, as the trainer does in production. */
public final class NativeSetupExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        NativeSetup.configure();
    }
}
