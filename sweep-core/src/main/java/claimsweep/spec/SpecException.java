package claimsweep.spec;

import java.util.List;

/**
 * A sweep definition that cannot run. Carries every problem found, not just the first, so a user
 * fixes the file in one pass.
 */
public final class SpecException extends UserError {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public SpecException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public SpecException(Problem problem) {
        this(List.of(problem));
    }

    /** An invalid definition: exit 2, nothing ran. */
    @Override
    public int exitCode() {
        return 2;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                .append(" in the sweep definition:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p.render());
        }
        return sb.toString();
    }
}
