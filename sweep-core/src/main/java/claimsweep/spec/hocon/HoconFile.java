package claimsweep.spec.hocon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An experiment file read and parsed once: its text, the SHA-256 of its bytes (the sweep hash every
 * result row carries) and the HOCON tree that the sweep, claims and calibration readers share.
 *
 * @param display the name problems are reported under (the path as the user gave it)
 */
public record HoconFile(String display, String text, String sha256, Config root) {

    /** Reads and parses {@code file}; null after reporting to {@code sink} when it cannot. */
    public static HoconFile read(Path file, ProblemSink sink) {
        String display = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            sink.add(display, "(file)", "no such file", "a HOCON sweep file; the examples are in experiments/");
            return null;
        } catch (IOException e) {
            sink.add(display, "(file)", "unreadable (" + e.getMessage() + ")", "a readable HOCON sweep file");
            return null;
        }
        return of(display, new String(bytes, StandardCharsets.UTF_8), sha256(bytes), sink);
    }

    /** Parses text that came from {@code display}; null after reporting a syntax error to {@code sink}. */
    public static HoconFile of(String display, String text, String sha256, ProblemSink sink) {
        try {
            Config root = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setOriginDescription(display));
            return new HoconFile(display, text, sha256, root);
        } catch (ConfigException e) {
            sink.add(Hocon.where(e.origin()), "(syntax)", "malformed HOCON: " + Hocon.stripOrigin(e),
                    "valid HOCON (see https://github.com/lightbend/config/blob/main/HOCON.md)");
            return null;
        }
    }

    /** Hex SHA-256 of the file's bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
