package claimsweep;

import claimsweep.spec.RunSpec;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package boundaries of docs/architecture.md, checked on sweep-core's compiled main classes.
 * Each rule names the reason it exists; a new import that breaks one fails here, not in review.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("claimsweep");

    /** The engine that decides (spec, expand, result, claims, stats) runs without a training library or Spark. */
    @Test
    void theDecidingEngineImportsNoTrainingLibraryAndNoSpark() {
        noClasses().that().resideInAnyPackage("claimsweep.spec..", "claimsweep.expand..", "claimsweep.result..",
                        "claimsweep.claims..", "claimsweep.stats..", "claimsweep.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..",
                        "org.apache.spark..", "org.bytedeco..")
                .because("claims and specs must be testable in milliseconds and reimplementable without DL4J")
                .check(CORE);
    }

    /** Nothing in sweep-core knows about Spark: tasks call plain functions. */
    @Test
    void sweepCoreHasNoSpark() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..")
                .check(CORE);
    }

    /** Models are built from specs; training uses models, never the reverse. */
    @Test
    void modelsDoNotKnowTraining() {
        noClasses().that().resideInAnyPackage("claimsweep.model..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.train..", "claimsweep.bench..",
                        "claimsweep.expand..", "claimsweep.claims..")
                .check(CORE);
    }

    /** The fused kernels replace DL4J layers one for one; they know nothing of architectures or specs. */
    @Test
    void fusedKernelsSitBelowTheArchitectures() {
        noClasses().that().resideInAPackage("claimsweep.model.fused..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.model", "claimsweep.spec..",
                        "claimsweep.data..", "claimsweep.train..")
                .check(CORE);
    }

    /**
     * The project's own layers (GroupNorm's reference implementation, the wiring every layer needs)
     * are the ground both the architectures and the fused kernels stand on: the fused GroupNorm is
     * proven equal to them, so they must not depend on it.
     */
    @Test
    void ownLayersSitBelowKernelsAndArchitectures() {
        noClasses().that().resideInAPackage("claimsweep.model.layers..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.model", "claimsweep.model.fused..",
                        "claimsweep.spec..", "claimsweep.data..", "claimsweep.train..")
                .check(CORE);
    }

    /** The lowest layers (spec, result, stats) depend on nothing above them. */
    @Test
    void foundationsDependOnNothingAbove() {
        noClasses().that().resideInAnyPackage("claimsweep.spec..", "claimsweep.stats..", "claimsweep.io..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.expand..", "claimsweep.model..",
                        "claimsweep.train..", "claimsweep.claims..", "claimsweep.result..", "claimsweep.data..",
                        "claimsweep.bench..")
                .check(CORE);
        noClasses().that().resideInAnyPackage("claimsweep.result..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.expand..", "claimsweep.model..",
                        "claimsweep.train..", "claimsweep.claims..", "claimsweep.bench..")
                .check(CORE);
    }

    /** Benchmarks are a tool, not part of a run: nothing in the product depends on them. */
    @Test
    void nothingDependsOnTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("claimsweep.bench..")
                .should().dependOnClassesThat().resideInAPackage("claimsweep.bench..")
                .check(CORE);
    }

    /**
     * Run parameters are read by a fixed name only in spec, where RunConfig turns them into typed
     * records once; everything else (trainer, network builder, data pipeline, expansion checks,
     * metrics) reads RunSpec.config(). Claims select runs by whatever parameter a claim file names,
     * through RunSpec.params(), which is a lookup by a name given at run time, not a fixed read.
     */
    @Test
    void onlyTheTypedConfigurationReadsParametersByName() {
        noClasses().that().resideOutsideOfPackages("claimsweep.spec..")
                .should().callMethod(RunSpec.class, "stringParam", String.class)
                .orShould().callMethod(RunSpec.class, "doubleParam", String.class)
                .orShould().callMethod(RunSpec.class, "longParam", String.class)
                .orShould().callMethod(RunSpec.class, "intParam", String.class)
                .because("adding a parameter must be one schema entry plus the typed field that uses it")
                .check(CORE);
    }

    /** No package cycles, subpackages counted as packages of their own (model and model.fused too). */
    @Test
    void noPackageCycles() {
        slices().matching("claimsweep.(**)").should().beFreeOfCycles().check(CORE);
    }
}
