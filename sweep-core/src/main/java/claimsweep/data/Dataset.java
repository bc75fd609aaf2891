package claimsweep.data;

/** A data set's two files as loaded: the training file (validation is split from it) and the test file. */
public record Dataset(String name, LabeledImages train, LabeledImages test) {}
