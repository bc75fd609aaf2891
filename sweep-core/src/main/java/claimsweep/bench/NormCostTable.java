package claimsweep.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-normalization cost table of {@code scripts/bench train}: each normalized reference model's
 * ms/step relative to the same model without normalization, for DL4J and PyTorch side by side.
 * Claim A7 ("GroupNorm is cheaper than BN") should cite this table: a cost measured on one
 * implementation alone measures that implementation, this one shows both.
 */
final class NormCostTable {
    private NormCostTable() {}

    /** Prints the table for every measured model whose no-normalization baseline was measured too; nothing if none was. */
    static void print(List<ReferenceModel> models, Map<String, TrainBench.Timing> dl4j, Map<String, Double> torch) {
        StringBuilder rows = new StringBuilder();
        for (ReferenceModel m : models) {
            if (m.norm().equals("none")) continue;
            ReferenceModel base = models.stream().filter(b -> b.norm().equals("none") && b.model().equals(m.model())
                    && b.batch() == m.batch() && b.width() == m.width() && b.depth() == m.depth()).findFirst().orElse(null);
            if (base == null || !dl4j.containsKey(base.key()) || !dl4j.containsKey(m.key())) continue;
            double d = dl4j.get(m.key()).bestMsPerStep(), d0 = dl4j.get(base.key()).bestMsPerStep();
            Double t = torch.get(m.key()), t0 = torch.get(base.key());
            String pt = t == null || t0 == null ? "- | - | -" : String.format(Locale.ROOT, "%.2f | %.2fx | %+.2f", t, t / t0, t - t0);
            rows.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2fx | %+.2f | %s |%n", m.model().toUpperCase(Locale.ROOT),
                    m.batch(), m.norm(), d, d / d0, d - d0, pt));
        }
        if (rows.isEmpty()) return;
        System.out.println();
        System.out.println("Normalization cost (ms/step relative to the same model without normalization):");
        System.out.println("| model | batch | norm | DL4J ms/step | DL4J x none | DL4J +ms | PyTorch ms/step | PyTorch x none | PyTorch +ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.print(rows);
    }
}
