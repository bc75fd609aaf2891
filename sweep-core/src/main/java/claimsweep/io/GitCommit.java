package claimsweep.io;

/**
 * The git commit the running build was made from, for provenance. The build scripts pass it as the
 * system property {@value #PROPERTY} (scripts/submit, scripts/report); a build without it says {@value #UNKNOWN}.
 */
public final class GitCommit {
    public static final String PROPERTY = "claimsweep.git.commit";
    public static final String UNKNOWN = "unknown";

    private GitCommit() {}

    public static String current() {
        return System.getProperty(PROPERTY, UNKNOWN);
    }
}
