package claimsweep.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The report's Markdown as HTML: what the hand-written converter flattened, and what must never get through. */
class MarkdownTest {
    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** The committed evidence report's notes: headings, a nested list, a table after a list item. */
    @Test
    void theEvidenceNotesRenderHeadingsTablesAndNestedLists() throws Exception {
        Path root = Path.of(System.getProperty("claimsweep.repo.root", "..")).toAbsolutePath().normalize();
        String notes = Files.readString(root.resolve("reports/fashion-mnist-cpu/NOTES.md"));
        String html = Markdown.toHtml(notes);
        assertTrue(html.contains("<h2>How this evidence was produced</h2>"), html);
        assertTrue(html.contains("<h2>Limits of this evidence</h2>"), html);
        assertFalse(html.contains("## "), "no heading left as text");
        assertFalse(html.contains("|---"), "no table left as text");
        // the wall-time table: a header row and one row per experiment file listed in the notes
        long fileRows = notes.lines().filter(l -> l.matches("\\| [AB]\\d+-.*")).count();
        assertEquals(18, fileRows);
        assertEquals(1, count(html, "<table>"));
        assertEquals(fileRows + 1, count(html, "<tr>"));
        assertTrue(html.contains("<th>wall s</th>"), html);
        assertTrue(html.contains("<td>A1-bn-convergence</td>"), html);
        // "Commands:" holds a list of its own
        assertTrue(html.matches("(?s).*<li>Commands:\\s*<ul>\\s*<li><code>scripts/evidence standard FILE \\.\\.\\.</code>.*"),
                html);
    }

    @Test
    void rawHtmlRemoteImagesAndScriptLinksNeverReachTheReport() {
        String html = Markdown.toHtml("""
                <script>alert(1)</script>

                [click](javascript:alert(1)) and ![a plot](https://example.com/x.png)

                <img src="https://example.com/y.png">
                """);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "raw HTML shown as text: " + html);
        assertTrue(html.contains("<em>a plot</em>"), "an image becomes its alt text: " + html);
    }

    @Test
    void inlineMarkdownHasNoParagraphAround() {
        assertEquals("verdict: <strong>supported</strong>: p &lt; 0.05 in <code>best_val_acc</code>",
                Markdown.inlineToHtml("verdict: **supported**: p < 0.05 in `best_val_acc`"));
    }
}
