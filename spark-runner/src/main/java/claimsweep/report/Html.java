package claimsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A small HTML builder: escaped text, the Markdown the report also writes (see Markdown), inlined images. */
final class Html {
    private final StringBuilder b = new StringBuilder();

    Html(String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
                        + "line-height:1.4}table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;"
                        + "padding:2px 6px;text-align:left}code{background:#f4f4f4}img{max-width:100%}"
                        + ".supported{background:#d9f2d9}.inconclusive{background:#f2f2d0}"
                        + ".partly_supported{background:#e3f0c8}.weaker{background:#eef3d6}.no_effect{background:#e6e6e6}"
                        + ".opposite{background:#f7d4d4}.not_testable{background:#ececec}.premise_not_met{background:#f0e4f7}.not_run{background:#fff;color:#777;font-style:italic}figure{margin:1em 0}figcaption{font-size:85%;color:#444}"
                        + "</style></head><body>\n");
    }

    Html raw(String s) {
        b.append(s);
        return this;
    }

    Html text(String s) {
        b.append(escape(s));
        return this;
    }

    /** A block of Markdown (headings, tables, nested lists, `code`, **bold**), rendered by commonmark-java. */
    Html markdownish(String s) {
        b.append(claimsweep.report.Markdown.toHtml(s));
        return this;
    }

    Html markdownishInline(String s) {
        b.append(claimsweep.report.Markdown.inlineToHtml(s));
        return this;
    }

    void image(Path png, String caption) {
        try {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
            b.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,").append(data)
                    .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plot " + png + ": " + e.getMessage(), e);
        }
    }

    String finish(Path dir) {
        return b.append("</body></html>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
