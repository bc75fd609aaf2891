package claimsweep.train;

import claimsweep.data.Dataset;
import claimsweep.data.DatasetCatalog;
import claimsweep.data.Features;
import claimsweep.data.LabeledImages;
import claimsweep.data.Smote;
import claimsweep.data.Splits;
import claimsweep.data.TrainingSet;
import claimsweep.spec.DataConfig;
import claimsweep.spec.RunConfig;
import claimsweep.spec.Seeds;
import claimsweep.spec.Treatments;

/**
 * A run's data, prepared before its first step: the training, validation and test inputs with the
 * run's input treatment (the test inputs as the test_norm bug leaves them), the training labels as
 * the misaligned bug leaves them (with SMOTE's synthetic examples appended), the class weights of the weighted remedy, and for the transfer task
 * (claim A9) the target-class restriction and the source-class images to pretrain on.
 *
 * @param per          pixels per image
 * @param trainX       training rows, row-major
 * @param trainY       training labels
 * @param valX         validation rows
 * @param valY         validation labels
 * @param testX        test rows
 * @param testY        test labels
 * @param sourceX      source-class rows to pretrain on (null without a transfer task)
 * @param sourceY      their labels (null without a transfer task)
 * @param classWeights per-class loss weights (null: unweighted)
 * @param blank        a blank pixel after the input treatment (what augmentation fills with)
 */
record RunData(int per, float[] trainX, int[] trainY, float[] valX, int[] valY, float[] testX, int[] testY,
               float[] sourceX, int[] sourceY, double[] classWeights, float blank) {

    static RunData prepare(RunConfig run, Bugs bugs, Dataset data) {
        DataConfig dc = run.data();
        Seeds seeds = run.seeds();
        Treatments tr = run.treatments();
        LabeledImages trainFile = data.train();
        Splits.Split split = Splits.split(trainFile.labelArray(), DatasetCatalog.CLASSES, dc.trainSize(), dc.valSize(),
                seeds.data());
        TrainingSet ts = TrainingSet.build(split.train(), trainFile.labelArray(), DatasetCatalog.CLASSES, seeds.data(),
                dc.imbalance(), dc.labelNoise(), dc.remedy());
        Features.Treatment treatment = Features.treatment(dc.inputs(), trainFile, ts.rows());
        int[] trainRows = ts.rows();
        int[] trainLabels = ts.labels();
        float[] smoteX = null;
        if (dc.remedy() == DataConfig.Remedy.SMOTE) {
            // synthetic inputs, not rows: the training inputs are built here, with the synthetic ones appended
            Smote.Result s = TrainingSet.smote(Features.rows(trainFile, trainRows, treatment), trainFile.pixelsPerImage(),
                    trainLabels, DatasetCatalog.CLASSES, dc.imbalance(), seeds.data());
            smoteX = s.x();
            trainLabels = s.labels();
        }
        int[] trainY = bugs.trainLabels(trainLabels, seeds.data());
        int[] valRows = split.validation();
        int[] valY = Features.labels(trainFile, valRows);
        LabeledImages testFile = data.test();
        int[] testRows = Features.all(testFile.count());
        int[] testY = Features.labels(testFile, testRows);
        double[] classWeights = ts.classWeights();
        float[] sourceX = null;
        int[] sourceY = null;
        if (tr.transferTask()) {
            // claim A9: the target task is classes 5-9 (as 0-4) from target_labels images per class
            int[] src = Transfer.source(trainY);
            sourceX = Features.rows(trainFile, Transfer.pick(trainRows, src), treatment);
            sourceY = Transfer.pick(trainY, src);
            int[][] train = Transfer.targetTask(trainRows, trainY, tr.targetLabels());
            trainRows = train[0];
            trainY = train[1];
            int[][] val = Transfer.targetTask(valRows, valY, 0);
            valRows = val[0];
            valY = val[1];
            int[][] test = Transfer.targetTask(testRows, testY, 0);
            testRows = test[0];
            testY = test[1];
            classWeights = null;
        }
        Features.Treatment testTreatment = bugs.testInputs() == dc.inputs() ? treatment
                : Features.treatment(bugs.testInputs(), trainFile, ts.rows());
        float[] trainX = smoteX != null ? smoteX : Features.rows(trainFile, trainRows, treatment);
        return new RunData(trainFile.pixelsPerImage(), trainX, trainY,
                Features.rows(trainFile, valRows, treatment), valY, Features.rows(testFile, testRows, testTreatment), testY,
                sourceX, sourceY, classWeights, treatment.blank());
    }
}
