package claimsweep.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --conf k=v}: Spark properties reach SparkConf; other keys are usage errors; an event-log folder is made. */
class SparkConfArgsTest {
    private static final String[] KEYS = {"spark.eventLog.enabled", "spark.eventLog.dir", "spark.claimsweep.test"};

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        for (String k : KEYS) System.clearProperty(k);
    }

    @Test
    void sparkPropertiesReachANewSparkConfAndALocalEventLogFolderIsCreated() {
        Path dir = tmp.resolve("a/b/events");
        SparkConfArgs.apply(Map.of("spark.claimsweep.test", "x=y", "spark.eventLog.enabled", "true",
                "spark.eventLog.dir", dir.toString()), new CommandLine(new SweepMain()));
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf();
        assertEquals("x=y", conf.get("spark.claimsweep.test"));
        assertEquals(dir.toString(), conf.get("spark.eventLog.dir"));
        assertTrue(Files.isDirectory(dir), "Spark refuses to start when the event-log folder is missing");
    }

    @Test
    void aKeyThatIsNotASparkPropertyIsAUsageErrorExitTwo() throws Exception {
        Path f = Files.writeString(tmp.resolve("s.conf"), "name = s\ndataset = fashion-mnist\n");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SweepMain.execute(f.toString(), "--conf", "eventLog.enabled=true", "--out", tmp.resolve("o").toString());
        } finally {
            System.setErr(old);
        }
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, msg);
        assertTrue(msg.contains("--conf eventLog.enabled=true: found key 'eventLog.enabled', expected a Spark property"),
                msg);
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
        assertNull(System.getProperty("eventLog.enabled"));
    }
}
