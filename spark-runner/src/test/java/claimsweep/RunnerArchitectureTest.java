package claimsweep;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * spark-runner's layers (docs/architecture.md): cli on top; spark (jobs and tasks) and report beside
 * each other; store (result files and tables) at the bottom. Only the spark package touches Spark's
 * scheduling API; the report is written from stored results alone.
 */
class RunnerArchitectureTest {
    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("claimsweep.cli", "claimsweep.spark", "claimsweep.store", "claimsweep.report",
                    "claimsweep.tensorboard");

    @Test
    void onlyTheCliSitsOnTop() {
        noClasses().that().resideOutsideOfPackage("claimsweep.cli..")
                .should().dependOnClassesThat().resideInAPackage("claimsweep.cli..")
                .check(RUNNER);
    }

    @Test
    void storeKnowsNeitherJobsNorReports() {
        noClasses().that().resideInAPackage("claimsweep.store..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.spark..", "claimsweep.report..")
                .check(RUNNER);
    }

    @Test
    void reportsAreBuiltWithoutRunningJobs() {
        noClasses().that().resideInAPackage("claimsweep.report..")
                .should().dependOnClassesThat().resideInAnyPackage("claimsweep.spark..", "claimsweep.train..",
                        "claimsweep.model..", "org.deeplearning4j..", "org.nd4j..")
                .check(RUNNER);
    }

    /** As in sweep-core: parameters are read through the typed RunSpec.config(), never by a fixed name. */
    @Test
    void noFixedNameParameterReads() {
        noClasses().should().callMethod(claimsweep.spec.RunSpec.class, "stringParam", String.class)
                .orShould().callMethod(claimsweep.spec.RunSpec.class, "doubleParam", String.class)
                .orShould().callMethod(claimsweep.spec.RunSpec.class, "longParam", String.class)
                .orShould().callMethod(claimsweep.spec.RunSpec.class, "intParam", String.class)
                .check(RUNNER);
    }

    @Test
    void noPackageCycles() {
        slices().matching("claimsweep.(**)").should().beFreeOfCycles().check(RUNNER);
    }
}
