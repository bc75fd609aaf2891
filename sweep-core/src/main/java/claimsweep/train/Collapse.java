package claimsweep.train;

import java.util.Locale;

/**
 * Whether a run that ended with finite losses collapsed (issue 15 item 6): its final validation
 * accuracy is at chance, no better than always guessing the most common class (within
 * {@link #Z} binomial standard deviations), and its predictions ignore the input, at least
 * {@link #TOP_SHARE} of them falling on one class. Both, because "at chance" alone also describes
 * a run that has not learned yet (a rate of 1e-7: varied predictions, accuracy 0.06) or learns labels
 * that carry no information (the misaligned bug: 0.11): those are results of their own, which the
 * accuracy shows. A collapsed network (dead units after clipped large steps, claim B6d; every unit
 * normalized to 0 by batch statistics of one image) gives one answer for every image.
 */
final class Collapse {
    /** Standard deviations of the chance accuracy within which an accuracy counts as chance. */
    static final double Z = 3;
    /** Share of predictions on one class from which the outputs count as ignoring the input. */
    static final double TOP_SHARE = 0.9;

    private Collapse() {}

    /** Why the run counts as collapsed, or null when it does not. */
    static String reason(Evaluator.Score finalVal, int examples) {
        double chance = finalVal.majorityShare();
        double bound = chance + Z * Math.sqrt(chance * (1 - chance) / Math.max(1, examples));
        if (finalVal.accuracy() > bound || finalVal.topPredictedShare() < TOP_SHARE) return null;
        return String.format(Locale.ROOT, "collapsed: final validation accuracy %.4f at chance (guessing the most common "
                + "class gives %.4f; bound %.4f) with %.1f%% of the predictions on one class", finalVal.accuracy(), chance,
                bound, 100 * finalVal.topPredictedShare());
    }
}
